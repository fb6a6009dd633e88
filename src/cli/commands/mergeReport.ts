import { DEFAULT_TEMPLATE, noHeaderText } from "../../domain";
import type { CrossCollegeDuplicate, MergedList, Problem, SubmissionCheck } from "../../domain";
import { rowsText } from "../messages";

/**
 * The wordings of `merge`'s report (one function per fact). Lines are returned unescaped; the command
 * escapes what reaches the terminal (cell text is the colleges' own).
 */

/** How many problems of one file, and rows of one duplicate group, are shown before only counting. */
export const SHOWN_PROBLEMS = 20;
export const SHOWN_DUPLICATE_ROWS = 10;

const KEY_NAME = { studentNo: "学号", idNumber: "身份证号" } as const;

function counts(record: Record<string, number>): string {
  return Object.entries(record)
    .map(([k, n]) => `${k} ${n}`)
    .join("，");
}

/** Why a file contributes nothing. */
export function refusedFile(name: string, reason: Exclude<SubmissionCheck, { ok: true }>["reason"]): string {
  const why = {
    noHeader: noHeaderText(DEFAULT_TEMPLATE),
    headerErrors: "表头有错误（缺少必需的列或列名重复），请先用 check 查看",
    empty: "没有可以合并的行（每一行都有错误，或名单是空的）",
    noCollege: "看不出是哪个学院的名单（文件名和学院列都没有写明学院）",
  }[reason];
  return `未并入：${name}：${why}`;
}

/** A file's head count, and what was left out. */
export function fileLine(
  name: string,
  college: string,
  students: number,
  leftOut: readonly number[],
  warnings: number,
): string {
  const parts = [`${college}（${name}）：并入 ${students} 人`];
  if (leftOut.length) parts.push(`有错误未并入：${rowsText(leftOut)}`);
  if (warnings) parts.push(`警告 ${warnings} 个（用 check 查看）`);
  return parts.join("；");
}

/** A file's errors under its line, at most SHOWN_PROBLEMS. */
export function problemLines(problems: readonly Problem[], headerOf: (key: string) => string): string[] {
  const errors = problems.filter((p) => p.severity === "error");
  const lines = errors
    .slice(0, SHOWN_PROBLEMS)
    .map((p) => `  第 ${p.row} 行 ${headerOf(p.column)}：${p.message}`);
  if (errors.length > SHOWN_PROBLEMS)
    lines.push(`  …… 另有 ${errors.length - SHOWN_PROBLEMS} 个错误，请用 check 查看该文件`);
  return lines;
}

export function sameCollegeFiles(college: string, files: readonly string[]): string {
  return `${college} 有 ${files.length} 个文件（${files.join("、")}），都已并入：如果是重新提交，请只保留最新的一个`;
}

/** Totals: the list, its sheets, and each college's head counts and fee. */
export function totalsLines(
  merged: MergedList,
  feePerPerson: number,
  batchNames: readonly string[],
): string[] {
  const lines = [
    `合并名单：${merged.totals.length} 个学院，共 ${merged.students} 人；采集费 ${merged.students} 人 × ${feePerPerson} 元 = ${merged.feeDue} 元`,
  ];
  if (merged.groups.length > 1)
    lines.push(
      `按毕业时间分表：${merged.groups.map((g, i) => `${batchNames[i]} ${g.rows.length} 人`).join("，")}`,
    );
  for (const t of merged.totals) {
    lines.push(
      `  ${t.college} ${t.students} 人（${counts(t.byLevel)}；${counts(t.byMode)}；毕业时间 ${counts(t.byBatch)}），应缴 ${t.feeDue} 元`,
    );
  }
  return lines;
}

function duplicateLine(d: CrossCollegeDuplicate): string {
  const what =
    d.key === "studentNo" && d.sameIdNumber
      ? `学号 ${d.value}（身份证号也相同）`
      : `${KEY_NAME[d.key]} ${d.value}`;
  const shown = d.rows
    .slice(0, SHOWN_DUPLICATE_ROWS)
    .map((r) => `${r.college} 第 ${r.row} 行${r.name ? ` ${r.name}` : ""}`);
  const more = d.rows.length > SHOWN_DUPLICATE_ROWS ? ` …… 共 ${d.rows.length} 行` : "";
  return `  ${what}：${shown.join("；")}${more}`;
}

/** The cross-college report: one line per value found in two or more colleges. */
export function duplicateLines(duplicates: readonly CrossCollegeDuplicate[]): string[] {
  if (duplicates.length === 0) return ["没有发现同一学号或身份证号出现在两个学院的名单中。"];
  return [
    `发现 ${duplicates.length} 处同一学号或身份证号出现在多个学院的名单中（每位学生只能采集一次，请与相关学院核实）：`,
    ...duplicates.map(duplicateLine),
  ];
}
