/**
 * A1 addresses for the in-memory Excel: parsing ("Sheet1!A1:C3", "'My sheet'!$B$2", "3:5", "A:C")
 * and formatting them back the way Excel reports `Range.address`.
 */
import { columnIndex, columnLetter } from "../../domain/grid";

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, 0-based and inclusive on both ends. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface ParsedAddress {
  /** The sheet named before "!", unquoted; absent when the address has no sheet part. */
  readonly sheetName?: string;
  readonly rect: Rect;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const ROW_RE = /^\$?(\d{1,7})$/;
const COLUMN_RE = /^\$?([A-Za-z]{1,3})$/;
// Sheet names Excel writes without quotes: a letter/underscore start, then word characters or dots.
const PLAIN_SHEET_RE = /^[\p{L}_][\p{L}\p{N}_.]*$/u;
const LOOKS_LIKE_REF_RE = /^([A-Za-z]{1,3}\d+|R\d*C\d*|R|C)$/i;

/** Splits "Sheet1!A1" / "'It''s'!A1" into sheet and reference; throws on a malformed sheet part. */
function splitSheet(address: string): { sheetName?: string; ref: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { ref: address };
  let sheet = address.slice(0, bang);
  const ref = address.slice(bang + 1);
  if (sheet.startsWith("'")) {
    if (!sheet.endsWith("'") || sheet.length < 2) throw new SyntaxError(`bad sheet part in ${address}`);
    sheet = sheet.slice(1, -1).replace(/''/g, "'");
  }
  if (sheet === "") throw new SyntaxError(`empty sheet part in ${address}`);
  return { sheetName: sheet, ref };
}

function cellPart(text: string): { row: number; col: number } | null {
  const m = CELL_RE.exec(text);
  if (!m) return null;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col < 0 || col >= MAX_COLUMNS || row < 0 || row >= MAX_ROWS) return null;
  return { row, col };
}

function normalise(a: number, b: number): [number, number] {
  return a <= b ? [a, b] : [b, a];
}

/** Parses an A1 address; returns null when it is not one Excel would accept. */
export function parseAddress(address: string): ParsedAddress | null {
  let split: { sheetName?: string; ref: string };
  try {
    split = splitSheet(address.trim());
  } catch {
    return null;
  }
  const parts = split.ref.split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) return null;
  const [first, second = first] = parts;
  const a = cellPart(first);
  const b = cellPart(second);
  let rect: Rect | null = null;
  if (a && b) {
    const [top, bottom] = normalise(a.row, b.row);
    const [left, right] = normalise(a.col, b.col);
    rect = { top, left, bottom, right };
  } else if (parts.length === 2 && ROW_RE.test(first) && ROW_RE.test(second)) {
    const r1 = Number(ROW_RE.exec(first)![1]) - 1;
    const r2 = Number(ROW_RE.exec(second)![1]) - 1;
    if (r1 < 0 || r2 < 0 || r1 >= MAX_ROWS || r2 >= MAX_ROWS) return null;
    const [top, bottom] = normalise(r1, r2);
    rect = { top, bottom, left: 0, right: MAX_COLUMNS - 1 };
  } else if (parts.length === 2 && COLUMN_RE.test(first) && COLUMN_RE.test(second)) {
    const c1 = columnIndex(COLUMN_RE.exec(first)![1]);
    const c2 = columnIndex(COLUMN_RE.exec(second)![1]);
    if (c1 >= MAX_COLUMNS || c2 >= MAX_COLUMNS) return null;
    const [left, right] = normalise(c1, c2);
    rect = { top: 0, bottom: MAX_ROWS - 1, left, right };
  }
  if (!rect) return null;
  return split.sheetName === undefined ? { rect } : { sheetName: split.sheetName, rect };
}

/** The sheet part of an address, quoted when Excel would quote it. */
export function sheetPrefix(sheetName: string): string {
  if (PLAIN_SHEET_RE.test(sheetName) && !LOOKS_LIKE_REF_RE.test(sheetName)) return `${sheetName}!`;
  return `'${sheetName.replace(/'/g, "''")}'!`;
}

export function isEntireRows(rect: Rect): boolean {
  return rect.left === 0 && rect.right === MAX_COLUMNS - 1;
}

export function isEntireColumns(rect: Rect): boolean {
  return rect.top === 0 && rect.bottom === MAX_ROWS - 1 && !isEntireRows(rect);
}

/** "A1", "A1:C3", "3:5" or "A:C" (no sheet part). */
export function formatRef(rect: Rect): string {
  if (isEntireRows(rect)) return `${rect.top + 1}:${rect.bottom + 1}`;
  if (isEntireColumns(rect)) return `${columnLetter(rect.left)}:${columnLetter(rect.right)}`;
  const first = `${columnLetter(rect.left)}${rect.top + 1}`;
  if (rect.top === rect.bottom && rect.left === rect.right) return first;
  return `${first}:${columnLetter(rect.right)}${rect.bottom + 1}`;
}

/** "Sheet1!A1:C3", as `Range.address` reports it. */
export function formatAddress(sheetName: string, rect: Rect): string {
  return sheetPrefix(sheetName) + formatRef(rect);
}

export function cellRef(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function rectRows(rect: Rect): number {
  return rect.bottom - rect.top + 1;
}

export function rectColumns(rect: Rect): number {
  return rect.right - rect.left + 1;
}

export function contains(rect: Rect, row: number, col: number): boolean {
  return row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right;
}
