/**
 * Rectangles of cells as the range proxies read them: bounds checks, per-cell grids (with Excel's
 * response size limit), uniform formats (null when cells differ) and the used part of a range.
 */
import { MAX_COLUMNS, MAX_ROWS, contains, rectColumns, rectRows, type Rect } from "../address";
import { MemoryExcelError, invalidArgument } from "../errors";
import type { FormatKey, FormatProps, SheetModel } from "../model";

/** Excel refuses responses over its payload limit; a whole-sheet `values` read would be one. */
const MAX_CELLS_PER_READ = 5_000_000;

export interface RangeRef {
  readonly sheet: SheetModel;
  readonly rect: Rect;
}

export function checkRect(rect: Rect, location: string): Rect {
  if (rect.top < 0 || rect.left < 0 || rect.bottom >= MAX_ROWS || rect.right >= MAX_COLUMNS) {
    throw invalidArgument(location, "the range falls outside the worksheet");
  }
  if (rect.bottom < rect.top || rect.right < rect.left) throw invalidArgument(location, "empty range");
  return rect;
}

export function cellCount(rect: Rect): number {
  return rectRows(rect) * rectColumns(rect);
}

export function grid<V>(rect: Rect, location: string, f: (row: number, col: number) => V): V[][] {
  if (cellCount(rect) > MAX_CELLS_PER_READ) {
    throw new MemoryExcelError(
      "ResponsePayloadSizeLimitExceeded",
      "The response payload size has exceeded the limit.",
      location,
    );
  }
  const out: V[][] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row: V[] = [];
    for (let c = rect.left; c <= rect.right; c++) row.push(f(r, c));
    out.push(row);
  }
  return out;
}

/** One value when every cell of the rectangle agrees, else null (as Excel reports mixed formats). */
export function uniformFormat<K extends FormatKey>(
  sheet: SheetModel,
  rect: Rect,
  prop: K,
): Required<FormatProps>[K] | null {
  const seen: unknown[] = [];
  const note = (v: unknown): void => {
    if (!seen.some((s) => JSON.stringify(s) === JSON.stringify(v))) seen.push(v);
  };
  if (cellCount(rect) <= 200_000) {
    for (let r = rect.top; r <= rect.bottom && seen.length < 2; r++) {
      for (let c = rect.left; c <= rect.right && seen.length < 2; c++) note(sheet.format(r, c, prop));
    }
  } else {
    // Whole rows/columns: look at the layers instead of every cell.
    const quietRow = (() => {
      for (let r = rect.top; r <= rect.bottom; r++) if (!sheet.rowFormats.get(r)?.[prop]) return r;
      return rect.top;
    })();
    for (let c = rect.left; c <= rect.right && seen.length < 2; c++) {
      const layer = sheet.columnFormats.get(c)?.[prop];
      note(layer !== undefined ? layer : sheet.format(quietRow, c, prop));
    }
    for (const [k, layer] of sheet.cellFormats) {
      if (layer[prop] === undefined) continue;
      const row = Math.floor(k / MAX_COLUMNS);
      const col = k % MAX_COLUMNS;
      if (contains(rect, row, col)) note(layer[prop]);
    }
    for (const [row, layer] of sheet.rowFormats) {
      if (layer[prop] !== undefined && row >= rect.top && row <= rect.bottom) note(layer[prop]);
    }
  }
  return seen.length === 1 ? (seen[0] as Required<FormatProps>[K]) : null;
}

export function isTwoD(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}

export function checkDimensions(value: unknown, rect: Rect, location: string): unknown[][] | null {
  if (!Array.isArray(value)) return null;
  if (
    !isTwoD(value) ||
    value.length !== rectRows(rect) ||
    value.some((row) => row.length !== rectColumns(rect))
  ) {
    throw invalidArgument(
      location,
      "the number of rows or columns in the input array doesn't match the size or dimensions of the range",
    );
  }
  return value;
}

export function intersectUsed(sheet: SheetModel, rect: Rect, valuesOnly: boolean): Rect | null {
  const used = sheet.usedRect(valuesOnly);
  if (!used) return null;
  const top = Math.max(used.top, rect.top);
  const left = Math.max(used.left, rect.left);
  const bottom = Math.min(used.bottom, rect.bottom);
  const right = Math.min(used.right, rect.right);
  return top > bottom || left > right ? null : { top, left, bottom, right };
}
