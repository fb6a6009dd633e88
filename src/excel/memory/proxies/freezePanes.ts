/** A worksheet's frozen rows and columns (ExcelApi 1.7). */
import { MAX_COLUMNS, MAX_ROWS } from "../address";
import { invalidArgument } from "../errors";
import type { SheetModel } from "../model";
import { ProxyBase } from "./base";
import { Range } from "./range";
import type { Worksheet } from "./worksheet";

export class WorksheetFreezePanes extends ProxyBase<SheetModel> {
  protected readonly scalarNames = [] as const;

  /** @internal */
  constructor(private readonly sheet: Worksheet) {
    super(sheet._ctx, () => sheet._target ?? null, {
      entity: "WorksheetFreezePanes",
      location: "Worksheet.freezePanes",
      parent: sheet,
      since: "1.7",
    });
  }

  protected readScalar(): unknown {
    return undefined;
  }

  private freeze(name: string, rows: number, columns: number): void {
    this.call(
      name,
      () => {
        if (rows < 0 || columns < 0 || rows >= MAX_ROWS || columns >= MAX_COLUMNS) {
          throw invalidArgument(`WorksheetFreezePanes.${name}`);
        }
        this.t.frozenRows = rows;
        this.t.frozenColumns = columns;
      },
      { write: true, since: "1.7" },
    );
  }

  freezeRows(count = 1): void {
    this.freeze("freezeRows", count, 0);
  }

  freezeColumns(count = 1): void {
    this.freeze("freezeColumns", 0, count);
  }

  unfreeze(): void {
    this.freeze("unfreeze", 0, 0);
  }

  private location(name: string, nullable: boolean): Range {
    return new Range(
      this._ctx,
      () => {
        const sheet = this.t;
        const rows = sheet.frozenRows;
        const cols = sheet.frozenColumns;
        if (rows === 0 && cols === 0) return null;
        const rect =
          cols === 0
            ? { top: 0, bottom: rows - 1, left: 0, right: MAX_COLUMNS - 1 }
            : rows === 0
              ? { top: 0, bottom: MAX_ROWS - 1, left: 0, right: cols - 1 }
              : { top: 0, bottom: rows - 1, left: 0, right: cols - 1 };
        return { sheet, rect };
      },
      { location: `WorksheetFreezePanes.${name}`, parent: this, nullable, since: "1.7" },
    );
  }

  getLocation(): Range {
    return this.location("getLocation", false);
  }

  getLocationOrNullObject(): Range {
    return this.location("getLocationOrNullObject", true);
  }

  get worksheet(): Worksheet {
    return this.sheet;
  }
}
