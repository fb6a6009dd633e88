import { columnIndex, columnLetter } from "../domain";

/** A rectangle of cells, 0-based and inclusive (row 0 is worksheet row 1, column 0 is A). */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD). */
export const SHEET_ROWS = 1_048_576;
export const SHEET_COLUMNS = 16_384;

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function corner(text: string): { col?: number; row?: number } | undefined {
  const m = CELL.exec(text);
  if (!m || (!m[1] && !m[2])) return undefined;
  return {
    col: m[1] ? columnIndex(m[1]) : undefined,
    row: m[2] ? Number(m[2]) - 1 : undefined,
  };
}

/**
 * Parses what Excel reports as an address ("Sheet1!B3", "'名单 1'!A2:D40", "3:5", "A:C") into a
 * rectangle. Whole rows/columns extend to the sheet's edge. Undefined for anything else.
 */
export function parseRange(address: string): Rect | undefined {
  const bang = address.lastIndexOf("!");
  const ref = (bang >= 0 ? address.slice(bang + 1) : address).trim();
  const [a, b = a] = ref.split(":");
  const from = corner(a);
  const to = corner(b);
  if (!from || !to) return undefined;
  const rect: Rect = {
    top: from.row ?? 0,
    left: from.col ?? 0,
    bottom: to.row ?? (from.row === undefined ? SHEET_ROWS - 1 : from.row),
    right: to.col ?? (from.col === undefined ? SHEET_COLUMNS - 1 : from.col),
  };
  if (from.row === undefined && to.row === undefined) rect.bottom = SHEET_ROWS - 1;
  if (from.col === undefined && to.col === undefined) rect.right = SHEET_COLUMNS - 1;
  if (rect.bottom < rect.top || rect.right < rect.left) return undefined;
  return rect;
}

/** "B3" for worksheet row 3 (1-based) and column 1 (0-based): the engine's coordinates. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** "A2:N40" for a 0-based rectangle. */
export function rectAddress(rect: Rect): string {
  const a = `${columnLetter(rect.left)}${rect.top + 1}`;
  const b = `${columnLetter(rect.right)}${rect.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

export function cellKey(row: number, col: number): string {
  return `${row}:${col}`;
}
