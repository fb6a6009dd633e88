/// <reference types="office-js" />
import { MARK_FILL, type CellMark, type Severity } from "../domain";
import { cellAddress, cellKey, parseRange } from "./a1";

/**
 * The marks the add-in has put on a sheet, and the diff that keeps them in line with the engine's
 * verdicts: only cells whose severity or message changed are written (each add-in write can cost the
 * user's undo history before ExcelApi 1.20).
 */

/** Our notes start with this, so a note left by an earlier session is recognised as ours. */
export const NOTE_PREFIX = "【采集名单助手】";

/** "#FFC7CE" for errors, "#FFEB9C" for warnings: the engine's ARGB without alpha. */
export function markColour(severity: Severity): string {
  return `#${MARK_FILL[severity].slice(2)}`;
}

const MARK_COLOURS = new Set(Object.values(MARK_FILL).map((argb) => `#${argb.slice(2)}`.toUpperCase()));

/** How a cell looked before its first mark: what it gets back when it becomes right. */
export interface Original {
  /** "#RRGGBB", or null for no fill. */
  fill: string | null;
  /** The user's note/comment that was there before (restored when the mark goes), or null. */
  annotation: string | null;
  /** A note/comment sat on the cell when it was first marked (the user's, or ours from an earlier session). */
  present: boolean;
}

export interface MarkedCell {
  row: number;
  col: number;
  severity: Severity;
  note: string;
  original: Original;
}

export type Annotation = "note" | "comment" | "none";

export interface MarkDiff {
  /** Cells without a mark that get one. */
  add: CellMark[];
  /** Marked cells whose severity or message changed. */
  change: { mark: CellMark; prev: MarkedCell }[];
  /** Marked cells that became right. */
  remove: MarkedCell[];
}

export function isEmptyDiff(d: MarkDiff): boolean {
  return d.add.length === 0 && d.change.length === 0 && d.remove.length === 0;
}

/** The marks on one sheet, keyed "row:col" (1-based row, 0-based column). */
export class SheetMarks {
  readonly cells = new Map<string, MarkedCell>();
  /** row → its marked columns: a diff scoped to a few rows visits those rows, not the whole sheet. */
  private readonly byRow = new Map<number, Set<number>>();

  /**
   * Compares the wanted marks with what is on the sheet. With `rows`, only those rows are in scope
   * (an incremental check re-judges a few rows; marks elsewhere stand): O(wanted + marks of those
   * rows), however many marks the sheet holds.
   */
  diff(wanted: readonly CellMark[], rows?: ReadonlySet<number>): MarkDiff {
    const out: MarkDiff = { add: [], change: [], remove: [] };
    const seen = new Set<string>();
    for (const mark of wanted) {
      const k = cellKey(mark.row, mark.col);
      seen.add(k);
      const prev = this.cells.get(k);
      if (!prev) out.add.push(mark);
      else if (prev.severity !== mark.severity || prev.note !== mark.note) out.change.push({ mark, prev });
    }
    const stale = (cell: MarkedCell | undefined, k: string): void => {
      if (cell && !seen.has(k)) out.remove.push(cell);
    };
    if (rows) {
      for (const row of rows) {
        for (const col of this.byRow.get(row) ?? NO_COLUMNS) {
          const k = cellKey(row, col);
          stale(this.cells.get(k), k);
        }
      }
    } else for (const [k, cell] of this.cells) stale(cell, k);
    return out;
  }

  /** Records a written diff; `originals` holds what each added cell looked like before. */
  apply(diff: MarkDiff, originals: ReadonlyMap<string, Original>): void {
    for (const cell of diff.remove) {
      this.cells.delete(cellKey(cell.row, cell.col));
      const cols = this.byRow.get(cell.row);
      cols?.delete(cell.col);
      if (cols?.size === 0) this.byRow.delete(cell.row);
    }
    for (const { mark, prev } of diff.change) {
      this.cells.set(cellKey(mark.row, mark.col), { ...mark, original: prev.original });
    }
    for (const mark of diff.add) {
      const k = cellKey(mark.row, mark.col);
      this.cells.set(k, { ...mark, original: originals.get(k) ?? NO_ORIGINAL });
      let cols = this.byRow.get(mark.row);
      if (!cols) this.byRow.set(mark.row, (cols = new Set()));
      cols.add(mark.col);
    }
  }

  annotationCount(): number {
    return this.cells.size;
  }
}

const NO_COLUMNS: ReadonlySet<number> = new Set();

export const NO_ORIGINAL: Original = { fill: null, annotation: null, present: false };

// ---- reading what a cell looked like ---------------------------------------------------------------

export interface OriginalsRequest {
  read(): Map<string, Original>;
}

/**
 * Queues (no sync) the loads that tell each cell's fill and note before it is marked. Comments have
 * no per-cell "or null" lookup: `comments` (cell key → content, from readCommentCells) stands in.
 */
