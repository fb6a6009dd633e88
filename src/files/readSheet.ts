import type * as XLSX from "@e965/xlsx";
import type { CellValue, Grid } from "../domain/grid";
import { isBlankCell } from "../domain/grid";
import { declaredCharset, decodeText, hasUtf16Bom, parseCsv, TooManyRecords } from "./text";
import { FastReaderGaveUp, fastWorkbook } from "./xlsxValues";
import { storedZip, unzip, type Inflate, type ZipEntry } from "./zipCheck";

export { decodeText, parseCsv } from "./text";

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

export type FileReadReason =
  "empty" | "corrupt" | "unsupported" | "tooLarge" | "tooManyRows" | "sheetNotFound" | "notFound";

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

/** An unusable input file. `message` is one line, "中文原因 (English reason)", safe to show a user. */
export class FileReadError extends Error {
  constructor(
    readonly reason: FileReadReason,
    /** The reason for a secretary (the pane and the server show only this). */
    readonly zh: string,
    /** The same for the IT staff's logs and the CLI's "中文 (English)" line. */
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
    this.name = "FileReadError";
  }
}

/** Refuse anything bigger: a capture list is a few hundred rows, and SheetJS inflates everything in memory. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/**
 * No sheet this product reads is longer: a college's list is hundreds of rows and the whole university's
 * roster a few tens of thousands. Beyond it a file is refused before it is parsed (a 1,048,576-row sheet
 * would otherwise take gigabytes).
 */
export const MAX_SHEET_ROWS = 100_000;
/** Grid size guard (rows × columns after trimming): a stray cell at XFD1048576 must not allocate billions. */
export const MAX_GRID_CELLS = 5_000_000;

const errors = {
  empty: () => new FileReadError("empty", "文件是空的", "empty file"),
  noCells: (sheet: string) =>
    new FileReadError("empty", `工作表“${sheet}”中没有任何数据`, "no cells in the sheet"),
  corrupt: () => new FileReadError("corrupt", "文件已损坏或不完整", "corrupt or truncated file"),
  unsupported: () =>
    new FileReadError(
      "unsupported",
      "不支持的文件格式，请使用 .xlsx、.xls 或 .csv 文件",
      "unsupported file format",
    ),
  otherSpreadsheet: (kind: string) =>
    new FileReadError(
      "unsupported",
      `不支持 ${kind} 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再试`,
      `unsupported spreadsheet format ${kind}`,
    ),
  password: () =>
    new FileReadError("unsupported", "文件设有打开密码，请先取消密码再导入", "password-protected file"),
  tooLarge: () =>
    new FileReadError("tooLarge", `文件过大（超过 ${MAX_FILE_BYTES / 1024 / 1024} MB）`, "file too large"),
  tooManyCells: () => new FileReadError("tooLarge", "表格范围过大，无法读取", "sheet too large"),
  tooManyRows: (limit: number) =>
    new FileReadError(
      "tooManyRows",
      `表格超过 ${limit} 行，不予读取：请确认选对了文件和工作表`,
      `more than ${limit} rows`,
    ),
  sheetNotFound: (name: string) =>
    new FileReadError("sheetNotFound", `找不到名为“${name}”的工作表`, `no sheet named "${name}"`),
};

/** Exposed for the CLI's path helpers, which report a missing file the same way. */
export function fileNotFoundError(path: string): FileReadError {
  return new FileReadError("notFound", `找不到文件：${path}`, "file not found");
}

