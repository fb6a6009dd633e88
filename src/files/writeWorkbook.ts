import ExcelJS from "exceljs";
import type { Campaign } from "../domain/campaign";
import type { CellValue, Grid } from "../domain/grid";
import { cellText, columnLetter, EXCEL_MAX_CELL_CHARS } from "../domain/grid";
import type { CellEdit, CellMark } from "../domain/marks";
import { MARK_FILL } from "../domain/marks";
import { listColumns, type Template } from "../domain/template";
import type { SubmissionSheet } from "../domain/submission";
import { dropDownItems, type DropDownKey, inlineListSource, PREPARED_ROWS } from "../domain/dropDowns";
import type { SheetFormat } from "./readSheet";
import { FileReadError, readSheet } from "./readSheet";
import { withCellRefs } from "./cellRefs";
import { csvField } from "./text";
import { applyPrintSetup, HEADER_STYLE, type PageHeader, printOptions } from "./printSetup";

/**
 * The workbooks the product writes: the submission (SPEC §5), the blank template, and copies of the
 * user's list with marks or edits. ExcelJS only (no Node APIs), so the pane can load this module lazily.
 */

/** The submission model (SPEC §5) is the engine's: re-exported for the writers' callers. */
export type { SubmissionSheet };

/** The input of a copy: the original bytes (xlsx keeps its styles) or a grid already read. */
export type CopySource =
  { bytes: Uint8Array; format: SheetFormat; sheetName?: string } | { grid: Grid; sheetName?: string };

const TEXT_FORMAT = "@";
/** Rows of the blank template that get the text format and the drop-down lists (as a prepared sheet). */
export const TEMPLATE_INPUT_ROWS = PREPARED_ROWS;
const LIST_SHEET = "下拉选项";

/** Excel's sheet-name rules: no []:*?/\, at most 31 characters, not empty. */
export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, "_")
    .replace(/^'+|'+$/g, "")
    .slice(0, 31);
  return cleaned.trim() === "" ? "Sheet1" : cleaned;
}

function toBytes(buffer: ExcelJS.Buffer): Uint8Array {
  // Node's writeBuffer returns a Buffer (a Uint8Array); browsers an ArrayBuffer. Copy into a plain Uint8Array.
  return new Uint8Array(buffer as ArrayBuffer);
}

async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return toBytes(await wb.xlsx.writeBuffer());
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "研究生图像信息采集名单助手";
  return wb;
}

/**
 * Loaded cells share style objects (one per style id), so assigning `cell.fill` on one would recolour
 * every cell with the same look. Give the cell its own style object first.
 */
function restyle(cell: ExcelJS.Cell, change: Partial<ExcelJS.Style>): void {
  cell.style = { ...cell.style, ...change };
}

function setText(cell: ExcelJS.Cell, value: string): void {
  cell.value = value === "" ? null : value;
  restyle(cell, { numFmt: TEXT_FORMAT });
}

const SMALL_INTEGER = /^(?:0|[1-9]\d{0,8})$/;

/** The page header of a submission: what buildSubmission put in it, else the sheet's own name. */
export function submissionPageHeader(sheet: SubmissionSheet): PageHeader {
  return sheet.printHeader ?? { left: sheet.sheetName, center: "" };
}

/**
 * The submission workbook: one sheet, canonical column order, styled frozen header with a filter,
 * printed landscape one page wide with the header row on every page (printSetup.ts).
 * Text columns (学号, 身份证号, phone) are string cells with the '@' format. In other columns a short plain
 * integer (序号) is written as a number so Excel does not flag it as "number stored as text".
 */
export async function writeSubmission(sheet: SubmissionSheet): Promise<Uint8Array> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(safeSheetName(sheet.sheetName), printOptions(submissionPageHeader(sheet)));
  const n = sheet.columns.length;
  sheet.columns.forEach((col, i) => {
    const column = ws.getColumn(i + 1);
    column.width = col.width;
    if (col.text) column.numFmt = TEXT_FORMAT;
  });
  const header = ws.getRow(1);
  sheet.columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    restyle(cell, HEADER_STYLE);
  });
  sheet.rows.forEach((values, r) => {
    const row = ws.getRow(r + 2);
    sheet.columns.forEach((col, c) => {
      const v = values[c] ?? "";
      const cell = row.getCell(c + 1);
      if (col.text) setText(cell, v);
      else if (v !== "") cell.value = SMALL_INTEGER.test(v) ? Number(v) : v;
    });
  });
  if (n > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: n } };
  return workbookBytes(wb);
}