export function queueOriginals(
  sheet: Excel.Worksheet,
  cells: readonly { row: number; col: number }[],
  opts: { tintAndShade: boolean; annotation: Annotation; comments?: ReadonlyMap<string, string> },
): OriginalsRequest {
  const fillProps = opts.tintAndShade ? "color,tintAndShade" : "color";
  const loads = cells.map((c) => {
    const fill = sheet.getCell(c.row - 1, c.col).format.fill.load(fillProps);
    const note =
      opts.annotation === "note"
        ? sheet.notes.getItemOrNullObject(cellAddress(c.row, c.col)).load("content")
        : undefined;
    return { key: cellKey(c.row, c.col), fill, note };
  });
  return {
    read() {
      const out = new Map<string, Original>();
      for (const { key, fill, note } of loads) {
        const tint = opts.tintAndShade ? fill.tintAndShade : undefined;
        const text = note ? (note.isNullObject ? undefined : note.content) : opts.comments?.get(key);
        const present = text !== undefined;
        const annotation = text !== undefined && !text.startsWith(NOTE_PREFIX) ? text : null;
        out.set(key, { fill: originalFill(fill.color, tint), annotation, present });
      }
      return out;
    },
  };
}

/**
 * Excel reads "#FFFFFF" for a cell without fill; tintAndShade (1.9) tells no fill (null) from white.
 * A fill in one of our mark colours is a mark an earlier session left: its original is unknown, use none.
 */
export function originalFill(color: string | null | undefined, tintAndShade?: number | null): string | null {
  if (!color) return null;
  const upper = color.toUpperCase();
  if (MARK_COLOURS.has(upper)) return null;
  if (upper === "#FFFFFF" && (tintAndShade === undefined || tintAndShade === null)) return null;
  return upper;
}

// ---- writing ---------------------------------------------------------------------------------------

function noteText(note: string): string {
  return `${NOTE_PREFIX}${note}`;
}

/**
 * Queues every write of a diff (no sync): fills, and notes/comments where the client has them.
 * `hasAnnotation(key)` says whether the cell holds a note/comment now (ours or the user's).
 */
export function queueMarkWrites(
  sheet: Excel.Worksheet,
  diff: MarkDiff,
  originals: ReadonlyMap<string, Original>,
  annotation: Annotation,
): void {
  const setNote = (row: number, col: number, text: string, exists: boolean): void => {
    const address = cellAddress(row, col);
    if (annotation === "note") {
      if (exists) sheet.notes.getItem(address).content = text;
      else sheet.notes.add(address, text);
    } else if (annotation === "comment") {
      if (exists) sheet.comments.getItemByCell(address).content = text;
      else sheet.comments.add(address, text);
    }
  };
  const dropNote = (row: number, col: number, original: Original): void => {
    const address = cellAddress(row, col);
    if (annotation === "note") {
      if (original.annotation !== null) sheet.notes.getItem(address).content = original.annotation;
      else sheet.notes.getItem(address).delete();
    } else if (annotation === "comment") {
      if (original.annotation !== null) sheet.comments.getItemByCell(address).content = original.annotation;
      else sheet.comments.getItemByCell(address).delete();
    }
  };

  for (const mark of diff.add) {
    const fill = sheet.getCell(mark.row - 1, mark.col).format.fill;
    fill.color = markColour(mark.severity);
    const original = originals.get(cellKey(mark.row, mark.col)) ?? NO_ORIGINAL;
    setNote(mark.row, mark.col, noteText(mark.note), original.present);
  }
  for (const { mark, prev } of diff.change) {
    if (mark.severity !== prev.severity) {
      sheet.getCell(mark.row - 1, mark.col).format.fill.color = markColour(mark.severity);
    }
    if (mark.note !== prev.note) setNote(mark.row, mark.col, noteText(mark.note), true);
  }
  for (const cell of diff.remove) {
    const fill = sheet.getCell(cell.row - 1, cell.col).format.fill;
    if (cell.original.fill) fill.color = cell.original.fill;
    else fill.clear();
    dropNote(cell.row, cell.col, cell.original);
  }
}

/**
 * Where the sheet's comments are (ExcelApi 1.10): cell key → content. Two round trips (items, then
 * their locations), so callers only ask when the sheet holds comments that are not ours.
 */
export async function readCommentCells(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
): Promise<Map<string, string>> {
  const comments = sheet.comments.load("items/content");
  await context.sync();
  const located = comments.items.map((c) => ({ content: c.content, where: c.getLocation().load("address") }));
  if (located.length > 0) await context.sync();
  const out = new Map<string, string>();
  for (const { content, where } of located) {
    const rect = parseRange(where.address);
    if (rect) out.set(cellKey(rect.top + 1, rect.left), content);
  }
  return out;
}
