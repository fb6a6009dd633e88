/** The Grid contract every reader delivers (see finishGrid), shared by the fast reader and SheetJS. */
import type { CellValue, Grid } from "../domain/grid";
import { isBlankCell } from "../domain/grid";
import { MAX_GRID_CELLS, readErrors as errors } from "./readErrors";

/**
 * Shapes rows into the Grid contract: rows[0] is worksheet row 1, column A first, empty → null,
 * trailing blank rows dropped, every row padded to the same width.
 */
export function finishGrid(rows: readonly (readonly CellValue[] | undefined)[]): Grid {
  let lastRow = -1;
  let width = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    for (let c = row.length - 1; c >= 0; c--) {
      if (!isBlankCell(row[c])) {
        lastRow = r;
        if (c + 1 > width) width = c + 1;
        break;
      }
    }
  }
  if ((lastRow + 1) * width > MAX_GRID_CELLS) throw errors.tooManyCells();
  const out: CellValue[][] = [];
  for (let r = 0; r <= lastRow; r++) {
    const src = rows[r] ?? [];
    const row: CellValue[] = new Array<CellValue>(width);
    for (let c = 0; c < width; c++) {
      const v = src[c];
      row[c] = v === undefined || v === "" ? null : v;
    }
    out.push(row);
  }
  return { rows: out };
}

export function hasCells(grid: Grid): boolean {
  return grid.rows.length > 0;
}
