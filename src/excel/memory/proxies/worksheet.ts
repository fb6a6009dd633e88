/** The Worksheet proxy: name, activation, deletion, its ranges, notes, comments and change events. */
import { MAX_COLUMNS, MAX_ROWS, parseAddress, type Rect } from "../address";
import { invalidArgument, itemAlreadyExists } from "../errors";
import type { MemoryWorkbook, SheetModel } from "../model";
import { ProxyBase, type ProxyOptions } from "./base";
import { CommentCollection } from "./comments";
import type { MemoryRequestContext } from "./context";
import { WorksheetChangedEvent } from "./events";
import { WorksheetFreezePanes } from "./freezePanes";
import { NoteCollection } from "./notes";
import { Range } from "./range";
import { checkRect } from "./rangeCells";

const BAD_SHEET_CHARS = /[[\]:*?/\\]/;

export function checkSheetName(
  model: MemoryWorkbook,
  name: unknown,
  location: string,
  except?: SheetModel,
): string {
  if (typeof name !== "string" || name.length === 0 || name.length > 31 || BAD_SHEET_CHARS.test(name)) {
    throw invalidArgument(location, "invalid sheet name");
  }
  if (name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") {
    throw invalidArgument(location, "invalid sheet name");
  }
  const existing = model.findSheet(name);
  if (existing && existing !== except) throw itemAlreadyExists(location);
  return name;
}

export class Worksheet extends ProxyBase<SheetModel> {
  protected readonly scalarNames = ["name", "id", "position", "visibility"] as const;

  /** @internal */
  constructor(
    ctx: MemoryRequestContext,
    resolve: (() => SheetModel | null) | SheetModel,
    opts: Omit<ProxyOptions, "entity">,
  ) {
    super(ctx, resolve, { ...opts, entity: "Worksheet" });
  }

  protected readScalar(name: string): unknown {
    const sheet = this.t;
    if (name === "name") return sheet.name;
    if (name === "id") return sheet.id;
    if (name === "position") return this.model.position(sheet);
    return "Visible";
  }

  protected override navigation(name: string): ProxyBase<unknown> | undefined {
    if (name === "freezePanes") return this.freezePanes;
    return undefined;
  }

  get name(): string {
    return this.get("name");
  }
  set name(value: string) {
    this.set("name", value, () => {
      this.t.name = checkSheetName(this.model, value, "Worksheet.name", this.t);
    });
  }
  get id(): string {
    return this.get("id");
  }
  get position(): number {
    return this.get("position");
  }
  get visibility(): "Visible" {
    return this.get("visibility");
  }

  /** Makes this the active sheet (UI state, not counted as a write). */
  activate(): void {
    this.call("activate", () => this.model.activate(this.t), { write: false });
  }

  delete(): void {
    this.call(
      "delete",
      () => {
        if (this.model.sheets.length === 1) throw invalidArgument("Worksheet.delete", "the last sheet");
        this.model.removeSheet(this.t);
      },
      { write: true },
    );
  }

  private range(
    name: string,
    f: (sheet: SheetModel) => Rect | null,
    opts: { nullable?: boolean; since?: string } = {},
  ): Range {
    const location = `Worksheet.${name}`;
    return new Range(
      this._ctx,
      () => {
        const rect = f(this.t);
        return rect === null ? null : { sheet: this.t, rect: checkRect(rect, location) };
      },
      { location, parent: this, ...opts },
    );
  }

  /** "A1", "B2:D10", "Sheet1!A1:B2", "3:5", "A:C"; no address = the whole sheet. */
  getRange(address?: string): Range {
    return this.range("getRange", (sheet) => {
      if (address === undefined || address === "")
        return { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLUMNS - 1 };
      const parsed = parseAddress(address);
      if (!parsed) throw invalidArgument("Worksheet.getRange", `not an address: ${address}`);
      if (parsed.sheetName !== undefined && parsed.sheetName.toLowerCase() !== sheet.name.toLowerCase()) {
        throw invalidArgument("Worksheet.getRange", "the address names another sheet");
      }
      return parsed.rect;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return this.range(
      "getRangeByIndexes",
      () => ({
        top: startRow,
        left: startColumn,
        bottom: startRow + rowCount - 1,
        right: startColumn + columnCount - 1,
      }),
      { since: "1.7" },
    );
  }

  getCell(row: number, column: number): Range {
    return this.range("getCell", () => ({ top: row, bottom: row, left: column, right: column }));
  }

  /** The used range; "A1" on an empty sheet (as Excel). */
  getUsedRange(valuesOnly?: boolean): Range {
    return this.range(
      "getUsedRange",
      (sheet) => sheet.usedRect(valuesOnly === true) ?? { top: 0, left: 0, bottom: 0, right: 0 },
      { since: valuesOnly === undefined ? undefined : "1.2" },
    );
  }

  /** The used range, or a null object on an empty sheet. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this.range("getUsedRangeOrNullObject", (sheet) => sheet.usedRect(valuesOnly === true), {
      nullable: true,
      since: "1.4",
    });
  }

  get freezePanes(): WorksheetFreezePanes {
    return this.child("freezePanes", () => new WorksheetFreezePanes(this));
  }

  get notes(): NoteCollection {
    return this.child("notes", () => new NoteCollection(this._ctx, this));
  }

  get comments(): CommentCollection {
    return this.child("comments", () => new CommentCollection(this._ctx, this));
  }

  private changedEvent?: WorksheetChangedEvent;

  /** Data changes on this sheet (ExcelApi 1.7); format changes do not fire it. */
  get onChanged(): WorksheetChangedEvent {
    this.changedEvent ??= new WorksheetChangedEvent(this, () => this.t, "1.7");
    return this.changedEvent;
  }
}
