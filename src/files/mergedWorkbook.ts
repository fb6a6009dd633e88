/**
 * The merged list for Xinhua (issue 10) as a workbook: one sheet per graduation batch (or one sheet),
 * then the fee summary. Written with ExcelJS's streaming writer, as the server's attachment is
 * (src/server/attachmentWriter.ts): 35 colleges × 5,000 rows would take gigabytes in the in-memory
 * model. Node only (server and CLI): the pane never writes the merged list.
 *
 * Print-ready: A4 landscape, every column on one page width (fitToWidth 1, fitToHeight 0: as many pages
 * down as needed), the header row repeated on each page, school, list and sheet in the page header.
 */
import ExcelJS from "exceljs";
import type { Campaign } from "../domain/campaign";
import { columnLetter } from "../domain/grid";
import type { CollegeTotals, MergedGroup, MergedList } from "../domain/merge";
import { HEADER_STYLE, printOptions } from "./printSetup";
import { streamWorkbook } from "./streamWorkbook";
import { safeSheetName } from "./writeWorkbook";

const TEXT_FORMAT = "@";
const SMALL_INTEGER = /^(?:0|[1-9]\d{0,8})$/;
export const FEE_SHEET = "费用汇总";
export const FEE_HEADERS = ["学院", "人数", "应缴", "已缴", "差额"] as const;
const TOTAL_LABEL = "合计";
const SINGLE_SHEET = "图像采集名单";
const OTHER_BATCH = "其他毕业时间";

/** The sheet name of a group: its batch ("2018年6月毕业") when the campaign has several, else one name. */
export function groupSheetName(group: MergedGroup, split: boolean): string {
  if (!split) return SINGLE_SHEET;
  return safeSheetName(group.batch === undefined ? OTHER_BATCH : `${group.batch}毕业`);
}

function pageOptions(campaign: Campaign, sheetLabel: string): Partial<ExcelJS.AddWorksheetOptions> {
  return printOptions({ left: campaign.school.name, center: campaign.listTitle, right: sheetLabel });
}

function writeHeader(ws: ExcelJS.Worksheet, headers: readonly string[]): void {
  const row = ws.addRow([...headers]);
  row.height = 20;
  row.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  row.commit();
  if (headers.length > 0) ws.autoFilter = `A1:${columnLetter(headers.length - 1)}1`;
}

function writeGroup(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  merged: MergedList,
  group: MergedGroup,
  name: string,
  campaign: Campaign,
): void {
  const ws = wb.addWorksheet(name, pageOptions(campaign, name));
  // '@' on ID columns. No border on data cells: a styled cell costs ExcelJS a style lookup, and a
  // border on 175,000 rows doubled the write (bench/merge.bench.ts); the header row has one.
  ws.columns = merged.columns.map((c) => ({
    width: c.width,
    ...(c.text ? { style: { numFmt: TEXT_FORMAT } } : {}),
  }));
  writeHeader(
    ws,
    merged.columns.map((c) => c.header),
  );
  for (const values of group.rows) {
    const row = ws.addRow(
      merged.columns.map((col, c) => {
        const v = values[c] ?? "";
        if (v === "") return null;
        // IDs stay strings whatever they look like; a short integer elsewhere (序号) is a number.
        return !col.text && SMALL_INTEGER.test(v) ? Number(v) : v;
      }),
    );
    row.commit();
  }
  ws.commit();
}

function feeRow(t: Pick<CollegeTotals, "college" | "students" | "feeDue" | "feePaid" | "balance">) {
  return [t.college, t.students, t.feeDue, t.feePaid ?? null, t.balance ?? null];
}

function writeFees(wb: ExcelJS.stream.xlsx.WorkbookWriter, merged: MergedList, campaign: Campaign): void {
  const ws = wb.addWorksheet(FEE_SHEET, pageOptions(campaign, FEE_SHEET));
  ws.columns = [28, 10, 12, 12, 12].map((width) => ({ width }));
  writeHeader(ws, FEE_HEADERS);
  for (const t of merged.totals) ws.addRow(feeRow(t)).commit();
  const paid = merged.feePaid;
  const total = ws.addRow(
    feeRow({
      college: TOTAL_LABEL,
      students: merged.students,
      feeDue: merged.feeDue,
      feePaid: paid,
      balance: paid === undefined ? undefined : Math.round((merged.feeDue - paid) * 100) / 100,
    }),
  );
  total.eachCell((cell) => {
    cell.style = { ...cell.style, font: { bold: true } };
  });
  total.commit();
  ws.commit();
}

/** The merged workbook's bytes. `campaign` names the school and the list in the page headers. */
export async function writeMergedWorkbook(merged: MergedList, campaign: Campaign): Promise<Uint8Array> {
  // Named by batch whenever the campaign has several, even if one batch holds every row.
  const split = campaign.gradBatches.length > 1 && merged.rows.length > 0;
  return streamWorkbook((wb) => {
    for (const group of merged.groups) writeGroup(wb, merged, group, groupSheetName(group, split), campaign);
    writeFees(wb, merged, campaign);
  });
}
