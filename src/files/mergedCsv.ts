/**
 * The merged list as CSV for Xinhua (issue 10): GB18030 — what Excel and WPS on Chinese Windows read a
 * CSV as when it has no BOM; it encodes every Unicode character, so no name is lost — CRLF line ends,
 * RFC 4180 quoting. Node only (iconv-lite): written by the server and the CLI.
 */
import iconv from "iconv-lite";
import type { MergedList } from "../domain/merge";
import { csvSafeText } from "./writeWorkbook";
import { csvField } from "./text";

/**
 * An ID column's value (学号, 身份证号, phone) is written after a tab. Opened in Excel or WPS, a field
 * of digits becomes a number: an 18-digit ID loses its last digits (15 significant) and shows as
 * 1.10105E+17, a leading 0 vanishes. A leading tab makes both keep the field as text. The other usual
 * trick, ="110…", turns the value into a formula that only a spreadsheet evaluates: an import program
 * reading the file would get the formula's text, whereas a tab is whitespace that readers trim (our own
 * engine reads every ID whole and only offers to remove the tab). Only plain ID characters get the tab; anything else
 * goes through csvSafeText like every other cell, so no cell can start a formula.
 */
const PLAIN_ID = /^[0-9A-Za-z]+$/;

function idField(value: string): string {
  return PLAIN_ID.test(value) ? `\t${value}` : csvSafeText(value);
}

/** The merged rows (every batch, 序号 1..N) as GB18030 CSV bytes, header first. */
export function writeMergedCsv(merged: MergedList): Uint8Array {
  const lines: string[] = [merged.columns.map((c) => csvField(csvSafeText(c.header))).join(",")];
  for (const values of merged.rows) {
    lines.push(
      merged.columns
        .map((col, c) => {
          const v = values[c] ?? "";
          if (v === "") return "";
          return csvField(col.text ? idField(v) : csvSafeText(v));
        })
        .join(","),
    );
  }
  const bytes = iconv.encode(lines.map((l) => `${l}\r\n`).join(""), "gb18030");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
