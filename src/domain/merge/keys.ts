import { upgradeLegacy15 } from "../idNumber";
import type { CollegeSubmission, StudentRef } from "./types";

/** Reads a submission's rows by column key (positions looked up once per submission, not per row). */
export interface RowReader {
  get(row: readonly string[], key: string): string;
  /** The position of a key's column, -1 when the submission has none. */
  indexOf(key: string): number;
}

export function rowReader(columns: CollegeSubmission["columns"]): RowReader {
  const at = new Map<string, number>();
  // The first column of a key wins, as a header's first match does.
  columns.forEach((c, i) => {
    if (!at.has(c.key)) at.set(c.key, i);
  });
  return {
    indexOf: (key) => at.get(key) ?? -1,
    get(row, key) {
      const i = at.get(key);
      return i === undefined ? "" : (row[i] ?? "");
    },
  };
}

/** A 学号 as matched across lists: trimmed. */
export function studentNoKey(value: string): string {
  return value.trim();
}

const LEGACY_15 = /^\d{15}$/;

/** A 身份证号 as matched across lists: trimmed, upper case, a 15-digit legacy number in its 18-digit form. */
export function idNumberKey(value: string): string {
  const v = value.trim().toUpperCase();
  return LEGACY_15.test(v) ? upgradeLegacy15(v) : v;
}

/** The worksheet row of a submission's i-th row (the §5 sheet: header on row 1). */
export function sourceRow(s: CollegeSubmission, i: number): number {
  return s.sourceRows?.[i] ?? i + 2;
}

export function studentRef(s: CollegeSubmission, read: RowReader, i: number): StudentRef {
  const row = s.rows[i];
  return {
    college: s.college,
    row: sourceRow(s, i),
    name: read.get(row, "name"),
    studentNo: read.get(row, "studentNo"),
    idNumber: read.get(row, "idNumber"),
  };
}
