/// <reference types="office-js" />
import {
  columnLetter,
  dropDownItems,
  inlineListSource,
  listColumns,
  PREPARED_ROWS,
  type Campaign,
  type HeaderMap,
  type Template,
} from "../domain";

/**
 * "Prepare the sheet" (SPEC §7, prevention before detection): text format on the columns that hold
 * digits that are not numbers, drop-down lists from the campaign, a frozen header.
 */

export const TEMPLATE_SHEET_NAME = "采集名单";
/** The prepared rows and the 255-character limit are the domain's (src/domain/dropDowns.ts). */
export { MAX_LIST_SOURCE, PREPARED_ROWS } from "../domain";

/** The inline source of each drop-down by template key; a list Excel cannot hold inline gets none. */
export function dropDownSources(campaign: Campaign, college?: string): Map<string, string> {
  const out = new Map<string, string>();
  // Without a chosen college all 35 names exceed Excel's 255 characters: that column gets no drop-down.
  for (const [key, items] of dropDownItems(campaign, college)) {
    const source = inlineListSource(items);
    if (source !== undefined) out.set(key, source);
  }
  return out;
}

export interface PrepareOptions {
  template: Template;
  campaign: Campaign;
  college?: string;
  dropDowns: boolean;
  freeze: boolean;
}

/** Queues (no sync) the preparation of a list whose header is at `header.row` (1-based). */
export function queuePrepare(sheet: Excel.Worksheet, header: HeaderMap, opts: PrepareOptions): void {
  const first = header.row + 1;
  const last = header.row + PREPARED_ROWS;
  const column = (col: number): Excel.Range =>
    sheet.getRange(`${columnLetter(col)}${first}:${columnLetter(col)}${last}`);
  for (const c of opts.template.columns) {
    const col = header.columns.get(c.key);
    if (col !== undefined && c.text) column(col).numberFormat = "@" as unknown as string[][];
  }
  if (opts.dropDowns) {
    for (const [key, source] of dropDownSources(opts.campaign, opts.college)) {
      const col = header.columns.get(key);
      if (col === undefined) continue;
      const validation = column(col).dataValidation;
      // A range that already has a rule refuses a new one: clear first.
      validation.clear();
      validation.rule = { list: { inCellDropDown: true, source } };
    }
  }
  if (opts.freeze) sheet.freezePanes.freezeRows(header.row);
}

/** The header map of the blank template as insertTemplate writes it (title row 1, header row 2). */
export function templateHeader(template: Template): HeaderMap {
  return {
    row: 2,
    columns: new Map(listColumns(template).map((c, i) => [c.key, i])),
    duplicates: new Map(),
    unknown: [],
  };
}

/** Excel column width in points for a width given in characters (Calibri 11: about 6 points each). */
export function columnPoints(chars: number): number {
  return Math.round(chars * 6 + 5);
}

/** Queues the blank template's title, header, widths and preparation onto an empty sheet. */
export function queueTemplate(sheet: Excel.Worksheet, opts: PrepareOptions): HeaderMap {
  const { template, campaign } = opts;
  const header = templateHeader(template);
  // Xinhua's columns only: an "ifPresent" column (证件类型) is the list's own addition.
  const columns = listColumns(template);
  const n = columns.length;
  const end = columnLetter(n - 1);
  sheet.getRange("A1").values = [[`${campaign.school.name}${campaign.cohort}图像信息采集名单`]];
  sheet.getRange("A1").format.font.bold = true;
  const headerRange = sheet.getRange(`A2:${end}2`);
  headerRange.values = [columns.map((c) => c.header)];
  headerRange.format.font.bold = true;
  columns.forEach((c, i) => {
    sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`).format.columnWidth = columnPoints(c.width);
  });
  queuePrepare(sheet, header, opts);
  return header;
}

/** "采集名单", or "采集名单 (2)" … when taken (sheet names compare case-insensitively). */
export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} (${i})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
