/** The Range proxy: values, formulas, number formats, text, derived ranges, selection, clearing. */
import {
  MAX_COLUMNS,
  MAX_ROWS,
  formatAddress,
  isEntireColumns,
  isEntireRows,
  rectColumns,
  rectRows,
  type Rect,
} from "../address";
import { invalidArgument } from "../errors";
import {
  GENERAL_FORMAT,
  displayText,
  parseApiValue,
  readType,
  readValue,
  type RangeValue,
  type ValueType,
} from "../values";
import { ClientResult, ProxyBase, type ProxyOptions } from "./base";
import { resolveCellArgument } from "./cellArgument";
import {
  readCellProperties,
  writeCellProperties,
  type CellProperties,
  type CellPropertiesInput,
  type CellPropertiesLoadOptions,
} from "./cellProperties";
import type { MemoryRequestContext } from "./context";
import { DataValidation } from "./dataValidation";
import { RangeFormat } from "./rangeFormat";
import { cellCount, checkDimensions, checkRect, grid, intersectUsed, type RangeRef } from "./rangeCells";
import { Worksheet } from "./worksheet";

export class Range extends ProxyBase<RangeRef> {
  protected readonly scalarNames = [
    "address",
    "addressLocal",
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    "cellCount",
    "values",
    "valueTypes",
    "text",
    "numberFormat",
    "formulas",
    "isEntireRow",
    "isEntireColumn",
  ] as const;

  /** @internal */
  constructor(
    ctx: MemoryRequestContext,
    resolve: (() => RangeRef | null) | RangeRef,
    opts: Omit<ProxyOptions, "entity">,
  ) {
    super(ctx, resolve, { ...opts, entity: "Range" });
  }

  protected readScalar(name: string): unknown {
    const { sheet, rect } = this.t;
    const where = `Range.${name}`;
    switch (name) {
      case "address":
      case "addressLocal":
        return formatAddress(sheet.name, rect);
      case "rowIndex":
        return rect.top;
      case "columnIndex":
        return rect.left;
      case "rowCount":
        return rectRows(rect);
      case "columnCount":
        return rectColumns(rect);
      case "cellCount":
        return cellCount(rect);
      case "values":
      case "formulas":
        return grid(rect, where, (r, c) => readValue(sheet.cell(r, c)));
      case "valueTypes":
        return grid(rect, where, (r, c) => readType(sheet.cell(r, c)));
      case "text":
        return grid(rect, where, (r, c) => displayText(sheet.cell(r, c), sheet.numberFormat(r, c)));
      case "numberFormat":
        return grid(rect, where, (r, c) => sheet.numberFormat(r, c));
      case "isEntireRow":
        return isEntireRows(rect);
      case "isEntireColumn":
        return isEntireColumns(rect);
      default:
        throw invalidArgument(where);
    }
  }

  protected override navigation(name: string): ProxyBase<unknown> | undefined {
    if (name === "format") return this.format;
    if (name === "dataValidation") return this.dataValidation;
    if (name === "worksheet") return this.worksheet;
    return undefined;
  }

