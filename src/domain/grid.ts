/**
 * A worksheet as the engine sees it: rows[0] is worksheet row 1, rows[r][0] is column A.
 * Readers keep numbers apart from text (an 18-digit ID stored as a number has already lost digits,
 * and `id.numeric` must be able to say so). Dates arrive as ISO strings ("2018-06-01").
 */
export type CellValue = string | number | boolean | null;

export type GridRow = readonly CellValue[];

export interface Grid {
  readonly rows: readonly GridRow[];
}

/** Excel keeps at most this many characters in a cell; a longer value cannot be written to a workbook. */
export const EXCEL_MAX_CELL_CHARS = 32_767;

/** 0-based column index → A1 column letters (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A1 column letters → 0-based index. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function isBlankCell(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== "string") return false;
  // Fast answer for the usual cell (starts with a visible character) before trimming.
  const c = value.length ? value.charCodeAt(0) : 0;
  if (c > 0x20 && c < 0x7f) return false;
  return value.trim() === "";
}

export function isBlankRow(row: GridRow | undefined): boolean {
  if (!row) return true;
  for (const v of row) if (!isBlankCell(v)) return false;
  return true;
}

/** The text a cell shows, for rules that read text (numbers without exponent or grouping). */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    return Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}
