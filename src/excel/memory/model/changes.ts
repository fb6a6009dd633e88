/**
 * Change records and their delivery: what a batch changed is kept until the batch ends, then
 * reaches the `onChanged` handlers on a later macrotask, as Excel delivers events.
 */
import type { Rect } from "../address";
import type { RangeValue, ValueType } from "../values";
import type { SheetModel } from "./sheet";

export type TriggerSource = "ThisLocalAddin" | "Unknown";

export interface ChangeRecord {
  readonly sheet: SheetModel;
  readonly rect: Rect;
  readonly triggerSource: TriggerSource;
  readonly details?: {
    readonly valueBefore: RangeValue;
    readonly valueAfter: RangeValue;
    readonly valueTypeBefore: ValueType;
    readonly valueTypeAfter: ValueType;
  };
}

export interface HandlerEntry {
  readonly scope: SheetModel | "workbook";
  readonly handler: (args: ChangeRecord) => unknown;
}

/**
 * The handlers and the changes waiting for them. Handler errors and promises are kept so that
 * `whenIdle` can wait for them and tests can look (Excel swallows a handler's error).
 */
export class ChangeLog {
  private readonly handlers: HandlerEntry[] = [];
  private pendingChanges: ChangeRecord[] = [];
  private readonly busy = new Set<Promise<unknown>>();
  private timersPending = 0;
  readonly handlerErrors: unknown[] = [];

  /** `isLive` says whether a sheet still exists when its change is delivered. */
  constructor(private readonly isLive: (sheet: SheetModel) => boolean) {}

  record(change: ChangeRecord): void {
    this.pendingChanges.push(change);
  }

  /** The changes recorded since the last call (the end of a batch). */
  takePending(): ChangeRecord[] {
    const changes = this.pendingChanges;
    this.pendingChanges = [];
    return changes;
  }

  addHandler(scope: SheetModel | "workbook", handler: (args: ChangeRecord) => unknown): HandlerEntry {
    const entry = { scope, handler };
    this.handlers.push(entry);
    return entry;
  }

  removeHandler(entry: unknown): void {
    const i = this.handlers.indexOf(entry as HandlerEntry);
    if (i >= 0) this.handlers.splice(i, 1);
  }

  /** Keeps only the handlers whose scope passes (a sheet removed, or every sheet replaced). */
  keepHandlers(keep: (scope: SheetModel | "workbook") => boolean): void {
    this.handlers.splice(0, this.handlers.length, ...this.handlers.filter((h) => keep(h.scope)));
  }

  get handlerCount(): number {
    return this.handlers.length;
  }

  /** Delivers the changes to the handlers on a later macrotask, after the sync has resolved. */
  deliverLater(changes: readonly ChangeRecord[]): void {
    if (changes.length === 0) return;
    this.timersPending++;
    setTimeout(() => {
      this.timersPending--;
      for (const change of changes) this.dispatch(change);
    }, 0);
  }

  private dispatch(change: ChangeRecord): void {
    if (!this.isLive(change.sheet)) return;
    for (const entry of [...this.handlers]) {
      if (entry.scope !== "workbook" && entry.scope !== change.sheet) continue;
      try {
        const result = entry.handler(change);
        if (result instanceof Promise) this.track(result.catch((e: unknown) => this.handlerErrors.push(e)));
      } catch (e) {
        this.handlerErrors.push(e);
      }
    }
  }

  /** Lets `whenIdle` wait for work started by the emulator (handlers, Excel.run batches). */
  track<T>(promise: Promise<T>): Promise<T> {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.busy.add(settled);
    void settled.then(() => this.busy.delete(settled));
    return promise;
  }

  /** Resolves once no change event is waiting and every tracked promise has settled. */
  async whenIdle(): Promise<void> {
    for (let guard = 0; guard < 1000; guard++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.busy.size === 0 && this.timersPending === 0) return;
      await Promise.all([...this.busy]);
    }
    throw new Error("the in-memory Excel did not settle");
  }
}
