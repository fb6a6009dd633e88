/**
 * The formats of one sheet of an .xlsx, as the emulated workbook keeps them: number formats ("@" on
 * the template's ID columns), fills, bold, notes and frozen rows, on columns, rows and cells as the
 * file has them. The values come from readSheet (what the engine reads everywhere); this only adds
 * what Excel would show and how it would take typed input. ExcelJS is imported here and this module
 * is loaded with import(), so ExcelJS is fetched only when a file is opened.
 */
import ExcelJS from "exceljs";
import type { SeedFormat, SeedSheet } from "../excel/memory";
import { fillColour } from "./fileColours";

export type SheetFormats = Omit<SeedSheet, "name" | "rows" | "numberFormats">;

const GENERAL = "General";

interface Effective {
  numberFormat: string;
  fill: string | null;
  bold: boolean;
}

const DEFAULTS: Effective = { numberFormat: GENERAL, fill: null, bold: false };

/** What a style says about each property; undefined where it says nothing. */
function styleFormat(style: Partial<ExcelJS.Style> | undefined): SeedFormat {
  if (!style) return {};
  const out: { numberFormat?: string; fill?: string | null; bold?: boolean } = {};
  if (style.numFmt) out.numberFormat = style.numFmt;
  if (style.fill) out.fill = fillColour(style.fill);
  if (style.font?.bold !== undefined) out.bold = Boolean(style.font.bold);
  return out;
}

function hasAny(format: SeedFormat): boolean {
  return (
    (format.numberFormat !== undefined && format.numberFormat !== GENERAL) ||
    (format.fill !== undefined && format.fill !== null) ||
    format.bold === true
  );
}

function resolve(layers: readonly SeedFormat[]): Effective {
  const out = { ...DEFAULTS };
  for (const key of ["numberFormat", "fill", "bold"] as const) {
    for (const layer of layers) {
      if (layer[key] !== undefined) {
        (out as Record<string, unknown>)[key] = layer[key];
        break;
      }
    }
  }
  return out;
}

/** The properties of a cell's own style that differ from what its row and column would give it. */
function ownDifference(cell: ExcelJS.Cell, below: Effective): SeedFormat | undefined {
  const style = cell.style as Partial<ExcelJS.Style> | undefined;
  // A cell in the file carries its whole style: what it leaves out is Excel's default, not the column's.
  const own = resolve([styleFormat(style)]);
  const diff: { numberFormat?: string; fill?: string | null; bold?: boolean } = {};
  if (own.numberFormat !== below.numberFormat) diff.numberFormat = own.numberFormat;
  if (own.fill !== below.fill) diff.fill = own.fill;
  if (own.bold !== below.bold) diff.bold = own.bold;
  return Object.keys(diff).length > 0 ? diff : undefined;
}

function noteText(note: ExcelJS.Cell["note"]): string | undefined {
  if (note === undefined || note === null) return undefined;
  if (typeof note === "string") return note;
  const texts = (note as ExcelJS.Comment).texts;
  if (!Array.isArray(texts)) return undefined;
  return texts.map((t) => (typeof t === "string" ? t : (t.text ?? ""))).join("");
}

/** The sheet's formats; undefined when ExcelJS cannot read the file or has no such sheet. */
export async function readSheetFormats(
  bytes: Uint8Array,
  sheetName: string,
): Promise<SheetFormats | undefined> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((ws) => ws.name === sheetName);
  if (!sheet) return undefined;

  const columnLayers = new Map<number, SeedFormat>();
  const columnFormats: { col: number; format: SeedFormat }[] = [];
  // Columns as ExcelJS expands the file's <col min max> ranges (at most Excel's 16,384).
  (sheet.columns ?? []).forEach((column, i) => {
    const format = styleFormat(column?.style as Partial<ExcelJS.Style> | undefined);
    if (!hasAny(format)) return;
    columnLayers.set(i, format);
    columnFormats.push({ col: i, format });
  });

  const rowFormats: { row: number; format: SeedFormat }[] = [];
  const cellFormats: { row: number; col: number; format: SeedFormat }[] = [];
  const notes: { row: number; col: number; content: string }[] = [];
  // findRow/findCell never create what the file lacks: one visit per row and cell the file has.
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const rowFormat = styleFormat((row as unknown as { style?: Partial<ExcelJS.Style> }).style);
    const rowHas = hasAny(rowFormat);
    if (rowHas) rowFormats.push({ row: r - 1, format: rowFormat });
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.findCell(c);
      if (!cell) continue;
      const below = resolve([rowHas ? rowFormat : {}, columnLayers.get(c - 1) ?? {}]);
      const diff = ownDifference(cell, below);
      if (diff) cellFormats.push({ row: r - 1, col: c - 1, format: diff });
      const note = noteText(cell.note);
      if (note) notes.push({ row: r - 1, col: c - 1, content: note });
    }
  }

  const view = sheet.views?.find((v) => v.state === "frozen");
  const frozen = view as { xSplit?: number; ySplit?: number } | undefined;
  return {
    columnFormats,
    rowFormats,
    cellFormats,
    notes,
    frozenRows: Math.max(0, Math.floor(frozen?.ySplit ?? 0)),
    frozenColumns: Math.max(0, Math.floor(frozen?.xSplit ?? 0)),
  };
}
