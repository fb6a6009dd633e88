/**
 * SheetJS for what the fast .xlsx reader (xlsxValues.ts) does not read: .xls, HTML and SpreadsheetML
 * "Excel" files and unusual .xlsx. Loaded on first use, so a `check` of the usual .xlsx never pays for it.
 */
import type * as XLSX from "@e965/xlsx";
import type { CellValue, Grid } from "../domain/grid";
import { finishGrid, hasCells } from "./gridShape";
import { FileReadError, readErrors as errors } from "./readErrors";

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

export async function readWorkbook(
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

export function pickSheet(wb: XLSX.WorkBook, wanted: string | undefined): { name: string; grid: Grid } {
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

let codepages: Promise<void> | undefined;

/**
 * Legacy .xls files store text in the Windows code page (936 for Chinese). The CommonJS build of SheetJS
 * carries the tables; its ES-module build (the compiled CLI, the pane) needs them handed over, which is
 * done here, once, only when an .xls is read.
 */
export function loadCodepages(): Promise<void> {
  return (codepages ??= Promise.all([loadSheetJs(), import("@e965/xlsx/dist/cpexcel")]).then(([lib, m]) => {
    const table = (m as { default?: unknown }).default ?? m;
    lib.set_cptable(table as Parameters<typeof XLSX.set_cptable>[0]);
  }));
}
