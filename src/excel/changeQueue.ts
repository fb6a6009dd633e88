import type { CellValue } from "../domain";
import { parseRange, type Rect } from "./a1";
import { valueFromDetails } from "./readList";

/**
 * Live checking's bookkeeping, free of Office calls: change events are queued while a check runs and
 * merged into one batch of work; the add-in's own writes are recognised and dropped.
 */

/** What the adapter keeps of a worksheet.onChanged event. */
export interface ChangeEvent {
  worksheetId: string;
  address: string;
  triggerSource?: string;
  details?: { valueAfter: unknown; valueTypeAfter?: string };
}

/** The merged work of a burst of events on the checked sheet. */
export interface ChangeBatch {
  /** Something needs a fresh read of the whole list (header row touched, huge range, other sheet). */
  full: boolean;
  /** Single cells whose new value the event reported (1-based row, 0-based column), in event order. */
  cells: { row: number; col: number; value: CellValue }[];
  /** Worksheet rows (1-based) to read again: multi-cell edits and pastes. */
  rows: Set<number>;
}

/**
 * More rows than this in one event or one burst (a column deleted, a sheet cleared) is cheaper as a
 * full check.
 */
export const MAX_EVENT_ROWS = 20_000;

export class ChangeQueue {
  private pending: ChangeEvent[] = [];

  push(event: ChangeEvent): void {
    this.pending.push(event);
  }

  get size(): number {
    return this.pending.length;
  }

  clear(): void {
    this.pending = [];
  }

  /**
   * Takes every queued event for the sheet and merges them. `headerRow` is the list's header row
   * (1-based) or undefined when no list was found; `useDetails(col, valueType)` says whether a
   * single-cell event's reported value is trustworthy for that column (see liveCheck).
   */
  take(
    sheetId: string,
    headerRow: number | undefined,
    useDetails: (col: number, valueType: string | undefined) => boolean,
  ): ChangeBatch {
    const batch: ChangeBatch = { full: false, cells: [], rows: new Set() };
    const events = this.pending;
    this.pending = [];
    for (const e of events) {
      if (e.worksheetId !== sheetId) continue;
      const rect = parseRange(e.address);
      if (!rect || headerRow === undefined || rect.top + 1 <= headerRow) {
        batch.full = true;
        continue;
      }
      const single = rect.top === rect.bottom && rect.left === rect.right;
      if (single && e.details && useDetails(rect.left, e.details.valueTypeAfter)) {
        const value = valueFromDetails(e.details.valueAfter, e.details.valueTypeAfter);
        batch.cells.push({ row: rect.top + 1, col: rect.left, value });
        continue;
      }
      // The limit holds for the whole burst too: many big pastes queued behind a check are one reload.
      if (batch.full || rect.bottom - rect.top + 1 + batch.rows.size > MAX_EVENT_ROWS) {
        batch.full = true;
        continue;
      }
      for (let r = rect.top; r <= rect.bottom; r++) batch.rows.add(r + 1);
    }
    if (batch.full) {
      batch.cells = [];
      batch.rows.clear();
    }
    return batch;
  }
}

interface OwnWrite {
  sheetId: string;
  rect: Rect;
  at: number;
  key: string;
  done: boolean;
}

function writeKey(sheetId: string, r: Rect): string {
  return `${sheetId}!${r.top}:${r.left}:${r.bottom}:${r.right}`;
}

/**
 * Recognises change events caused by the add-in's own value writes on clients that do not report
 * triggerSource: each written rectangle is remembered until an event covering it arrives (or it ages).
 * A fix-all writes thousands of cells and gets as many events back: each is matched in O(1) by its
 * exact address, and ageing drops entries from the front of the time-ordered queue, so n writes and
 * their n events cost O(n), not O(n²). Only an event matching no exact write (an event covering
 * several writes, or the user's own edit) scans the remembered writes.
 */
export class OwnWriteGuard {
  /** Writes in the order recorded (so in time order); entries before `head` are gone. */
  private queue: OwnWrite[] = [];
  private head = 0;
  /** Exact address → its pending writes, oldest first. */
  private readonly byKey = new Map<string, OwnWrite[]>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly ttlMs = 5_000,
  ) {}

  record(sheetId: string, rects: readonly Rect[]): void {
    const at = this.now();
    for (const rect of rects) {
      const w: OwnWrite = { sheetId, rect, at, key: writeKey(sheetId, rect), done: false };
      this.queue.push(w);
      const same = this.byKey.get(w.key);
      if (same) same.push(w);
      else this.byKey.set(w.key, [w]);
    }
  }

  /** Writes still waiting for their event. */
  get pending(): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) if (!this.queue[i].done) n++;
    return n;
  }

  /** True when the event was caused by the add-in (and is then forgotten). */
  isOwn(event: ChangeEvent): boolean {
    if (event.triggerSource === "ThisLocalAddin") {
      this.consume(event);
      return true;
    }
    // "Unknown" is what Excel reports for the user (and other add-ins): never ours.
    if (event.triggerSource !== undefined) return false;
    return this.consume(event);
  }

  private consume(event: ChangeEvent): boolean {
    this.expire();
    const rect = parseRange(event.address);
    if (!rect) return false;
    const exact = this.byKey.get(writeKey(event.worksheetId, rect));
    if (exact) {
      this.forget(exact[0]);
      return true;
    }
    for (let i = this.head; i < this.queue.length; i++) {
      const w = this.queue[i];
      if (
        !w.done &&
        w.sheetId === event.worksheetId &&
        w.rect.top <= rect.top &&
        w.rect.left <= rect.left &&
        w.rect.bottom >= rect.bottom &&
        w.rect.right >= rect.right
      ) {
        this.forget(w);
        return true;
      }
    }
    return false;
  }

  private forget(w: OwnWrite): void {
    w.done = true;
    const same = this.byKey.get(w.key);
    if (!same) return;
    const i = same.indexOf(w);
    if (i >= 0) same.splice(i, 1);
    if (same.length === 0) this.byKey.delete(w.key);
  }

  /** Drops writes older than the TTL from the front of the queue. */
  private expire(): void {
    const t = this.now();
    const q = this.queue;
    while (this.head < q.length && t - q[this.head].at > this.ttlMs) {
      const w = q[this.head++];
      if (!w.done) this.forget(w);
    }
    // Compact once the dead prefix is most of the array (amortised O(1) per write).
    if (this.head > 1024 && this.head * 2 > q.length) {
      this.queue = q.slice(this.head);
      this.head = 0;
    }
  }
}
