/**
 * The data the merge works on: a college's submission as the §5 sheet holds it (SubmissionSheet's
 * columns and rows fit as they are), and what the merge, the duplicate report and the diff return.
 */

/** One college's submission: rows of canonical values, one column key per position. */
export interface CollegeSubmission {
  college: string;
  /** The key of each position in `rows` (SubmissionSheet.columns fits: only `key` and `header` are read). */
  columns: readonly { key: string; header?: string }[];
  rows: readonly (readonly string[])[];
  /**
   * The worksheet row each row came from, for messages. Default: its row in the §5 sheet
   * (header on row 1, so rows[i] is row i + 2).
   */
  sourceRows?: readonly number[];
}

/** A column of the merged list, in the template's order. */
export interface MergedColumn {
  key: string;
  header: string;
  /** Kept as a text cell (学号, 身份证号, phone): never a number. */
  text: boolean;
  width: number;
}

/** A student as the report names them: where (college, worksheet row) and who. */
export interface StudentRef {
  college: string;
  row: number;
  name: string;
  studentNo: string;
  idNumber: string;
}

/** The same 学号 or 身份证号 in two or more colleges' submissions. */
export interface CrossCollegeDuplicate {
  key: "studentNo" | "idNumber";
  value: string;
  /** Distinct colleges, in the order their rows come. */
  colleges: string[];
  /** Every row holding the value, duplicates within one college included. */
  rows: StudentRef[];
  /** key is studentNo and the same rows share one 身份证号 too (reported once, not twice). */
  sameIdNumber?: true;
}

/** Head counts and fees of one college. */
export interface CollegeTotals {
  college: string;
  students: number;
  byLevel: Record<string, number>;
  byMode: Record<string, number>;
  byBatch: Record<string, number>;
  /** campaign.feePerPerson × students (as buildSubmission's feeTotal). */
  feeDue: number;
  /** Registered payments (absent when no payments were given). */
  feePaid?: number;
  /** feeDue − feePaid (absent when no payments were given). */
  balance?: number;
}

/** One sheet of the merged list: a graduation batch (undefined: values outside the campaign's batches). */
export interface MergedGroup {
  batch: string | undefined;
  /** 序号 renumbered 1..n within the group. */
  rows: string[][];
}

export interface MergedList {
  columns: MergedColumn[];
  /** Every row, sorted by college (campaign order) then 学号, 序号 1..N. */
  rows: string[][];
  /**
   * One group per graduation batch present when the campaign has several (campaign order, then a group
   * for any other value); a single group holding every row otherwise.
   */
  groups: MergedGroup[];
  /** Colleges with rows or payments (every campaign college with allColleges), campaign order, others after by name. */
  totals: CollegeTotals[];
  students: number;
  feeDue: number;
  feePaid?: number;
  duplicates: CrossCollegeDuplicate[];
}
