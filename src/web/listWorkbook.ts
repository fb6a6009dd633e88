/**
 * The web version's "下载改好的名单": the emulated workbook as an .xlsx, every sheet, values as they
 * stand in the grid (text stays text, so an 18-digit ID is never turned into 3.50102E+17), with the
 * number formats, fills, bold, notes, drop-down lists and frozen rows the workbook holds. The template's
 * text columns (学号, 身份证号, phone numbers) are formatted "@" under the header, so the secretary can keep
 * typing IDs into the downloaded file in Excel or WPS. ExcelJS is imported here: the page loads this
 * module with import(), so ExcelJS never weighs on the page's first load.
 */
import ExcelJS from "exceljs";
import { DEFAULT_TEMPLATE, locateHeader, type CellValue, type Template } from "../domain";
import type { MemoryWorkbook } from "../excel/memory";
import { DEFAULT_COLUMN_WIDTH, type FormatProps, type SheetModel } from "../excel/memory/model";

const TEXT_FORMAT = "@";
const GENERAL_FORMAT = "General";
/** Excel's grid: one cell key is row × MAX_COLUMNS + column (src/excel/memory/address.ts). */
const MAX_COLUMNS = 16_384;
/** Excel's standard width is 8.43 characters; the emulator keeps widths in points (48 pt = 8.43). */
const POINTS_PER_CHARACTER = DEFAULT_COLUMN_WIDTH / 8.43;

type ValidationList = NonNullable<FormatProps["validation"]>;
type Validations = { add(address: string, validation: ExcelJS.DataValidation): void };

function argb(fill: string): string | undefined {
  const hex = /^#?([0-9a-f]{6})$/i.exec(fill.trim());
  return hex ? `FF${hex[1].toUpperCase()}` : undefined;
}

function listValidation(rule: ValidationList): ExcelJS.DataValidation {
  const source = rule.list.source.trim();
  return {
    type: "list",
    allowBlank: true,
    showErrorMessage: true,
    // "=Sheet!$A$1:$A$5" is a range; anything else is Excel's inline "a,b,c" list.
    formulae: [source.startsWith("=") ? source.slice(1) : `"${source.replace(/"/g, '""')}"`],
  };
}

function columnName(col: number): string {
  let n = col + 1;
  let name = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** 0-based columns of the template's text columns, and the header's 0-based row; none without a header. */
function textColumns(sheet: SheetModel, template: Template) {
  // Only the rows the header may be in, from the sparse cells: a stray cell far down costs nothing.
  const rows: CellValue[][] = [];
  for (const [k, data] of sheet.cells) {
    const row = Math.floor(k / MAX_COLUMNS);
    if (row >= template.headerSearchRows) continue;
    while (rows.length <= row) rows.push([]);
    rows[row][k % MAX_COLUMNS] = data.type === "Error" ? null : data.value;
  }
  for (const row of rows) for (let c = 0; c < row.length; c++) row[c] ??= null;
  const header = locateHeader({ rows }, template);
  if (!header) return { headerRow: -1, columns: new Set<number>() };
  const columns = new Set<number>();
  for (const col of template.columns) {
    const at = header.columns.get(col.key);
    if (col.text && at !== undefined) columns.add(at);
  }
  return { headerRow: header.row - 1, columns };
}

/** A whole number Excel keeps exactly (a 学号 typed into a General cell): its digits as text. */
function asText(value: number): string | number {
  return Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
}

function writeSheet(
  ws: ExcelJS.Worksheet,
  sheet: SheetModel,
  text: { headerRow: number; columns: Set<number> },
): void {
  const validations = (ws as unknown as { dataValidations: Validations }).dataValidations;
  for (const [col, layer] of sheet.columnFormats) {
    const column = ws.getColumn(col + 1);
    if (layer.numberFormat && layer.numberFormat !== GENERAL_FORMAT) column.numFmt = layer.numberFormat;
    if (layer.validation) {
      const letter = columnName(col);
      validations.add(`${letter}1:${letter}1048576`, listValidation(layer.validation));
    }
  }
  for (const col of text.columns) ws.getColumn(col + 1).numFmt = TEXT_FORMAT;
  for (const [col, width] of sheet.columnWidths) {
    if (width !== DEFAULT_COLUMN_WIDTH) ws.getColumn(col + 1).width = width / POINTS_PER_CHARACTER;
  }

  // Every cell with a value, a format of its own, a note or a comment: one pass over each map.
  const keys = new Set<number>([
    ...sheet.cells.keys(),
    ...sheet.cellFormats.keys(),
    ...sheet.notes.keys(),
    ...sheet.comments.keys(),
  ]);
  for (const k of keys) {
    const row = Math.floor(k / MAX_COLUMNS);
    const col = k % MAX_COLUMNS;
    const cell = ws.getCell(row + 1, col + 1);
    const data = sheet.cell(row, col);
    const isText = text.columns.has(col) && row > text.headerRow;
    if (data?.type === "Error") cell.value = { error: data.value as ExcelJS.CellErrorValue["error"] };
    else if (data?.type === "Double" && isText) cell.value = asText(data.value);
    else if (data) cell.value = data.value;
    const numFmt = isText ? TEXT_FORMAT : sheet.numberFormat(row, col);
    if (numFmt !== GENERAL_FORMAT) cell.numFmt = numFmt;
    const fill = sheet.format(row, col, "fill");
    const color = fill ? argb(fill) : undefined;
    if (color) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: color } };
    if (sheet.format(row, col, "bold")) cell.font = { bold: true };
    const own = sheet.cellFormats.get(k)?.validation;
    if (own) cell.dataValidation = listValidation(own);
    // A note, else a comment: ExcelJS writes notes only; either carries the assistant's message.
    const note = sheet.notes.get(k)?.content ?? sheet.comments.get(k)?.content;
    if (note) cell.note = note;
  }
  if (sheet.frozenRows > 0 || sheet.frozenColumns > 0) {
    ws.views = [{ state: "frozen", ySplit: sheet.frozenRows, xSplit: sheet.frozenColumns }];
  }
}

/** Every sheet of the emulated workbook, the active one active, as .xlsx bytes. */
export async function writeListWorkbook(
  workbook: MemoryWorkbook,
  template: Template = DEFAULT_TEMPLATE,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "研究生图像信息采集名单助手";
  const active = workbook.activeSheet;
  for (const sheet of workbook.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    writeSheet(ws, sheet, textColumns(sheet, template));
  }
  const activeTab = workbook.sheets.indexOf(active);
  wb.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: 0,
      activeTab: Math.max(0, activeTab),
      visibility: "visible",
    },
  ];
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
