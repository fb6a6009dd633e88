import type { Grid } from "../domain/grid";
import { finishGrid, hasCells } from "./gridShape";
import { FileReadError, MAX_FILE_BYTES, MAX_SHEET_ROWS, readErrors as errors } from "./readErrors";
import { loadCodepages, pickSheet, readWorkbook } from "./sheetjsGrid";
import { declaredCharset, decodeText, hasUtf16Bom, parseCsv, TooManyRecords } from "./text";
import { FastReaderGaveUp, fastWorkbook } from "./xlsxValues";
import { storedZip, unzip, type Inflate, type ZipEntry } from "./zipCheck";

export { decodeText, parseCsv } from "./text";
export { finishGrid } from "./gridShape";
export {
  FileReadError,
  fileNotFoundError,
  fileTooLargeError,
  MAX_FILE_BYTES,
  MAX_GRID_CELLS,
  MAX_SHEET_ROWS,
  type FileReadReason,
} from "./readErrors";
export { isoFromSheetDate } from "./sheetjsGrid";

/**
 * Spreadsheet bytes → the engine's Grid. Runs in the browser (the pane imports rosters picked from disk),
 * the CLI and the server, so it takes bytes and uses no Node APIs.
 */

export type SheetFormat = "xlsx" | "xls" | "csv";

export interface ReadResult {
  grid: Grid;
  format: SheetFormat;
  sheetName: string;
  /** The text encoding a CSV was decoded with. */
  encoding?: string;
}

export interface ReadOptions {
  /** The sheet to read; by default the first one with cells. */
  sheet?: string;
  /**
   * Refuse a sheet with more rows than this (worksheet rows, title and header included), counted while
   * the file is read, before anything is parsed: a "tooManyRows" FileReadError. Default MAX_SHEET_ROWS.
   */
  maxRows?: number;
  /** A faster native inflater (Node's zlib, see node.ts); the default is DecompressionStream. */
  inflate?: Inflate;
  /** "sheetjs" skips the fast .xlsx reader (the tests compare the two on the same files). */
  reader?: "auto" | "sheetjs";
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

/** By magic bytes first (a renamed file is what it is), by extension second. */
export function detectFormat(bytes: Uint8Array, fileName: string): SheetFormat | undefined {
  if (startsWith(bytes, ZIP_MAGIC)) return "xlsx";
  if (startsWith(bytes, OLE_MAGIC)) return "xls";
  switch (extensionOf(fileName)) {
    case "xlsx":
    case "xlsm":
      return "xlsx";
    case "xls":
      return "xls";
    case "csv":
    case "tsv":
    case "txt":
      return "csv";
    default:
      return undefined;
  }
}

/** Control bytes other than tab/CR/LF (and the ESC/SUB some exports leave) mean binary, not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1a && b !== 0x1b) control++;
  }
  return control > sample.length / 100;
}

function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const first = needle.charCodeAt(0);
  outer: for (
    let i = bytes.indexOf(first);
    i >= 0 && i <= bytes.length - needle.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** A Word or PowerPoint file (zip entry names are stored in clear): not a damaged workbook, another kind. */
function isOtherOfficeZip(bytes: Uint8Array): boolean {
  if (containsAscii(bytes, "xl/")) return false;
  return containsAscii(bytes, "word/") || containsAscii(bytes, "ppt/");
}

function startsWithMarkup(text: string): boolean {
  return /^\s*</.test(text);
}

function readCsvText(text: string, maxRows: number): Grid {
  let rows: string[][];
  try {
    rows = parseCsv(text, undefined, { maxRows });
  } catch (e) {
    if (e instanceof TooManyRecords) throw errors.tooManyRows(maxRows);
    throw e;
  }
  return finishGrid(rows.map((r) => r.map((v) => (v === "" ? null : v))));
}

/** Table rows of an HTML or SpreadsheetML "Excel" file, counted before SheetJS builds anything. */
function countMarkupRows(text: string, limit: number): boolean {
  const tag = /<(?:tr|row)[\s>/]/gi;
  let n = 0;
  while (tag.exec(text)) if (++n > limit) return false;
  return true;
}

/**
 * Reads the first sheet (or `opts.sheet`) of an .xlsx, .xls or .csv file.
 * Numbers stay numbers, text stays text, formulas arrive as their cached value, dates as ISO strings,
 * error cells as their text. CSV cells, and the cells of an HTML table saved as .xls, are all strings
 * (an 18-digit ID is text there, never a number that lost digits). Every failure is a FileReadError.
 */
export async function readSheet(
  bytes: Uint8Array,
  fileName: string,
  opts: ReadOptions = {},
): Promise<ReadResult> {
  try {
    const input = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes as ArrayBufferLike);
    return await readSheetUnguarded(input, fileName, opts);
  } catch (e) {
    // Belt and braces: whatever a library throws on a hostile file, the caller sees a FileReadError.
    if (e instanceof FileReadError) throw e;
    throw errors.corrupt();
  }
}