/** `"a,b,c"` when Excel accepts the items inline (src/domain/dropDowns.ts), else undefined. */
export function inlineListFormula(items: readonly string[]): string | undefined {
  const source = inlineListSource(items);
  return source === undefined ? undefined : `"${source}"`;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * The blank template: optional merged title row, the canonical header (bold, frozen), the text format on
 * the text columns and drop-down lists from the campaign for TEMPLATE_INPUT_ROWS rows. A list too long for
 * an inline formula (the colleges) lives on a hidden helper sheet and is referenced by range.
 */
export async function writeTemplate(
  template: Template,
  campaign: Campaign,
  opts: { title?: string; sheetName?: string; rows?: number } = {},
): Promise<Uint8Array> {
  const wb = newWorkbook();
  const headerRow = opts.title ? 2 : 1;
  const firstInput = headerRow + 1;
  const lastInput = headerRow + (opts.rows ?? TEMPLATE_INPUT_ROWS);
  const ws = wb.addWorksheet(safeSheetName(opts.sheetName ?? "图像采集名单"), {
    views: [{ state: "frozen", ySplit: headerRow }],
  });
  // Xinhua's columns only: an "ifPresent" column (证件类型) is the list's own addition.
  const columns = listColumns(template);
  const n = columns.length;

  if (opts.title) {
    ws.mergeCells(1, 1, 1, n);
    const title = ws.getCell(1, 1);
    title.value = opts.title;
    title.style = { font: { bold: true, size: 14 }, alignment: { horizontal: "center", vertical: "middle" } };
    ws.getRow(1).height = 28;
  }

  columns.forEach((col, i) => {
    const column = ws.getColumn(i + 1);
    column.width = col.width;
    if (col.text) column.numFmt = TEXT_FORMAT;
    const cell = ws.getCell(headerRow, i + 1);
    cell.value = col.header;
    cell.style = {
      font: { bold: true },
      alignment: { horizontal: "center", vertical: "middle" },
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } },
      numFmt: "General",
    };
    if (col.text) {
      // Column styles only reach cells Excel creates later; pre-format the input rows as well.
      for (let r = firstInput; r <= lastInput; r++) ws.getCell(r, i + 1).numFmt = TEXT_FORMAT;
    }
  });

  const lists = dropDownItems(campaign);
  let helper: ExcelJS.Worksheet | undefined;
  let helperColumn = 0;
  const validations = (
    ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  columns.forEach((col, i) => {
    const items = lists.get(col.key as DropDownKey);
    if (!items || items.length === 0) return;
    let formula = inlineListFormula(items);
    if (!formula) {
      helper ??= wb.addWorksheet(LIST_SHEET, { state: "hidden" });
      helperColumn++;
      items.forEach((item, r) => {
        helper!.getCell(r + 1, helperColumn).value = item;
      });
      const letter = columnLetter(helperColumn - 1);
      formula = `${quoteSheet(LIST_SHEET)}!$${letter}$1:$${letter}$${items.length}`;
    }
    const letter = columnLetter(i);
    validations.add(`${letter}${firstInput}:${letter}${lastInput}`, {
      type: "list",
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      // A warning, not a stop: accepted aliases (硕士, 2017 college names) must stay typeable.
      errorStyle: "warning",
      errorTitle: "请从下拉列表中选择",
      error: `“${col.header}”应为下拉列表中的一项`,
    });
  });
  return workbookBytes(wb);
}

async function loadXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS needs every cell's reference, which the format lets a writer leave out (cellRefs.ts).
    const copy = (await withCellRefs(bytes)).slice().buffer as ArrayBuffer;
    await wb.xlsx.load(copy);
  } catch {
    throw new FileReadError("corrupt", "文件已损坏或不完整", "corrupt or truncated file");
  }
  return wb;
}

const DIGITS_ONLY = /^\s*[0-9０-９]+[xXｘＸ]?\s*$/;

function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return w;
}

/**
 * A value Excel cannot hold (over 32,767 characters; the engine reports it as cell.tooLong) is not written
 * whole: a copy keeps what fits, so Excel still opens the file and the marked cell shows where it was.
 */
function fitCell(text: string): string {
  return text.length > EXCEL_MAX_CELL_CHARS ? text.slice(0, EXCEL_MAX_CELL_CHARS) : text;
}

