/**
 * One worksheet's state: sparse cells, layered formats (sheet → column → row → cell, as Excel keeps
 * whole-column formats without touching every cell), column widths, notes, comments, frozen panes
 * and the selection.
 */
import { MAX_COLUMNS, MAX_ROWS, contains, isEntireColumns, isEntireRows, type Rect } from "../address";
import { GENERAL_FORMAT, type CellData } from "../values";

export interface ListValidationRule {
  readonly list: { readonly inCellDropDown: boolean; readonly source: string };
}

/** Format properties that can sit on a cell, a row, a column or the sheet. */
export interface FormatProps {
  fill?: string | null;
  numberFormat?: string;
  bold?: boolean;
  validation?: ListValidationRule | null;
}
export type FormatKey = keyof FormatProps;

const DEFAULTS: Required<FormatProps> = {
  fill: null,
  numberFormat: GENERAL_FORMAT,
  bold: false,
  validation: null,
};
/** Excel's standard column width in points (8.43 characters of Calibri 11). */
export const DEFAULT_COLUMN_WIDTH = 48;

export interface NoteModel {
  readonly sheet: SheetModel;
  readonly row: number;
  readonly col: number;
  content: string;
  authorName: string;
}

export interface CommentModel {
  readonly id: string;
  readonly sheet: SheetModel;
  readonly row: number;
  readonly col: number;
  content: string;
  authorName: string;
  readonly creationDate: Date;
  resolved: boolean;
}

const key = (row: number, col: number): number => row * MAX_COLUMNS + col;

export class SheetModel {
  readonly cells = new Map<number, CellData>();
  readonly cellFormats = new Map<number, FormatProps>();
  readonly rowFormats = new Map<number, FormatProps>();
  readonly columnFormats = new Map<number, FormatProps>();
  sheetFormat: FormatProps = {};
  readonly columnWidths = new Map<number, number>();
  readonly notes = new Map<number, NoteModel>();
  readonly comments = new Map<number, CommentModel>();
  frozenRows = 0;
  frozenColumns = 0;
  selection: Rect = { top: 0, left: 0, bottom: 0, right: 0 };

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  cell(row: number, col: number): CellData | undefined {
    return this.cells.get(key(row, col));
  }

  format<K extends FormatKey>(row: number, col: number, prop: K): Required<FormatProps>[K] {
    for (const layer of [
      this.cellFormats.get(key(row, col)),
      this.rowFormats.get(row),
      this.columnFormats.get(col),
      this.sheetFormat,
    ]) {
      if (layer && layer[prop] !== undefined) return layer[prop] as Required<FormatProps>[K];
    }
    return DEFAULTS[prop];
  }

  numberFormat(row: number, col: number): string {
    return this.format(row, col, "numberFormat");
  }

  setCell(row: number, col: number, data: CellData | null): void {
    if (data === null) this.cells.delete(key(row, col));
    else this.cells.set(key(row, col), data);
  }

  /** Sets a format property over a rectangle, storing whole rows/columns as row/column formats. */
  setFormat<K extends FormatKey>(rect: Rect, prop: K, value: FormatProps[K]): void {
    const put = (map: Map<number, FormatProps>, k: number): void => {
      const layer = map.get(k) ?? {};
      layer[prop] = value;
      map.set(k, layer);
    };
    const drop = (map: Map<number, FormatProps>, k: number): void => {
      const layer = map.get(k);
      if (!layer) return;
      delete layer[prop];
      if (Object.keys(layer).length === 0) map.delete(k);
    };
    if (isEntireRows(rect) && rect.top === 0 && rect.bottom === MAX_ROWS - 1) {
      this.sheetFormat[prop] = value;
      for (const map of [this.cellFormats, this.rowFormats, this.columnFormats]) {
        for (const k of [...map.keys()]) drop(map, k);
      }
      return;
    }
    if (isEntireRows(rect)) {
      for (const k of [...this.cellFormats.keys()]) {
        const row = Math.floor(k / MAX_COLUMNS);
        if (row >= rect.top && row <= rect.bottom) drop(this.cellFormats, k);
      }
      // Where a formatted column crosses these rows, the newer row format wins: pin it on the cell.
      for (const [col, layer] of this.columnFormats) {
        if (layer[prop] === undefined) continue;
        for (let r = rect.top; r <= rect.bottom; r++) put(this.cellFormats, key(r, col));
      }
      for (let r = rect.top; r <= rect.bottom; r++) put(this.rowFormats, r);
      return;
    }
    if (isEntireColumns(rect)) {
      for (const k of [...this.cellFormats.keys()]) {
        const col = k % MAX_COLUMNS;
        if (col >= rect.left && col <= rect.right) drop(this.cellFormats, k);
      }
      for (const [row, layer] of this.rowFormats) {
        if (layer[prop] === undefined) continue;
        for (let c = rect.left; c <= rect.right; c++) put(this.cellFormats, key(row, c));
      }
      for (let c = rect.left; c <= rect.right; c++) put(this.columnFormats, c);
      return;
    }
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) put(this.cellFormats, key(r, c));
    }
  }

  /** Puts a format property back to Excel's default over a rectangle (fill.clear, clear formats). */
  resetFormat(rect: Rect, prop: FormatKey): void {
    if (isEntireRows(rect) || isEntireColumns(rect)) {
      this.setFormat(rect, prop, DEFAULTS[prop]);
      return;
    }
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) {
        const k = key(r, c);
        const own = this.cellFormats.get(k);
        if (own) delete own[prop];
        // Only pin the default on the cell when a row/column/sheet format would otherwise show through.
        if (this.format(r, c, prop) !== DEFAULTS[prop]) {
          const layer = own ?? {};
          (layer as Record<string, unknown>)[prop] = DEFAULTS[prop];
          this.cellFormats.set(k, layer);
        } else if (own && Object.values(own).every((v) => v === undefined)) {
          this.cellFormats.delete(k);
        }
      }
    }
  }

  clearFormats(rect: Rect): void {
    for (const prop of ["fill", "numberFormat", "bold"] as const) this.resetFormat(rect, prop);
  }

  /** Positions of non-empty cells inside a rectangle (sparse walk, for huge ranges). */
  *cellsIn(rect: Rect): Iterable<[number, number, CellData]> {
    for (const [k, data] of this.cells) {
      const row = Math.floor(k / MAX_COLUMNS);
      const col = k % MAX_COLUMNS;
      if (contains(rect, row, col)) yield [row, col, data];
    }
  }

  /** The used range as Excel computes it: values, plus cell-level formats unless valuesOnly. */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const take = (k: number): void => {
      const row = Math.floor(k / MAX_COLUMNS);
      const col = k % MAX_COLUMNS;
      if (row < top) top = row;
      if (row > bottom) bottom = row;
      if (col < left) left = col;
      if (col > right) right = col;
    };
    for (const k of this.cells.keys()) take(k);
    if (!valuesOnly) {
      for (const [k, layer] of this.cellFormats) {
        if (Object.values(layer).some((v) => v !== undefined)) take(k);
      }
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  columnWidth(col: number): number {
    return this.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
  }
}

export { key as cellKey };