/** The usual .xlsx through the fast reader (xlsxValues.ts); undefined when SheetJS must read it. */
function readFast(
  entries: readonly ZipEntry[],
  wanted: string | undefined,
): { name: string; grid: Grid } | undefined {
  const book = fastWorkbook(entries);
  if (!book) return undefined;
  try {
    if (wanted !== undefined) {
      if (!book.names.includes(wanted)) throw errors.sheetNotFound(wanted);
      return { name: wanted, grid: finishGrid(book.rowsOf(wanted)) };
    }
    // The first sheet; when it is empty (a blank cover sheet), the first sheet that has cells.
    let first: { name: string; grid: Grid } | undefined;
    for (const name of book.names) {
      const grid = finishGrid(book.rowsOf(name));
      first ??= { name, grid };
      if (hasCells(grid)) return { name, grid };
    }
    return first;
  } catch (e) {
    if (e instanceof FastReaderGaveUp) return undefined;
    throw e;
  }
}

function checkRowCount(grid: Grid, maxRows: number): Grid {
  if (grid.rows.length > maxRows) throw errors.tooManyRows(maxRows);
  return grid;
}

/** The archive's parts, inflated once and checked (see zipCheck.ts). */
async function openZip(input: Uint8Array, opts: ReadOptions, maxRows: number): Promise<ZipEntry[]> {
  const zip = await unzip(input, { inflate: opts.inflate, maxRows });
  if (zip.ok) return zip.entries;
  switch (zip.problem) {
    case "encrypted":
      throw errors.password();
    case "tooLarge":
      throw errors.tooManyCells();
    case "tooManyRows":
      throw errors.tooManyRows(maxRows);
    default:
      throw isOtherOfficeZip(input) ? errors.unsupported() : errors.corrupt();
  }
}

async function readSheetUnguarded(
  input: Uint8Array,
  fileName: string,
  opts: ReadOptions,
): Promise<ReadResult> {
  if (input.length === 0) throw errors.empty();
  if (input.length > MAX_FILE_BYTES) throw errors.tooLarge();
  const maxRows = opts.maxRows ?? MAX_SHEET_ROWS;
  const format = detectFormat(input, fileName);
  if (!format) throw errors.unsupported();

  const isZip = startsWith(input, ZIP_MAGIC);
  const isOle = startsWith(input, OLE_MAGIC);

  if (isZip && isOtherOfficeZip(input)) throw errors.unsupported();
  if (isZip || isOle) {
    let data = input;
    if (isZip) {
      const entries = await openZip(input, opts, maxRows);
      const fast = opts.reader === "sheetjs" ? undefined : readFast(entries, opts.sheet);
      if (fast) {
        if (!hasCells(fast.grid)) throw errors.noCells(fast.name);
        return { grid: checkRowCount(fast.grid, maxRows), format, sheetName: fast.name };
      }
      // SheetJS must only ever see an intact archive; it gets the parts already inflated.
      data = storedZip(entries);
    } else await loadCodepages();
    const wb = await readWorkbook(data, "array", isOle ? { sheetRows: maxRows + 1 } : {});
    const bookType = (wb as { bookType?: string }).bookType ?? format;
    if (isZip && bookType !== "xlsx" && bookType !== "xlsm") throw errors.otherSpreadsheet(bookType);
    const { name, grid } = pickSheet(wb, opts.sheet);
    if (!hasCells(grid)) throw errors.noCells(name);
    return { grid: checkRowCount(grid, maxRows), format, sheetName: name };
  }

  // Not a zip or OLE container: text (a CSV; or an "Excel" export that is really HTML / SpreadsheetML, or
  // tab-separated text named .xls, both common in records systems) — or a broken binary file. UTF-16 text
  // is mostly zero bytes: its BOM is recognised before the binary test.
  if (!hasUtf16Bom(input) && looksBinary(input)) throw errors.corrupt();
  const { text, encoding } = decodeText(input, format === "csv" ? undefined : declaredCharset(input));
  if (format !== "csv" && startsWithMarkup(text)) {
    if (!countMarkupRows(text, maxRows)) throw errors.tooManyRows(maxRows);
    // raw: cell text stays text (SheetJS would otherwise turn an 18-digit ID into a rounded number).
    const wb = await readWorkbook(text, "string", { raw: true, sheetRows: maxRows + 1 });
    const { name, grid } = pickSheet(wb, opts.sheet);
    if (!hasCells(grid)) throw errors.noCells(name);
    return { grid: checkRowCount(grid, maxRows), format: "xls", sheetName: name, encoding };
  }
  const sheetName = baseName(fileName);
  const grid = readCsvText(text, maxRows);
  if (!hasCells(grid)) throw errors.noCells(sheetName);
  return { grid, format: "csv", sheetName, encoding };
}

function baseName(fileName: string): string {
  const slash = Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\"));
  const base = fileName.slice(slash + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base || "Sheet1";
}
