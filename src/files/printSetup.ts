import type ExcelJS from "exceljs";

/**
 * How every workbook the product writes prints: A4 landscape, every column on one page width
 * (fitToWidth 1, fitToHeight 0: as many pages down as the rows need), the header row repeated on each
 * page, and who and what in the page header. Without it LibreOffice and Excel print a 14-column list
 * five columns to a page. One helper for the submission, the server's streamed attachment, the
 * annotated copy and the merged list, so they cannot drift.
 */

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };
export const THIN_BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };

/** The header row's look: bold, light blue fill, thin border (submission, merged list). */
export const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  alignment: { horizontal: "center", vertical: "middle", wrapText: true },
  fill: HEADER_FILL,
  border: THIN_BORDER,
  numFmt: "General",
};

/** The three parts of the page header; `right` defaults to the date of printing. */
export interface PageHeader {
  left: string;
  center?: string;
  right?: string;
}

/** "&" starts a code in Excel's header language, so a literal one is doubled. */
export function headerText(text: string): string {
  return text.replace(/&/g, "&&");
}

/** The page header in Excel's header language (&L, &C, &R sections; &D is the date of printing). */
export function headerCode(header: PageHeader): string {
  const right = header.right === undefined ? "打印日期 &D" : headerText(header.right);
  return `&L${headerText(header.left)}&C${headerText(header.center ?? "")}&R${right}`;
}

/** Worksheet options (in-memory and streaming writers take the same) for a list whose header is `headerRow`. */
export function printOptions(header: PageHeader, headerRow = 1): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: [{ state: "frozen", ySplit: headerRow }],
    pageSetup: pageSetup(headerRow),
    headerFooter: { oddHeader: headerCode(header), oddFooter: "&C第 &P 页，共 &N 页" },
  };
}

function pageSetup(headerRow: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

/** The same setup on a sheet that already exists (a loaded copy of the secretary's list). */
export function applyPrintSetup(ws: ExcelJS.Worksheet, header: PageHeader, headerRow = 1): void {
  Object.assign(ws.pageSetup, pageSetup(headerRow));
  ws.headerFooter = { ...ws.headerFooter, oddHeader: headerCode(header), oddFooter: "&C第 &P 页，共 &N 页" };
}
