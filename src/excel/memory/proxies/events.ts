/** `onChanged` of a worksheet or of the workbook's sheets, and the arguments its handlers get. */
import { formatRef } from "../address";
import { itemNotFound } from "../errors";
import type { ChangeRecord, SheetModel } from "../model";
import type { RangeValue, ValueType } from "../values";
import type { ProxyBase } from "./base";
import type { MemoryRequestContext } from "./context";
import { Range } from "./range";

export interface WorksheetChangedEventArgs {
  readonly type: "WorksheetChanged";
  readonly worksheetId: string;
  /** The changed cells without the sheet name ("B3", "A2:D40"). */
  readonly address: string;
  readonly changeType: "RangeEdited";
  readonly source: "Local";
  readonly triggerSource: "ThisLocalAddin" | "Unknown";
  /** Present only when one cell changed. */
  readonly details?: {
    readonly valueBefore: RangeValue;
    readonly valueAfter: RangeValue;
    readonly valueTypeBefore: ValueType;
    readonly valueTypeAfter: ValueType;
  };
  getRange(ctx: MemoryRequestContext): Range;
  getRangeOrNullObject(ctx: MemoryRequestContext): Range;
}

function eventArgs(change: ChangeRecord): WorksheetChangedEventArgs {
  const address = formatRef(change.rect);
  const sheetId = change.sheet.id;
  const args: WorksheetChangedEventArgs = {
    type: "WorksheetChanged",
    worksheetId: sheetId,
    address,
    changeType: "RangeEdited",
    source: "Local",
    triggerSource: change.triggerSource,
    getRange: (ctx) => ctx.workbook.worksheets.getItem(sheetId).getRange(address),
    getRangeOrNullObject: (ctx) =>
      new Range(
        ctx,
        () => {
          const sheet = ctx._host.model.findSheetById(sheetId);
          return sheet ? { sheet, rect: change.rect } : null;
        },
        { location: "WorksheetChangedEventArgs.getRangeOrNullObject", nullable: true, since: "1.8" },
      ),
  };
  return change.details ? { ...args, details: { ...change.details } } : args;
}

export class EventHandlerResult {
  /** @internal */ _entry: unknown;
  constructor(
    readonly context: MemoryRequestContext,
    private readonly unregister: (result: EventHandlerResult) => void,
  ) {}

  /** Queues the removal; the handler stops at this context's next sync (as in Office.js). */
  remove(): void {
    this.unregister(this);
  }
}

export class WorksheetChangedEvent {
  /** @internal */
  constructor(
    private readonly owner: ProxyBase<unknown>,
    private readonly scope: () => SheetModel | "workbook",
    private readonly since: string,
  ) {}

  add(handler: (args: WorksheetChangedEventArgs) => Promise<unknown> | unknown): EventHandlerResult {
    const ctx = this.owner._ctx;
    const result = new EventHandlerResult(ctx, (r) =>
      ctx._enqueue(
        {
          run: () => {
            ctx._host.model.removeHandler(r._entry);
          },
          location: "EventHandlerResult.remove",
        },
        false,
      ),
    );
    ctx._enqueue(
      {
        run: () => {
          if (this.owner._isNull) throw itemNotFound("onChanged.add");
          result._entry = ctx._host.model.addHandler(this.scope(), (change) => handler(eventArgs(change)));
        },
        since: this.since,
        location: "onChanged.add",
      },
      false,
    );
    return result;
  }
}
