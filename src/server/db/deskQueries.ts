import type { Database, Statement } from "better-sqlite3";
import type { SubmissionMeta, SubmissionState } from "../outbox";
import { META_COLUMNS, META_FROM, toMeta, toState, type MetaRow, type StateRow } from "./submissionStore";

/**
 * The desk's reads of the outbox: each college's latest submission (a later one supersedes an earlier
 * one) and one college's submissions. Both walk the (kind, college, created_at) index.
 */

export interface StoredSubmission {
  meta: SubmissionMeta;
  state: SubmissionState;
}

const STATE_COLUMNS = `o.status, o.attempts, o.permanent_failures, o.message_id, o.delivery, o.last_error,
  o.note, o.next_attempt_at, o.sent_at, o.updated_at`;

type Row = MetaRow & StateRow;

const toStored = (r: Row): StoredSubmission => ({ meta: toMeta(r), state: toState(r) });

export class DeskQueries {
  private readonly latest: Statement<[], Row>;
  private readonly ofCollege: Statement<[string], Row>;
  private readonly counts: Statement<[], { college: string; n: number }>;

  constructor(db: Database) {
    this.latest = db.prepare(
      `SELECT * FROM (
         SELECT ${META_COLUMNS}, ${STATE_COLUMNS},
           ROW_NUMBER() OVER (PARTITION BY o.college ORDER BY o.created_at DESC, o.id DESC) AS rank
         FROM ${META_FROM} WHERE o.kind = 'submission')
       WHERE rank = 1`,
    );
    this.ofCollege = db.prepare(
      `SELECT ${META_COLUMNS}, ${STATE_COLUMNS} FROM ${META_FROM}
       WHERE o.kind = 'submission' AND o.college = ? ORDER BY o.created_at DESC, o.id DESC`,
    );
    this.counts = db.prepare(
      `SELECT college, COUNT(*) AS n FROM outbox WHERE kind = 'submission' GROUP BY college`,
    );
  }

  /** Each college's latest submission, by college. */
  latestByCollege(): Map<string, StoredSubmission> {
    return new Map(this.latest.all().map((r) => [r.college, toStored(r)]));
  }

  /** How many submissions each college sent (within the retention period). */
  countsByCollege(): Map<string, number> {
    return new Map(this.counts.all().map((r) => [r.college, r.n]));
  }

  /** A college's submissions, newest first. */
  submissionsOf(college: string): StoredSubmission[] {
    return this.ofCollege.all(college).map(toStored);
  }
}