export function fileTooLargeError(): FileReadError {
  return errors.tooLarge();
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

// SheetJS parse options: values only. No formulas, styles, HTML of rich text, VBA or raw parts: less to
// parse in a hostile file and nothing we would use.
const SHEETJS_OPTIONS: XLSX.ParsingOptions = {
  cellDates: true,
  cellNF: false,
  cellText: false,
  cellFormula: false,
  cellHTML: false,
  cellStyles: false,
  bookVBA: false,
  bookDeps: false,
  bookFiles: false,
  sheetStubs: false,
  dense: true,
  WTF: false,
};

const ERROR_TEXT: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * SheetJS ≥ 0.20 builds date cells so that the Date's UTC fields are the worksheet's wall-clock value,
 * whatever the machine's time zone; read them back in UTC. Whole seconds: serials carry float noise.
 */
export function isoFromSheetDate(d: Date): string | null {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return null;
  const t = new Date(Math.round(ms / 1000) * 1000);
  const date = `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
  const h = t.getUTCHours();
  const m = t.getUTCMinutes();
  const s = t.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date}T${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

function cellToValue(cell: XLSX.CellObject | undefined): CellValue {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case "s":
      return cell.v === "" ? null : String(cell.v);
    case "n":
      return typeof cell.v === "number" && Number.isFinite(cell.v) ? cell.v : null;
    case "b":
      return Boolean(cell.v);
    case "d":
      return cell.v instanceof Date ? isoFromSheetDate(cell.v) : String(cell.v);
    case "e":
      return cell.w ?? ERROR_TEXT[cell.v as number] ?? "#ERROR!";
    default:
      return null;
  }
}

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

function sheetToRows(ws: XLSX.WorkSheet): (CellValue[] | undefined)[] {
  const data = (ws as XLSX.DenseWorkSheet)["!data"] as (XLSX.CellObject[] | undefined)[] | undefined;
  if (!data) return [];
  if (data.length > 1_048_576) throw errors.tooManyCells();
  const rows: (CellValue[] | undefined)[] = new Array(data.length);
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    if (!src) continue;
    const row: CellValue[] = [];
    for (let c = 0; c < src.length; c++) {
      const v = cellToValue(src[c]);
      if (v !== null) row[c] = v;
    }
    rows[r] = row;
  }
  return rows;
}

function hasCells(grid: Grid): boolean {
  return grid.rows.length > 0;
}

function classifyLibraryError(e: unknown): FileReadError {
  const msg = e instanceof Error ? e.message : String(e);
  if (/password|encrypt/i.test(msg)) return errors.password();
  // An OLE file without a Workbook stream is a Word/PowerPoint file, not a damaged workbook.
  if (/not a spreadsheet|unsupported (?:file|multiplan)|find workbook stream/i.test(msg))
    return errors.unsupported();
  return errors.corrupt();
}

/**
 * SheetJS, loaded on first use: the usual .xlsx never needs it (xlsxValues.ts reads it), so a `check` of
 * one does not pay the library's load time; .xls, HTML, SpreadsheetML and unusual .xlsx files do.
 */
let sheetJs: Promise<typeof XLSX> | undefined;
function loadSheetJs(): Promise<typeof XLSX> {
  return (sheetJs ??= import("@e965/xlsx"));
}

async function readWorkbook(
  data: Uint8Array | string,
  type: "array" | "string",
  extra: XLSX.ParsingOptions = {},
): Promise<XLSX.WorkBook> {
  const lib = await loadSheetJs();
  // SheetJS prints diagnostics ("Missing Info for XLS Record …") for damaged files; they must not reach
  // the CLI's stderr or the pane's console. XLSX.read is synchronous, so nothing else logs meanwhile.
  const saved = { error: console.error, warn: console.warn, log: console.log };
  const silent = () => undefined;
  console.error = console.warn = console.log = silent;
  try {
    return lib.read(data, { ...SHEETJS_OPTIONS, ...extra, type });
  } catch (e) {
    throw classifyLibraryError(e);
  } finally {
    Object.assign(console, saved);
  }
}

function pickSheet(wb: XLSX.WorkBook, wanted: string | undefined): { name: string; grid: Grid } {
  const names = wb.SheetNames ?? [];
  if (wanted !== undefined) {
    if (!names.includes(wanted) || !wb.Sheets[wanted]) throw errors.sheetNotFound(wanted);
    return { name: wanted, grid: finishGrid(sheetToRows(wb.Sheets[wanted])) };
  }
  if (names.length === 0) throw errors.corrupt();
  // The first sheet; when it is empty (a blank cover sheet), the first sheet that has cells.
  let first: { name: string; grid: Grid } | undefined;
  for (const name of names) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const grid = finishGrid(sheetToRows(ws));
    if (!first) first = { name, grid };
    if (hasCells(grid)) return { name, grid };
  }
  return first ?? { name: names[0], grid: { rows: [] } };
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

let codepages: Promise<void> | undefined;

/**
 * Legacy .xls files store text in the Windows code page (936 for Chinese). The CommonJS build of SheetJS
 * carries the tables; its ES-module build (the compiled CLI, the pane) needs them handed over, which is
 * done here, once, only when an .xls is read.
 */
function loadCodepages(): Promise<void> {
  return (codepages ??= Promise.all([loadSheetJs(), import("@e965/xlsx/dist/cpexcel.js")]).then(
    ([lib, m]) => {
      const table = (m as { default?: unknown }).default ?? m;
      lib.set_cptable(table as Parameters<typeof XLSX.set_cptable>[0]);
    },
  ));
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
