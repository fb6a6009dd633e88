/**
 * The graduate school's merged list (issue 10): pure data, shared by the server's desk and `cli merge`.
 *
 *   mergeSubmissions(campaign, submissions, { payments?, allColleges?, template? }) → MergedList
 *     submissions: one CollegeSubmission per college ({ college, columns, rows }: a §5 SubmissionSheet's
 *     columns and rows as they are). Returns the rows in the template's canonical columns, sorted by
 *     college (campaign order) then 学号, 序号 renumbered; `groups` split by graduation batch when the
 *     campaign has several; head counts and fees per college (`totals`); the cross-college duplicates.
 *   crossCollegeDuplicates(submissions) → the same 学号 or 身份证号 in two or more colleges.
 *   diffSubmissions(older, newer) → students added, removed and changed field by field.
 *   checkSubmissionGrid(grid, campaign, { college? }) → a submission file read with the engine.
 *
 * Files (Node only): writeMergedWorkbook(merged, campaign) → Promise<Uint8Array> in
 * src/files/mergedWorkbook.ts, writeMergedCsv(merged) → Uint8Array (GB18030) in src/files/mergedCsv.ts.
 * Every pass is linear in the number of rows apart from one sort.
 */
import type { Campaign } from "../campaign";
import { DEFAULT_TEMPLATE, type Template } from "../template";
import { crossCollegeDuplicates } from "./crossCollege";
import { rowReader } from "./keys";
import type { CollegeSubmission, CollegeTotals, MergedColumn, MergedGroup, MergedList } from "./types";

/** Head counts of a value left empty (the list check reports it; counts must still add up). */
const UNFILLED = "（未填或无效）";

export interface MergeOptions {
  template?: Template;
  /** Fees registered per college (yuan); absent: the totals carry no paid amount or balance. */
  payments?: ReadonlyMap<string, number>;
  /** Totals (and the fee sheet) for every campaign college, 0 for those without a submission. */
  allColleges?: boolean;
}

/** Money in yuan to the fen: 13 × 37 stays 481, 12.5 × 3 stays 37.5 (no 0.1 + 0.2 noise). */
function yuan(x: number): number {
  return Math.round(x * 100) / 100;
}

const DIGITS = /^\d+$/;

