/// <reference types="office-js" />
import { columnLetter, type SubmissionSheet } from "../domain";
import { columnPoints } from "./prepare";

/** The base name of the sheet the pane adds for the submission ("提交名单", "提交名单 (2)" …). */
export const SUBMISSION_SHEET_BASE = "提交名单";

/**
 * Queues SPEC §5's table onto a new, empty sheet: the text format goes on before the values (an ID
 * written into a General cell would become a number and lose digits), then a bold, frozen header.
 * Every column except 序号 is text: a 毕业时间 like "2018年6月" must not turn into a date either.
 */
export function queueSubmissionSheet(sheet: Excel.Worksheet, table: SubmissionSheet): void {
  const n = table.columns.length;
  const rows = table.rows.length;
  if (n === 0) return;
  table.columns.forEach((c, i) => {
    const letter = columnLetter(i);
    if (c.key !== "seq" && rows > 0) {
      sheet.getRange(`${letter}2:${letter}${rows + 1}`).numberFormat = "@" as unknown as string[][];
    }
    sheet.getRange(`${letter}:${letter}`).format.columnWidth = columnPoints(c.width);
  });
  const end = columnLetter(n - 1);
  const header = sheet.getRange(`A1:${end}1`);
  header.values = [table.columns.map((c) => c.header)];
  header.format.font.bold = true;
  if (rows > 0) {
    const seqCol = table.columns.findIndex((c) => c.key === "seq");
    sheet.getRange(`A2:${end}${rows + 1}`).values = table.rows.map((r) =>
      r.map((v, i) => (i === seqCol && /^\d+$/.test(v) ? Number(v) : v)),
    );
  }
}

/** Base64 of bytes without Node's Buffer (the pane runs in a browser). */
export function toBase64(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += `${alphabet[n >> 18]}${alphabet[(n >> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += `${alphabet[n >> 18]}${alphabet[(n >> 12) & 63]}${alphabet[(n >> 6) & 63]}=`;
  }
  return out;
}
