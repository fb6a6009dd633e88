import { idNumberKey, rowReader, studentNoKey, studentRef } from "./keys";
import type { CollegeSubmission, CrossCollegeDuplicate } from "./types";

/**
 * The same 学号 or 身份证号 in two or more colleges' submissions (the notice forbids photographing a
 * student twice). One Map pass per key over every row: 35 colleges × 5,000 rows holding one value
 * make one group, built in linear time. Duplicates inside one college are the list check's business
 * (dup.* errors); they appear here only as extra rows of a group that spans colleges.
 */
export function crossCollegeDuplicates(submissions: readonly CollegeSubmission[]): CrossCollegeDuplicate[] {
  const readers = submissions.map((s) => rowReader(s.columns));
  let total = 0;
  for (const s of submissions) total += s.rows.length;
  // Global row index → its submission and row, in flat arrays (no object per row).
  const subOf = new Int32Array(total);
  const rowOf = new Int32Array(total);
  let g = 0;
  submissions.forEach((s, si) => {
    for (let i = 0; i < s.rows.length; i++, g++) {
      subOf[g] = si;
      rowOf[g] = i;
    }
  });

  const groupsOf = (key: "studentNo" | "idNumber", norm: (v: string) => string): number[][] => {
    // A value seen once keeps its row index; only a repeated value gets an array.
    const seen = new Map<string, number | number[]>();
    let r = 0;
    submissions.forEach((s, si) => {
      const at = readers[si].indexOf(key);
      for (const row of s.rows) {
        const v = at < 0 ? "" : norm(row[at] ?? "");
        if (v) {
          const had = seen.get(v);
          if (had === undefined) seen.set(v, r);
          else if (typeof had === "number") seen.set(v, [had, r]);
          else had.push(r);
        }
        r++;
      }
    });
    const out: number[][] = [];
    for (const rows of seen.values()) {
      if (typeof rows === "number") continue;
      const first = submissions[subOf[rows[0]]].college;
      if (rows.some((r) => submissions[subOf[r]].college !== first)) out.push(rows);
    }
    return out;
  };

  const describe = (key: "studentNo" | "idNumber", rows: number[], read: (r: number) => string) => {
    const colleges = new Set<string>();
    for (const r of rows) colleges.add(submissions[subOf[r]].college);
    const group: CrossCollegeDuplicate = {
      key,
      value: read(rows[0]),
      colleges: [...colleges],
      rows: rows.map((r) => studentRef(submissions[subOf[r]], readers[subOf[r]], rowOf[r])),
    };
    return group;
  };
  const valueOf = (reader: (v: string) => string, key: string) => (r: number) =>
    reader(readers[subOf[r]].get(submissions[subOf[r]].rows[rowOf[r]], key));

  const out: CrossCollegeDuplicate[] = [];
  // Which 学号 group each row is in, so an ID group holding exactly those rows is told once.
  const snoGroup = new Int32Array(total).fill(-1);
  const snoGroups = groupsOf("studentNo", studentNoKey);
  snoGroups.forEach((rows, gi) => {
    for (const r of rows) snoGroup[r] = gi;
    out.push(describe("studentNo", rows, valueOf(studentNoKey, "studentNo")));
  });
  for (const rows of groupsOf("idNumber", idNumberKey)) {
    const gi = snoGroup[rows[0]];
    if (gi >= 0 && snoGroups[gi].length === rows.length && rows.every((r) => snoGroup[r] === gi)) {
      out[gi].sameIdNumber = true;
      continue;
    }
    out.push(describe("idNumber", rows, valueOf(idNumberKey, "idNumber")));
  }
  return out;
}