/** 学号 order: digit strings by value (a shorter number first), anything else by code unit. */
export function compareStudentNo(a: string, b: string): number {
  if (a.length !== b.length && DIGITS.test(a) && DIGITS.test(b)) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The merged columns: the template's canonical ones, plus an "ifPresent" column (证件类型) when some
 * submission fills it, as buildSubmission decides for one college.
 */
function mergedColumns(template: Template, submissions: readonly CollegeSubmission[]): MergedColumn[] {
  const filled = new Set<string>();
  for (const s of submissions) {
    s.columns.forEach((c, i) => {
      if (filled.has(c.key)) return;
      if (s.rows.some((r) => (r[i] ?? "") !== "")) filled.add(c.key);
    });
  }
  return template.columns
    .filter((c) => c.submit !== "ifPresent" || filled.has(c.key))
    .map((c) => ({ key: c.key, header: c.header, text: c.text, width: c.width }));
}

function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

/** Campaign order for known colleges, then the others by name. */
function collegeOrder(campaign: Campaign, names: Iterable<string>): string[] {
  const rank = new Map(campaign.colleges.map((c, i) => [c.name, i]));
  return [...new Set(names)].sort((a, b) => {
    const ra = rank.get(a) ?? Infinity;
    const rb = rank.get(b) ?? Infinity;
    if (ra !== rb) return ra - rb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

interface Entry {
  rank: number;
  studentNo: string;
  values: string[];
}

export function mergeSubmissions(
  campaign: Campaign,
  submissions: readonly CollegeSubmission[],
  opts: MergeOptions = {},
): MergedList {
  const template = opts.template ?? DEFAULT_TEMPLATE;
  const columns = mergedColumns(template, submissions);
  const colleges = collegeOrder(campaign, [
    ...(opts.allColleges ? campaign.colleges.map((c) => c.name) : []),
    ...submissions.map((s) => s.college),
    ...(opts.payments?.keys() ?? []),
  ]);
  const rankOf = new Map(colleges.map((c, i) => [c, i]));
  // Submissions in college order, so the duplicate report reads in the merged list's order.
  const ordered = [...submissions].sort(
    (a, b) => (rankOf.get(a.college) ?? 0) - (rankOf.get(b.college) ?? 0),
  );
  const seqAt = columns.findIndex((c) => c.key === "seq");
  const collegeAt = columns.findIndex((c) => c.key === "college");

  const totals = new Map<string, CollegeTotals>(
    colleges.map((college) => [
      college,
      { college, students: 0, byLevel: {}, byMode: {}, byBatch: {}, feeDue: 0 },
    ]),
  );
  const entries: Entry[] = [];
  for (const s of ordered) {
    const read = rowReader(s.columns);
    // Each merged column's position in this submission, looked up once.
    const from = columns.map((c) => read.indexOf(c.key));
    const t = totals.get(s.college) as CollegeTotals;
    const rank = rankOf.get(s.college) ?? 0;
    for (const row of s.rows) {
      const values = from.map((i) => (i < 0 ? "" : (row[i] ?? "")));
      if (collegeAt >= 0 && values[collegeAt] === "") values[collegeAt] = s.college;
      entries.push({ rank, studentNo: read.get(row, "studentNo"), values });
      t.students++;
      bump(t.byLevel, read.get(row, "level") || UNFILLED);
      bump(t.byMode, read.get(row, "mode") || UNFILLED);
      bump(t.byBatch, read.get(row, "gradDate") || UNFILLED);
    }
  }
  // Stable: rows with the same college and 学号 keep their submitted order.
  entries.sort((a, b) => a.rank - b.rank || compareStudentNo(a.studentNo, b.studentNo));

  // The whole list numbers the entries' own arrays; a batch's sheet, numbered apart, copies them.
  const rows = entries.map((e, i) => {
    if (seqAt >= 0) e.values[seqAt] = String(i + 1);
    return e.values;
  });
  const numbered = (list: readonly Entry[]): string[][] =>
    list.map((e, i) => {
      const values = [...e.values];
      if (seqAt >= 0) values[seqAt] = String(i + 1);
      return values;
    });

  const gradAt = columns.findIndex((c) => c.key === "gradDate");
  let groups: MergedGroup[];
  if (campaign.gradBatches.length > 1 && gradAt >= 0) {
    const byBatch = new Map<string | undefined, Entry[]>(campaign.gradBatches.map((b) => [b, []]));
    for (const e of entries) {
      const v = e.values[gradAt];
      const list = byBatch.get(byBatch.has(v) ? v : undefined);
      if (list) list.push(e);
      else byBatch.set(undefined, [e]);
    }
    groups = [...byBatch]
      .filter(([, list]) => list.length > 0)
      .map(([batch, list]) => ({ batch, rows: numbered(list) }));
    if (groups.length === 0) groups = [{ batch: undefined, rows: [] }];
  } else {
    groups = [{ batch: campaign.gradBatches.length === 1 ? campaign.gradBatches[0] : undefined, rows }];
  }

  let feeDue = 0;
  let feePaid = 0;
  for (const t of totals.values()) {
    t.feeDue = yuan(t.students * campaign.feePerPerson);
    feeDue += t.feeDue;
    if (opts.payments) {
      t.feePaid = yuan(opts.payments.get(t.college) ?? 0);
      t.balance = yuan(t.feeDue - t.feePaid);
      feePaid += t.feePaid;
    }
  }
  return {
    columns,
    rows,
    groups,
    totals: [...totals.values()],
    students: entries.length,
    feeDue: yuan(feeDue),
    ...(opts.payments ? { feePaid: yuan(feePaid) } : {}),
    duplicates: crossCollegeDuplicates(ordered),
  };
}
