/** Plain data of a sheet for the preview's grid and for tests: cells, formats, notes, widths. */
import type { CellValue } from "../../../domain/grid";
import { MAX_COLUMNS, cellRef, formatRef } from "../address";
import { displayText, readType, type ValueType } from "../values";
import { DEFAULT_COLUMN_WIDTH, type SheetModel } from "./sheet";

export interface SnapshotCell {
  readonly address: string;
  /** 0-based. */
  readonly row: number;
  /** 0-based. */
  readonly column: number;
  /** null for an empty cell. */
  readonly value: string | number | boolean | null;
  readonly valueType: ValueType;
  readonly text: string;
  /** "#RRGGBB", or null for no fill. */
  readonly fill: string | null;
  readonly note: string | null;
  readonly comment: string | null;
  readonly numberFormat: string;
  readonly bold: boolean;
  /** The drop-down's items when the cell has a list validation. */
  readonly dropDown: readonly string[] | null;
}

export interface SheetSnapshot {
  readonly name: string;
  readonly id: string;
  readonly active: boolean;
  readonly position: number;
  /** Rows/columns needed to show every listed cell (at least 1). */
  readonly rowCount: number;
  readonly columnCount: number;
  readonly frozenRows: number;
  readonly frozenColumns: number;
  readonly selection: string;
  /** Only the columns whose width differs from the default. */
  readonly columnWidths: Readonly<Record<number, number>>;
  /** Cells with a value, a cell-level format, a note or a comment, in row-major order. */
  readonly cells: readonly SnapshotCell[];
}

/** A sheet as plain data; `active` and `position` come from the workbook. */
export function snapshotSheet(sheet: SheetModel, active: boolean, position: number): SheetSnapshot {
  const keys = new Set<number>([
    ...sheet.cells.keys(),
    ...[...sheet.cellFormats]
      .filter(([, l]) => Object.values(l).some((v) => v !== undefined))
      .map(([k]) => k),
    ...sheet.notes.keys(),
    ...sheet.comments.keys(),
  ]);
  const sorted = [...keys].sort((a, b) => a - b);
  let rowCount = 1;
  let columnCount = 1;
  const cells: SnapshotCell[] = sorted.map((k) => {
    const row = Math.floor(k / MAX_COLUMNS);
    const column = k % MAX_COLUMNS;
    rowCount = Math.max(rowCount, row + 1);
    columnCount = Math.max(columnCount, column + 1);
    const data = sheet.cell(row, column);
    const numberFormat = sheet.numberFormat(row, column);
    const validation = sheet.format(row, column, "validation");
    return {
      address: cellRef(row, column),
      row,
      column,
      value: data === undefined ? null : data.value,
      valueType: readType(data),
      text: displayText(data, numberFormat),
      fill: sheet.format(row, column, "fill"),
      note: sheet.notes.get(k)?.content ?? null,
      comment: sheet.comments.get(k)?.content ?? null,
      numberFormat,
      bold: sheet.format(row, column, "bold"),
      dropDown: validation ? validation.list.source.split(",").map((s) => s.trim()) : null,
    };
  });
  const columnWidths: Record<number, number> = {};
  for (const [col, w] of sheet.columnWidths) if (w !== DEFAULT_COLUMN_WIDTH) columnWidths[col] = w;
  return {
    name: sheet.name,
    id: sheet.id,
    active,
    position,
    rowCount,
    columnCount,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    selection: formatRef(sheet.selection),
    columnWidths,
    cells,
  };
}

/** The sheet's values as the engine's grid: rows[0] is row 1, empty cells null, up to the used range. */
export function sheetGrid(sheet: SheetModel): CellValue[][] {
  const used = sheet.usedRect(true);
  if (!used) return [];
  const rows: CellValue[][] = [];
  for (let r = 0; r <= used.bottom; r++) {
    const row: CellValue[] = [];
    for (let c = 0; c <= used.right; c++) {
      const data = sheet.cell(r, c);
      row.push(data === undefined ? null : data.value);
    }
    rows.push(row);
  }
  return rows;
}
