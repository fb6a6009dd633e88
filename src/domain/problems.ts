import type { DocKind } from "./documents";
import type { ColumnKey } from "./template";
import { renderMessage } from "./messages.zh-CN";

/**
 * Problems are data (SPEC §3): a stable code, where it is, the values involved. The Chinese text is
 * rendered from the code and its params in one module (messages.zh-CN.ts), never inside a rule.
 */
export interface ProblemParams {
  "header.missing": { header: string };
  "header.duplicate": { header: string; columns: string[] };
  "normalize.whitespace": { header: string };
  "normalize.fullwidth": { header: string };
  "normalize.case": { header: string };
  "normalize.dot": { header: string };
  "normalize.alias": { header: string; from: string; to: string };
  "id.numeric": Record<string, never>;
  /** `doc`: the 证件类型 the number was checked against (absent: resident ID or legacy ID). */
  "id.format": { length: number; doc?: DocKind };
  "id.region": { region: string };
  "id.birthdate": { date: string; reason: "invalid" | "future" | "early" };
  /** A valid number whose holder is younger than `min` or older than `max` at the capture date. */
  "id.age": { date: string; age: number; min: number; max: number };
  "id.checksum": { expected: string; actual: string };
  "id.legacy15": { upgraded: string };
  /** No 证件类型 says so, but the number looks like another document's (a passport, a travel permit). */
  "id.foreign": { looksLike: "hkMacauPermit" | "passport" | "foreignPermanent" };
  "docType.value": { value: string; allowed: readonly string[] };
  "gender.idMismatch": { gender: string; idGender: string };
  "cell.required": { header: string; mode?: string };
  /** A cell longer than Excel allows in one cell (EXCEL_MAX_CELL_CHARS). */
  "cell.tooLong": { header: string; length: number; limit: number };
  "name.chars": { reason: "digit" | "latin" | "space" | "punct" | "empty" | "other"; char?: string };
  "gender.value": { value: string };
  "studentNo.format": { value: string; reason: "chars" | "pattern"; pattern: string };
  "level.value": { value: string; allowed: string[] };
  "gradDate.value": { value: string; allowed: string[] };
  "mode.value": { value: string; allowed: string[] };
  "college.value": { value: string; expected?: string };
  "offsite.address": { mode: string; expected: string };
  "offsite.recipient": { mode: string; expected: string };
  "offsite.phone": { mode: string; expected: string; reason: "differs" | "format" };
  "onsite.mailFields": { mode: string };
  /** `sameAs`: the first other row holding the key; `total`: rows holding it (on the first row only). */
  "dup.studentNo": { value: string; sameAs: number; total?: number };
  "dup.idNumber": { sameAs: number; total?: number };
  "roster.unknown": { studentNo: string };
  "roster.idMismatch": { studentNo: string; expectedTail: string };
  "roster.idElsewhere": { otherStudentNo: string };
  "roster.nameMismatch": { expected: string; actual: string };
  "roster.levelMismatch": { expected: string; actual: string };
  "captured.already": { by: "studentNo" | "idNumber" };
}

export type ProblemCode = keyof ProblemParams;
export type Severity = "error" | "warning";

export const SEVERITY: { readonly [C in ProblemCode]: Severity } = {
  "header.missing": "error",
  "header.duplicate": "error",
  "normalize.whitespace": "warning",
  "normalize.fullwidth": "warning",
  "normalize.case": "warning",
  "normalize.dot": "warning",
  "normalize.alias": "warning",
  "id.numeric": "error",
  "id.format": "error",
  "id.region": "error",
  "id.birthdate": "error",
  "id.checksum": "error",
  "id.legacy15": "warning",
  "id.age": "warning",
  "id.foreign": "warning",
  "docType.value": "error",
  "gender.idMismatch": "error",
  "cell.required": "error",
  "cell.tooLong": "error",
  "name.chars": "error",
  "gender.value": "error",
  "studentNo.format": "error",
  "level.value": "error",
  "gradDate.value": "error",
  "mode.value": "error",
  "college.value": "error",
  "offsite.address": "error",
  "offsite.recipient": "error",
  "offsite.phone": "error",
  "onsite.mailFields": "warning",
  "dup.studentNo": "error",
  "dup.idNumber": "error",
  "roster.unknown": "error",
  "roster.idMismatch": "error",
  "roster.idElsewhere": "error",
  "roster.nameMismatch": "error",
  "roster.levelMismatch": "error",
  "captured.already": "error",
};

export const PROBLEM_CODES = Object.keys(SEVERITY) as ProblemCode[];

/** What the command line prints, the pane lists and the server returns: SPEC §3. */
export interface Problem {
  row: number;
  column: ColumnKey;
  code: ProblemCode;
  severity: Severity;
  message: string;
  fix?: string;
}

/** The normalisation codes that "fix all" applies without asking: they never change meaning. */
export const SAFE_FIX_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  "normalize.whitespace",
  "normalize.fullwidth",
  "normalize.case",
  "normalize.dot",
  "normalize.alias",
]);

export function makeProblem<C extends ProblemCode>(
  row: number,
  column: ColumnKey,
  code: C,
  params: ProblemParams[C],
  fix?: string,
): Problem {
  const p: Problem = { row, column, code, severity: SEVERITY[code], message: renderMessage(code, params) };
  if (fix !== undefined) p.fix = fix;
  return p;
}

/** Sheet order: by row, then template column order, then code (stable output for reports and tests). */
export function compareProblems(a: Problem, b: Problem, columnOrder: ReadonlyMap<string, number>): number {
  return (
    a.row - b.row ||
    (columnOrder.get(a.column) ?? 999) - (columnOrder.get(b.column) ?? 999) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

export function countBySeverity(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const p of problems) {
    if (p.severity === "error") errors++;
    else warnings++;
  }
  return { errors, warnings };
}
