import type { CellValue } from "../domain";

/**
 * Turning what Excel returns for a range (values + numberFormat) into the engine's grid values:
 * numbers stay numbers (so `id.numeric` can speak), empty cells are null, and a number shown
 * through a date format becomes the ISO date the file readers produce ("2018-06-01"), so a 毕业时间
 * that Excel turned into a date is judged the same in the pane as on the command line.
 */

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Quoted literals, [colour]/[$-locale] sections and backslash escapes carry no date tokens. */
const FORMAT_NOISE = /"[^"]*"|\[[^\]]*\]|\\./g;
const DATE_TOKENS = /[ydYD]|[mM](?![^;]*[hHsS])/;
const TIME_TOKENS = /[hHsS]/;

export function isDateFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat || numberFormat === "General" || numberFormat === "@") return false;
  const bare = numberFormat.replace(FORMAT_NOISE, "");
  return DATE_TOKENS.test(bare) || TIME_TOKENS.test(bare);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** An Excel serial date as ISO text (date only when there is no time of day). */
export function isoFromSerial(serial: number): string {
  const ms = Math.round((EXCEL_EPOCH_MS + serial * DAY_MS) / 1000) * 1000;
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h || m || s ? `${date}T${pad2(h)}:${pad2(m)}:${pad2(s)}` : date;
}

/** One cell as the engine sees it. */
export function toCellValue(value: unknown, numberFormat?: string): CellValue {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    return isDateFormat(numberFormat) ? isoFromSerial(value) : value;
  }
  if (typeof value === "boolean") return value;
  return String(value);
}

/**
 * Places a block read at (top, left) into rows that start at A1: rows[0] is worksheet row 1.
 * Rows above the block are empty; every row is padded to the block's right edge.
 */
export function gridFromBlock(
  top: number,
  left: number,
  values: readonly (readonly unknown[])[],
  numberFormats?: readonly (readonly unknown[])[],
): CellValue[][] {
  const width = left + (values[0]?.length ?? 0);
  const rows: CellValue[][] = [];
  for (let r = 0; r < top; r++) rows.push(new Array<CellValue>(width).fill(null));
  values.forEach((line, i) => {
    const row = new Array<CellValue>(width).fill(null);
    const formats = numberFormats?.[i];
    for (let j = 0; j < line.length; j++) {
      row[left + j] = toCellValue(line[j], formats?.[j] as string | undefined);
    }
    rows.push(row);
  });
  return rows;
}

/** The value an onChanged event's details report for a single cell. */
export function valueFromDetails(valueAfter: unknown, valueTypeAfter: string | undefined): CellValue {
  if (valueTypeAfter === "Empty") return null;
  return toCellValue(valueAfter);
}
