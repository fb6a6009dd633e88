import type { SubmissionSheet } from "../domain/submission";
import { safeSheetName, submissionPageHeader } from "../files/writeWorkbook";
import { HEADER_STYLE, printOptions } from "../files/printSetup";
import { streamWorkbook } from "../files/streamWorkbook";

/**
 * The §5 attachment written with ExcelJS's streaming writer: each row is serialised and dropped as soon as
 * it is added, so a 100,000-row list needs megabytes, not the gigabytes of the in-memory model.
 * The layout is writeSubmission's (src/files/writeWorkbook.ts, which the pane also uses and so cannot use
 * Node streams): styled frozen header with a filter, the same print setup (printSetup.ts), text columns as '@' string cells, short integers
 * elsewhere as numbers. test/server/attachmentWriter.test.ts holds the two writers to the same cells.
 */

const TEXT_FORMAT = "@";
const SMALL_INTEGER = /^(?:0|[1-9]\d{0,8})$/;

export async function streamSubmission(sheet: SubmissionSheet): Promise<Uint8Array> {
  return streamWorkbook((wb) => {
    const ws = wb.addWorksheet(safeSheetName(sheet.sheetName), printOptions(submissionPageHeader(sheet)));
    ws.columns = sheet.columns.map((col) => ({
      width: col.width,
      ...(col.text ? { style: { numFmt: TEXT_FORMAT } } : {}),
    }));
    const n = sheet.columns.length;
    if (n > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: n } };

    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.eachCell((cell) => {
      cell.style = HEADER_STYLE;
    });
    header.commit();
    for (const values of sheet.rows) {
      const row = ws.addRow(
        sheet.columns.map((col, c) => {
          const v = values[c] ?? "";
          if (v === "") return null;
          return !col.text && SMALL_INTEGER.test(v) ? Number(v) : v;
        }),
      );
      row.commit();
    }
    ws.commit();
  });
}