  get address(): string {
    return this.get("address");
  }
  get addressLocal(): string {
    return this.get("addressLocal");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get cellCount(): number {
    return this.get("cellCount");
  }
  get isEntireRow(): boolean {
    return this.get("isEntireRow");
  }
  get isEntireColumn(): boolean {
    return this.get("isEntireColumn");
  }
  get valueTypes(): ValueType[][] {
    return this.get("valueTypes");
  }
  get text(): string[][] {
    return this.get("text");
  }

  get values(): RangeValue[][] {
    return this.get("values");
  }
  /** A 2-D array of the range's size (null entries leave cells alone) or one value for every cell. */
  set values(value: unknown) {
    this.set("values", value, () => this.writeValues(value, "Range.values"));
  }

  get formulas(): RangeValue[][] {
    return this.get("formulas");
  }
  set formulas(value: unknown) {
    this.set("formulas", value, () => this.writeValues(value, "Range.formulas"));
  }

  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  set numberFormat(value: unknown) {
    this.set("numberFormat", value, () => {
      const { sheet, rect } = this.t;
      const rows = checkDimensions(value, rect, "Range.numberFormat");
      if (rows === null) {
        if (typeof value !== "string") throw invalidArgument("Range.numberFormat");
        sheet.setFormat(rect, "numberFormat", value === GENERAL_FORMAT ? undefined : value);
        return;
      }
      rows.forEach((row, i) =>
        row.forEach((f, j) => {
          if (f === null || f === undefined) return;
          if (typeof f !== "string") throw invalidArgument("Range.numberFormat");
          const r = rect.top + i;
          const c = rect.left + j;
          sheet.setFormat({ top: r, bottom: r, left: c, right: c }, "numberFormat", f);
        }),
      );
    });
  }

  private writeValues(value: unknown, location: string): void {
    const { sheet, rect } = this.t;
    const rows = checkDimensions(value, rect, location);
    if (rows === null) {
      if (value === "" && cellCount(rect) > 1) {
        this.model.clearContents(sheet, rect, "ThisLocalAddin");
        return;
      }
      this.model.writeCells(
        sheet,
        rect,
        (r, c) => parseApiValue(value, sheet.numberFormat(r, c), location),
        "ThisLocalAddin",
      );
      return;
    }
    this.model.writeCells(
      sheet,
      rect,
      (r, c) => parseApiValue(rows[r - rect.top][c - rect.left], sheet.numberFormat(r, c), location),
      "ThisLocalAddin",
    );
  }

  get format(): RangeFormat {
    return this.child("format", () => new RangeFormat(this));
  }

  get dataValidation(): DataValidation {
    return this.child("dataValidation", () => new DataValidation(this));
  }

  get worksheet(): Worksheet {
    return this.child(
      "worksheet",
      () => new Worksheet(this._ctx, () => this.t.sheet, { location: "Range.worksheet", parent: this }),
    );
  }

  private derived(
    name: string,
    f: (ref: RangeRef) => Rect | null,
    opts: { nullable?: boolean; since?: string } = {},
  ): Range {
    const location = `Range.${name}`;
    return new Range(
      this._ctx,
      () => {
        const rect = f(this.t);
        return rect === null ? null : { sheet: this.t.sheet, rect: checkRect(rect, location) };
      },
      { location, parent: this, ...opts },
    );
  }

  getCell(row: number, column: number): Range {
    return this.derived("getCell", ({ rect }) => ({
      top: rect.top + row,
      bottom: rect.top + row,
      left: rect.left + column,
      right: rect.left + column,
    }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derived("getOffsetRange", ({ rect }) => ({
      top: rect.top + rowOffset,
      bottom: rect.bottom + rowOffset,
      left: rect.left + columnOffset,
      right: rect.right + columnOffset,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derived(
      "getResizedRange",
      ({ rect }) => ({ ...rect, bottom: rect.bottom + deltaRows, right: rect.right + deltaColumns }),
      { since: "1.2" },
    );
  }

  getRow(row: number): Range {
    return this.derived("getRow", ({ rect }) => {
      if (row < 0 || row >= rectRows(rect)) throw invalidArgument("Range.getRow");
      return { ...rect, top: rect.top + row, bottom: rect.top + row };
    });
  }

  getColumn(column: number): Range {
    return this.derived("getColumn", ({ rect }) => {
      if (column < 0 || column >= rectColumns(rect)) throw invalidArgument("Range.getColumn");
      return { ...rect, left: rect.left + column, right: rect.left + column };
    });
  }

  getEntireRow(): Range {
    return this.derived("getEntireRow", ({ rect }) => ({ ...rect, left: 0, right: MAX_COLUMNS - 1 }));
  }

  getEntireColumn(): Range {
    return this.derived("getEntireColumn", ({ rect }) => ({ ...rect, top: 0, bottom: MAX_ROWS - 1 }));
  }

  getBoundingRect(anotherRange: Range | string): Range {
    if (anotherRange instanceof Range) this._ctx._sameContext(anotherRange);
    return this.derived("getBoundingRect", ({ sheet, rect }) => {
      const other = resolveCellArgument(anotherRange, sheet, "Range.getBoundingRect", false);
      if (other.sheet !== sheet) throw invalidArgument("Range.getBoundingRect", "ranges on different sheets");
      return {
        top: Math.min(rect.top, other.rect.top),
        left: Math.min(rect.left, other.rect.left),
        bottom: Math.max(rect.bottom, other.rect.bottom),
        right: Math.max(rect.right, other.rect.right),
      };
    });
  }

  /** The used part of this range; throws ItemNotFound at sync when it has none. */
  getUsedRange(valuesOnly?: boolean): Range {
    return this.derived(
      "getUsedRange",
      ({ sheet, rect }) => intersectUsed(sheet, rect, valuesOnly === true),
      {
        since: valuesOnly === undefined ? undefined : "1.2",
      },
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this.derived(
      "getUsedRangeOrNullObject",
      ({ sheet, rect }) => intersectUsed(sheet, rect, valuesOnly === true),
      {
        nullable: true,
        since: "1.4",
      },
    );
  }

  /**
   * ExcelApi 1.9: per-cell properties in one read. Supported keys: address, format.fill.color
   * ("#FFFFFF" for no fill, as Excel), format.fill.tintAndShade (null for no fill), format.font.bold.
   */
  getCellProperties(options: CellPropertiesLoadOptions): ClientResult<CellProperties[][]> {
    const result = new ClientResult<CellProperties[][]>();
    this.call("getCellProperties", () => result._set(readCellProperties(this.t, options)), {
      write: false,
      since: "1.9",
    });
    return result;
  }

  /**
   * ExcelApi 1.9: per-cell formats in one write (a 2-D array of the range's size; null entries
   * skip a cell). Supported: format.fill.color, format.fill.pattern "None" (no fill), format.font.bold.
   */
  setCellProperties(values: (CellPropertiesInput | null | undefined)[][]): void {
    this.call("setCellProperties", () => writeCellProperties(this.t, values), {
      write: true,
      since: "1.9",
    });
  }

  /** Selects the range in the Excel UI (not a workbook write). */
  select(): void {
    this.call("select", () => this.model.select(this.t.sheet, this.t.rect), { write: false });
  }

  /** applyTo: "All" (default), "Contents" or "Formats". Clearing contents fires onChanged. */
  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this.call(
      "clear",
      () => {
        const { sheet, rect } = this.t;
        if (applyTo === "All" || applyTo === "Formats") sheet.clearFormats(rect);
        if (applyTo === "All" || applyTo === "Contents")
          this.model.clearContents(sheet, rect, "ThisLocalAddin");
      },
      { write: true },
    );
  }
}