function fitSheet(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === "string" && cell.value.length > EXCEL_MAX_CELL_CHARS)
        cell.value = fitCell(cell.value);
    }),
  );
}

/** A grid as a fresh sheet: strings stay strings (digit strings get '@' so a retyped ID stays text). */
function gridToSheet(wb: ExcelJS.Workbook, grid: Grid, sheetName: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(safeSheetName(sheetName));
  const widths: number[] = [];
  grid.rows.forEach((values, r) => {
    values.forEach((v: CellValue, c) => {
      if (v === null) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = typeof v === "string" ? fitCell(v) : v;
      if (typeof v === "string" && DIGITS_ONLY.test(v)) cell.numFmt = TEXT_FORMAT;
      widths[c] = Math.max(widths[c] ?? 0, displayWidth(cellText(v)));
    });
  });
  widths.forEach((w, c) => {
    ws.getColumn(c + 1).width = Math.min(Math.max(w + 2, 8), 50);
  });
  return ws;
}

/** Opens the sheet a copy is made of: the original workbook for xlsx, otherwise a new one from the grid. */
async function openCopy(input: CopySource): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet }> {
  if ("bytes" in input && input.format === "xlsx") {
    const wb = await loadXlsx(input.bytes);
    // The sheet readSheet reads: the named one, else the first, skipping an empty first sheet.
    const ws =
      (input.sheetName ? wb.getWorksheet(input.sheetName) : undefined) ??
      wb.worksheets.find((w) => w.actualRowCount > 0) ??
      wb.worksheets[0];
    if (!ws) throw new FileReadError("empty", "文件中没有工作表", "no worksheet");
    fitSheet(ws);
    return { wb, ws };
  }
  let grid: Grid;
  let name = input.sheetName ?? "Sheet1";
  if ("grid" in input) grid = input.grid;
  else {
    const read = await readSheet(input.bytes, `input.${input.format}`);
    grid = read.grid;
    name = input.sheetName ?? (input.format === "csv" ? "Sheet1" : read.sheetName);
  }
  const wb = newWorkbook();
  return { wb, ws: gridToSheet(wb, grid, name) };
}

/** How an annotated copy prints: the list's header row (1-based) repeated, and its page header. */
export interface AnnotatedPrint {
  headerRow?: number;
  pageHeader?: PageHeader;
}

/**
 * A copy of the input with every marked cell filled with the severity's colour and a note holding the
 * mark's text. For xlsx input the workbook is loaded and everything else in it is kept, except that
 * the sheet prints landscape, one page wide, with its header row on every page.
 */
export async function writeAnnotated(
  input: CopySource,
  marks: readonly CellMark[],
  print: AnnotatedPrint = {},
): Promise<Uint8Array> {
  const { wb, ws } = await openCopy(input);
  applyPrintSetup(ws, print.pageHeader ?? { left: `${ws.name}（标注副本）` }, print.headerRow ?? 1);
  for (const mark of marks) {
    const cell = ws.getCell(mark.row, mark.col + 1);
    restyle(cell, {
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: MARK_FILL[mark.severity] } },
    });
    cell.note = mark.note;
  }
  return workbookBytes(wb);
}

/**
 * A copy of the input with the edits applied ("fill", "fix all"). Cells in `textColumns` (0-based) are
 * written as text with the '@' format; other edits are written as the strings they are.
 */
export async function writeEdited(
  input: CopySource,
  edits: readonly CellEdit[],
  opts: { textColumns?: readonly number[] } = {},
): Promise<Uint8Array> {
  const { wb, ws } = await openCopy(input);
  const textColumns = new Set(opts.textColumns ?? []);
  for (const edit of edits) {
    const cell = ws.getCell(edit.row, edit.col + 1);
    if (textColumns.has(edit.col)) setText(cell, edit.value);
    else cell.value = edit.value === "" ? null : edit.value;
  }
  return workbookBytes(wb);
}

/** A grid as CSV for Excel: UTF-8 with BOM (so Chinese opens correctly), CRLF, fields quoted when needed. */
/**
 * Text that a spreadsheet would run as a formula when it opens the CSV ("=HYPERLINK(…)", "@SUM(…)",
 * "+cmd|…"): prefixed with an apostrophe, the usual defence. Numbers ("-5", "+86…") are left alone.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function csvSafeText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function toCsv(grid: Grid): string {
  const lines = grid.rows.map((row) =>
    row.map((v) => csvField(typeof v === "string" ? csvSafeText(v) : cellText(v))).join(","),
  );
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join("")}`;
}
