import type { ListChecker } from "./listChecker";
import type { CellEdit } from "./marks";
import { sameCompactText } from "./normalize";
import { SAFE_FIX_CODES, type Problem } from "./problems";
import { mailKeys, type MailKey } from "./template";

/** The submission sheet (SPEC §5), independent of any file format. */
export interface SubmissionSheet {
  sheetName: string;
  columns: { key: string; header: string; text: boolean; width: number }[];
  /** Normalised values in column order; "" for empty. */
  rows: string[][];
  fileName: string;
  /** What the printed pages say at the top: the school and college, the list's title. */
  printHeader?: { left: string; center: string };
}

export type SubmissionOutcome =
  | {
      ok: true;
      sheet: SubmissionSheet;
      college: string;
      headCount: number;
      feeTotal: number;
      /** Rows left out because they had errors (only with skipInvalid). */
      skippedRows: number[];
      /**
       * The list's worksheet row of each submitted row, in order: sheet.rows[i] came from
       * sourceRows[i]. A refusal of the submission (its row i + 2) is shown at the list's row.
       */
      sourceRows: number[];
    }
  | { ok: false; reason: "errors"; errorRows: number[] }
  | { ok: false; reason: "headerErrors" | "empty" | "noHeader" };

const UNSAFE_FILE_CHARS = /[\\/:*?"<>|\u0000-\u001f]/g;

/**
 * Builds the clean sheet from a loaded checker: rows without errors, canonical values, 序号 1..N,
 * mailing columns from the college profile for 异地采集/补拍 and empty for 现场采集.
 */
export function buildSubmission(
  checker: ListChecker,
  opts: { skipInvalid?: boolean } = {},
): SubmissionOutcome {
  if (!checker.header) return { ok: false, reason: "noHeader" };
  if (checker.hasHeaderError()) return { ok: false, reason: "headerErrors" };
  const env = checker.env;
  const rows = checker.rows();
  const errorRows = rows.filter((r) => checker.rowHasError(r.row)).map((r) => r.row);
  if (errorRows.length && !opts.skipInvalid) return { ok: false, reason: "errors", errorRows };
  const kept = rows.filter((r) => !checker.rowHasError(r.row));
  if (kept.length === 0) return { ok: false, reason: "empty" };

  // A column marked "ifPresent" (证件类型, after Xinhua's columns) is written only when the list has
  // it and some submitted row fills it: Xinhua's template has 身份证号 alone.
  const header = checker.header;
  const columns = env.template.columns
    .filter(
      (c) => c.submit !== "ifPresent" || (header.columns.has(c.key) && kept.some((r) => r.value.get(c.key))),
    )
    .map((c) => ({
      key: c.key,
      header: c.header,
      text: c.text,
      width: c.width,
    }));
  const mail: ReadonlySet<string> = new Set(mailKeys(env.template));
  const out: string[][] = kept.map((r, i) => {
    const profile = r.mode?.mailToCollege ? env.profileFor(r.college) : undefined;
    return columns.map((c) => {
      if (c.key === "seq") return String(i + 1);
      if (mail.has(c.key)) {
        if (!profile) return "";
        return profile[c.key as MailKey] || (r.value.get(c.key) ?? "");
      }
      return r.value.get(c.key) ?? "";
    });
  });

  const college = env.chosenCollege?.name ?? mostCommon(kept.map((r) => r.college?.name ?? "")) ?? "";
  const school = env.campaign.school;
  const base = `${school.code}${school.name}_${college || "未注明学院"}_${env.campaign.listTitle}_${kept.length}人`;
  return {
    ok: true,
    sheet: {
      sheetName: "图像采集名单",
      columns,
      rows: out,
      fileName: `${base.replace(UNSAFE_FILE_CHARS, "")}.xlsx`,
      printHeader: { left: `${school.name} ${college || "未注明学院"}`, center: env.campaign.listTitle },
    },
    college,
    headCount: kept.length,
    feeTotal: kept.length * env.campaign.feePerPerson,
    skippedRows: errorRows,
    sourceRows: kept.map((r) => r.row),
  };
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

/** Edits that write the college profile into the mailing cells of 异地采集/补拍 rows ("fill"). */
export function offsiteFillEdits(checker: ListChecker): CellEdit[] {
  const header = checker.header;
  if (!header) return [];
  const edits: CellEdit[] = [];
  for (const r of checker.rows()) {
    if (!r.mode?.mailToCollege) continue;
    const profile = checker.env.profileFor(r.college);
    for (const key of mailKeys(checker.env.template)) {
      const col = header.columns.get(key);
      const want = profile[key];
      if (col === undefined || !want) continue;
      // Same comparison as the offsite.* rules: a cell the check accepts is not rewritten (each add-in
      // write can cost the user's undo history).
      if (!sameCompactText(r.value.get(key) ?? "", want)) edits.push({ row: r.row, col, value: want });
    }
  }
  return edits;
}

/** Edits for every safe normalisation ("fix all"): one per cell, the cell's canonical value. */
export function safeFixEdits(
  problems: readonly Problem[],
  columnIndexOf: (key: string) => number | undefined,
): CellEdit[] {
  const byCell = new Map<string, CellEdit>();
  for (const p of problems) {
    if (!SAFE_FIX_CODES.has(p.code) || p.fix === undefined) continue;
    const col = columnIndexOf(p.column);
    if (col === undefined) continue;
    byCell.set(`${p.row}:${col}`, { row: p.row, col, value: p.fix });
  }
  return [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);
}
