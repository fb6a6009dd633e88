import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { CellValue, Grid } from "../domain/grid";
import { finishGrid, isoFromSheetDate } from "../files/readSheet";
import { hasZipMagic } from "./zipCheck";

/**
 * The server's memory-lean path from an uploaded one-sheet .xlsx to the engine's Grid: ExcelJS's streaming
 * reader hands over one row at a time, so a 5 MB list (~100,000 rows) never exists as a parsed workbook
 * (SheetJS needs some 330 MB for it, this path about a third). Cell values follow readSheet's rules
 * (test/server/streamSheet.test.ts holds the two to the same grids): text stays text, numbers numbers,
 * date cells an ISO date, formulas their cached result, errors their text.
 * Anything unusual (no cells, an unreadable part) is left to readSheet, whose errors the users know.
 */

export type StreamedSheet =
  | { ok: true; grid: Grid }
  | { ok: false; reason: "tooManyRows" }
  /** Not for this path: the caller reads the file with readSheet. */
  | { ok: false; reason: "useReadSheet" };

type ExcelValue = ExcelJS.CellValue | undefined;

const ERROR_FALLBACK = "#ERROR!";

function toCell(value: ExcelValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return isoFromSheetDate(value);
  if ("richText" in value) {
    const text = value.richText.map((r) => r.text).join("");
    return text === "" ? null : text;
  }
  if ("error" in value) return value.error ?? ERROR_FALLBACK;
  if ("formula" in value || "sharedFormula" in value)
    return toCell((value as ExcelJS.CellFormulaValue).result as ExcelValue);
  if ("hyperlink" in value) return toCell(value.text as ExcelValue);
  return null;
}

/** `maxRows`: worksheet rows (title and header included); past it reading stops. */
export async function streamSheet(bytes: Uint8Array, maxRows: number): Promise<StreamedSheet> {
  // The zip reader waits forever for an archive that never starts (an empty file): not ours to read.
  if (!hasZipMagic(bytes)) return { ok: false, reason: "useReadSheet" };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const rows: CellValue[][] = [];
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      if (++sheets > 1) return { ok: false, reason: "useReadSheet" };
      for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
        if (row.number > maxRows) return { ok: false, reason: "tooManyRows" };
        const values = row.values as ExcelValue[];
        const cells: CellValue[] = [];
        // row.values is 1-based and sparse: column A is index 1.
        for (let c = 1; c < values.length; c++) {
          const v = toCell(values[c]);
          if (v !== null) cells[c - 1] = v;
        }
        rows[row.number - 1] = cells;
      }
    }
  } catch {
    return { ok: false, reason: "useReadSheet" };
  }
  if (sheets !== 1) return { ok: false, reason: "useReadSheet" };
  const grid = finishGrid(rows);
  return grid.rows.length > 0 ? { ok: true, grid } : { ok: false, reason: "useReadSheet" };
}
