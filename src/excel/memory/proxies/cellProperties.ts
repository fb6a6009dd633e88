/**
 * ExcelApi 1.9's per-cell properties (`getCellProperties` / `setCellProperties`): the subset the
 * add-in uses — address, fill colour, "no fill" and bold.
 */
import { formatAddress } from "../address";
import { invalidArgument } from "../errors";
import { normaliseColour } from "../values";
import { checkDimensions, grid, type RangeRef } from "./rangeCells";

export interface CellPropertiesLoadOptions {
  readonly address?: boolean;
  readonly format?: {
    readonly fill?: { readonly color?: boolean; readonly tintAndShade?: boolean };
    readonly font?: { readonly bold?: boolean };
  };
}

export interface CellProperties {
  address?: string;
  format?: { fill?: { color?: string; tintAndShade?: number | null }; font?: { bold?: boolean } };
}

export interface CellPropertiesInput {
  readonly format?: {
    readonly fill?: { readonly color?: string; readonly pattern?: "None" };
    readonly font?: { readonly bold?: boolean };
  };
}

/** One read: "#FFFFFF" for no fill (as Excel), tintAndShade null for no fill and 0 for a solid one. */
export function readCellProperties(
  { sheet, rect }: RangeRef,
  options: CellPropertiesLoadOptions,
): CellProperties[][] {
  const fill = options.format?.fill;
  const font = options.format?.font;
  return grid(rect, "Range.getCellProperties", (r, c) => {
    const props: CellProperties = {};
    if (options.address) props.address = formatAddress(sheet.name, { top: r, bottom: r, left: c, right: c });
    if (fill?.color || fill?.tintAndShade || font?.bold) {
      const colour = sheet.format(r, c, "fill");
      const format: NonNullable<CellProperties["format"]> = {};
      if (fill?.color || fill?.tintAndShade) {
        format.fill = {};
        if (fill.color) format.fill.color = colour ?? "#FFFFFF";
        if (fill.tintAndShade) format.fill.tintAndShade = colour === null ? null : 0;
      }
      if (font?.bold) format.font = { bold: sheet.format(r, c, "bold") };
      props.format = format;
    }
    return props;
  });
}

/** One write: a 2-D array of the range's size; null entries skip a cell. */
export function writeCellProperties(
  { sheet, rect }: RangeRef,
  values: (CellPropertiesInput | null | undefined)[][],
): void {
  const rows = checkDimensions(values, rect, "Range.setCellProperties")!;
  rows.forEach((row, i) =>
    row.forEach((entry, j) => {
      if (!entry) return;
      const cell = {
        top: rect.top + i,
        bottom: rect.top + i,
        left: rect.left + j,
        right: rect.left + j,
      };
      const { fill, font } = (entry as CellPropertiesInput).format ?? {};
      if (fill?.pattern === "None") sheet.resetFormat(cell, "fill");
      if (fill?.color !== undefined) {
        const colour = normaliseColour(fill.color);
        if (colour === null)
          throw invalidArgument("Range.setCellProperties", `not a colour: ${String(fill.color)}`);
        sheet.setFormat(cell, "fill", colour);
      }
      if (font?.bold !== undefined) sheet.setFormat(cell, "bold", font.bold === true);
    }),
  );
}
