/**
 * A file as the emulated workbook opens it: the values readSheet gives (what the engine reads in the
 * pane, the CLI and the server alike) and, for an .xlsx, the sheet's number formats, fills, bold,
 * notes and frozen rows, so typing into a text-formatted ("@") column keeps an 18-digit ID as text,
 * as Excel does. .xls and .csv carry no formats readSheet does not already give.
 */
import type { SeedSheet } from "../excel/memory";
import { readSheet, type SheetFormat } from "../files/readSheet";

export interface OpenedFile {
  readonly sheet: SeedSheet;
  readonly format: SheetFormat;
  /** True when the values were read but the formats could not be (the grid then shows values only). */
  readonly formatsUnread: boolean;
}

export async function openSpreadsheet(bytes: Uint8Array, fileName: string): Promise<OpenedFile> {
  const { grid, sheetName, format } = await readSheet(bytes, fileName);
  const values: SeedSheet = { name: sheetName, rows: grid.rows };
  if (format !== "xlsx") return { sheet: values, format, formatsUnread: false };
  try {
    // ExcelJS is fetched only now, when an .xlsx is opened (it is ~250 KB gzipped).
    const { readSheetFormats } = await import("./xlsxFormats");
    const formats = await readSheetFormats(bytes, sheetName);
    if (!formats) return { sheet: values, format, formatsUnread: true };
    return { sheet: { ...values, ...formats }, format, formatsUnread: false };
  } catch {
    // SheetJS read what ExcelJS cannot (strict OOXML, odd writers): the values are all that matter.
    return { sheet: values, format, formatsUnread: true };
  }
}
