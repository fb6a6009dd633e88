import { idNumberKey, rowReader, studentNoKey, type RowReader } from "./keys";

/** A submission as the diff reads it (CollegeSubmission and a §5 SubmissionSheet both fit). */
export interface SubmissionRows {
  columns: readonly { key: string; header?: string }[];
  rows: readonly (readonly string[])[];
  sourceRows?: readonly number[];
}

/** A student in one of the two submissions: the worksheet row (§5 sheet: row i + 2) and who. */
export interface DiffStudent {
  row: number;
  name: string;
  studentNo: string;
  idNumber: string;
}

export interface FieldChange {
  key: string;
  header: string;
  before: string;
  after: string;
}

export interface StudentChange {
  /** How the two rows were paired: by 学号, or by 身份证号 when the 学号 itself changed. */
  matchedBy: "studentNo" | "idNumber";
  before: DiffStudent;
  after: DiffStudent;
  fields: FieldChange[];
}

export interface SubmissionDiff {
  added: DiffStudent[];
  removed: DiffStudent[];
  changed: StudentChange[];
  /** Students present in both with every field equal. */
  unchanged: number;
}

/** 序号 is renumbered on every build: a new position is not a change. */
const IGNORED = new Set(["seq"]);

/** value → row indexes in order, consumed from the front (a head pointer, no shifting). */
class Queues {
  private readonly lists = new Map<string, number[]>();
  private readonly heads = new Map<string, number>();

  add(value: string, index: number): void {
    if (!value) return;
    const list = this.lists.get(value);
    if (list) list.push(index);
    else this.lists.set(value, [index]);
  }

  /** The first index not yet taken; each skipped index is skipped once, so all takes are linear. */
  take(value: string, taken: Uint8Array): number | undefined {
    const list = value ? this.lists.get(value) : undefined;
    if (!list) return undefined;
    let h = this.heads.get(value) ?? 0;
    while (h < list.length && taken[list[h]]) h++;
    this.heads.set(value, h + 1);
    if (h >= list.length) return undefined;
    taken[list[h]] = 1;
    return list[h];
  }
}

function student(s: SubmissionRows, read: RowReader, i: number): DiffStudent {
  const row = s.rows[i];
  return {
    row: s.sourceRows?.[i] ?? i + 2,
    name: read.get(row, "name"),
    studentNo: read.get(row, "studentNo"),
    idNumber: read.get(row, "idNumber"),
  };
}

/**
 * What a resubmission changed: rows paired by 学号, then the rest by 身份证号; a pair whose fields
 * differ is a change (field by field, compared after trimming), an unpaired newer row was added, an
 * unpaired older row removed. Linear: every lookup is a Map hit and a head pointer.
 */
export function diffSubmissions(older: SubmissionRows, newer: SubmissionRows): SubmissionDiff {
  const readOld = rowReader(older.columns);
  const readNew = rowReader(newer.columns);
  const bySno = new Queues();
  const byId = new Queues();
  older.rows.forEach((row, i) => {
    bySno.add(studentNoKey(readOld.get(row, "studentNo")), i);
    byId.add(idNumberKey(readOld.get(row, "idNumber")), i);
  });
  const taken = new Uint8Array(older.rows.length);
  const pair = new Int32Array(newer.rows.length).fill(-1);
  const how: ("studentNo" | "idNumber")[] = [];
  newer.rows.forEach((row, i) => {
    const j = bySno.take(studentNoKey(readNew.get(row, "studentNo")), taken);
    if (j !== undefined) [pair[i], how[i]] = [j, "studentNo"];
  });
  newer.rows.forEach((row, i) => {
    if (pair[i] >= 0) return;
    const j = byId.take(idNumberKey(readNew.get(row, "idNumber")), taken);
    if (j !== undefined) [pair[i], how[i]] = [j, "idNumber"];
  });

  // Fields compared: the newer columns, then columns only the older one had.
  const fields: { key: string; header: string }[] = [];
  const seen = new Set<string>();
  for (const c of [...newer.columns, ...older.columns]) {
    if (IGNORED.has(c.key) || seen.has(c.key)) continue;
    seen.add(c.key);
    fields.push({ key: c.key, header: c.header ?? c.key });
  }

  const diff: SubmissionDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  newer.rows.forEach((row, i) => {
    const j = pair[i];
    if (j < 0) {
      diff.added.push(student(newer, readNew, i));
      return;
    }
    const was = older.rows[j];
    const changes: FieldChange[] = [];
    for (const f of fields) {
      const before = readOld.get(was, f.key).trim();
      const after = readNew.get(row, f.key).trim();
      if (before !== after) changes.push({ key: f.key, header: f.header, before, after });
    }
    if (changes.length === 0) diff.unchanged++;
    else
      diff.changed.push({
        matchedBy: how[i],
        before: student(older, readOld, j),
        after: student(newer, readNew, i),
        fields: changes,
      });
  });
  older.rows.forEach((_, j) => {
    if (!taken[j]) diff.removed.push(student(older, readOld, j));
  });
  return diff;
}
