/** The workbook's worksheets: lookup by name or id, the active sheet, adding, workbook-wide events. */
import type { MemoryWorkbook, SheetModel } from "../model";
import { CollectionBase, type ClientResult } from "./base";
import type { MemoryRequestContext } from "./context";
import { WorksheetChangedEvent } from "./events";
import { Worksheet, checkSheetName } from "./worksheet";

export class WorksheetCollection extends CollectionBase<MemoryWorkbook, Worksheet> {
  /** @internal */
  constructor(ctx: MemoryRequestContext) {
    super(ctx, () => ctx._host.model, { entity: "WorksheetCollection", location: "Workbook.worksheets" });
  }

  protected listItems(): Worksheet[] {
    return this.model.sheets.map(
      (s) => new Worksheet(this._ctx, s, { location: "WorksheetCollection.items" }),
    );
  }

  getActiveWorksheet(): Worksheet {
    return new Worksheet(this._ctx, () => this.model.activeSheet, {
      location: "WorksheetCollection.getActiveWorksheet",
    });
  }

  /** By name (case-insensitive) or id; ItemNotFound at sync when missing. */
  getItem(key: string): Worksheet {
    return new Worksheet(this._ctx, () => this.find(key), { location: "WorksheetCollection.getItem" });
  }

  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(this._ctx, () => this.find(key), {
      location: "WorksheetCollection.getItemOrNullObject",
      nullable: true,
      since: "1.4",
    });
  }

  private find(key: string): SheetModel | null {
    return this.model.findSheet(key) ?? this.model.findSheetById(key) ?? null;
  }

  /** Adds a sheet at the end ("SheetN" when no name is given). */
  add(name?: string): Worksheet {
    let created: SheetModel | null = null;
    this.call(
      "add",
      () => {
        const finalName =
          name === undefined ? undefined : checkSheetName(this.model, name, "WorksheetCollection.add");
        created = this.model.addSheet(finalName);
      },
      { write: true },
    );
    return new Worksheet(this._ctx, () => created, { location: "WorksheetCollection.add" });
  }

  getCount(): ClientResult<number> {
    return this.count("getCount", () => this.model.sheets.length, "1.4");
  }

  private changedEvent?: WorksheetChangedEvent;

  /** Workbook-wide change events (ExcelApi 1.9). */
  get onChanged(): WorksheetChangedEvent {
    this.changedEvent ??= new WorksheetChangedEvent(this, () => "workbook", "1.9");
    return this.changedEvent;
  }
}
