/**
 * What a workbook is built from when it is opened: each sheet's values and, for a file that has
 * them, its formats (number format, fill, bold) on columns, rows and cells, its notes and its frozen
 * panes. The layers are kept as the file keeps them, so a text-formatted ("@") column stays text
 * below its last value too, as in Excel.
 */
import type { CellValue } from "../../../domain/grid";
import type { FormatProps, SheetModel } from "./sheet";
import { cellKey } from "./sheet";

/** A format on a column, a row or a cell; `fill` is "#RRGGBB". Absent means "not set here". */
export interface SeedFormat {
  readonly numberFormat?: string;
  readonly fill?: string | null;
  readonly bold?: boolean;
}

export interface SeedSheet {
  readonly name: string;
  /** rows[0] is worksheet row 1; null or "" leaves the cell empty. Strings are stored as given. */
  readonly rows: readonly (readonly CellValue[])[];
  /** Optional number formats by position (e.g. "@" for text columns). */
  readonly numberFormats?: readonly (readonly (string | null)[])[];
  /** Whole-column formats (0-based columns). */
  readonly columnFormats?: readonly { readonly col: number; readonly format: SeedFormat }[];
  /** Whole-row formats (0-based rows); they win over a column's, as in Excel. */
  readonly rowFormats?: readonly { readonly row: number; readonly format: SeedFormat }[];
  /** A cell's own format wins over its row's and column's (0-based). */
  readonly cellFormats?: readonly {
    readonly row: number;
    readonly col: number;
    readonly format: SeedFormat;
  }[];
  readonly notes?: readonly {
    readonly row: number;
    readonly col: number;
    readonly content: string;
    readonly author?: string;
  }[];
  readonly frozenRows?: number;
  readonly frozenColumns?: number;
}

function layerOf(format: SeedFormat): FormatProps | undefined {
  const layer: FormatProps = {};
  if (format.numberFormat !== undefined) layer.numberFormat = format.numberFormat;
  if (format.fill !== undefined) layer.fill = format.fill;
  if (format.bold !== undefined) layer.bold = format.bold;
  return Object.keys(layer).length > 0 ? layer : undefined;
}

/** Fills an empty sheet from its seed: formats first (they decide nothing about stored values). */
export function seedSheet(sheet: SheetModel, seed: SeedSheet): void {
  for (const { col, format } of seed.columnFormats ?? []) {
    const layer = layerOf(format);
    if (layer) sheet.columnFormats.set(col, layer);
  }
  for (const { row, format } of seed.rowFormats ?? []) {
    const layer = layerOf(format);
    if (layer) sheet.rowFormats.set(row, layer);
  }
  for (const { row, col, format } of seed.cellFormats ?? []) {
    const layer = layerOf(format);
    if (layer)
      sheet.cellFormats.set(cellKey(row, col), { ...sheet.cellFormats.get(cellKey(row, col)), ...layer });
  }
  seed.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      const nf = seed.numberFormats?.[r]?.[c];
      if (nf) sheet.setFormat({ top: r, bottom: r, left: c, right: c }, "numberFormat", nf);
      if (v === null || v === "") return;
      if (typeof v === "string") sheet.setCell(r, c, { type: "String", value: v });
      else if (typeof v === "number") sheet.setCell(r, c, { type: "Double", value: v });
      else sheet.setCell(r, c, { type: "Boolean", value: v });
    }),
  );
  for (const note of seed.notes ?? []) {
    sheet.notes.set(cellKey(note.row, note.col), {
      sheet,
      row: note.row,
      col: note.col,
      content: note.content,
      authorName: note.author ?? "",
    });
  }
  sheet.frozenRows = Math.max(0, seed.frozenRows ?? 0);
  sheet.frozenColumns = Math.max(0, seed.frozenColumns ?? 0);
}
