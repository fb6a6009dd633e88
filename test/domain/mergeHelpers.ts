import {
  buildSubmission,
  checkGrid,
  DEFAULT_CAMPAIGN,
  listColumns,
  DEFAULT_TEMPLATE,
  type Campaign,
  type CollegeSubmission,
} from "../../src/domain";
import { listGrid, student, type RowValues } from "./helpers";

/** The §5 columns as buildSubmission writes them (keys and headers). */
export const SUBMIT_COLUMNS = listColumns(DEFAULT_TEMPLATE).map((c) => ({
  key: c.key,
  header: c.header,
  text: c.text,
  width: c.width,
}));

/** A college's submission built by the real engine from student rows (test/domain/helpers student()). */
export function submissionOf(
  college: string,
  rows: readonly RowValues[],
  campaign: Campaign = DEFAULT_CAMPAIGN,
): CollegeSubmission {
  const { checker, outcome } = checkGrid(listGrid(rows.map((r) => ({ college, ...r }))), {
    campaign,
    college,
  });
  if (!outcome.ok) throw new Error("no header");
  const built = buildSubmission(checker);
  if (!built.ok)
    throw new Error(`not buildable: ${JSON.stringify(built)} ${JSON.stringify(checker.problems())}`);
  return { college, columns: built.sheet.columns, rows: built.sheet.rows };
}

/** Student n of a college (student() with that college). */
export const of = (college: string, n: number, over: RowValues = {}): RowValues =>
  student(n, { college, ...over });

/** A raw submission in a few columns: [name, studentNo, idNumber] per row. */
export function raw(college: string, rows: readonly [string, string, string][]): CollegeSubmission {
  return {
    college,
    columns: [{ key: "seq" }, { key: "college" }, { key: "name" }, { key: "studentNo" }, { key: "idNumber" }],
    rows: rows.map(([name, sno, id], i) => [String(i + 1), college, name, sno, id]),
  };
}
