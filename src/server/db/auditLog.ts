import type { Database, Statement } from "better-sqlite3";

/**
 * Who downloaded what, and when: the merged list and every college's submission hold every student's
 * ID number. Append only; listed on the desk, newest first.
 */

export type AuditAction =
  | "export.xlsx"
  | "export.csv"
  | "submission.download"
  | "reminders.send"
  | "roster.upload"
  | "roster.delete"
  | "captured.upload"
  | "captured.delete";

export interface AuditEntry {
  seq: number;
  at: string;
  /** The desk key's name (keygen --desk --name) and the client's address. */
  actor: string;
  action: AuditAction;
  college?: string;
  submissionId?: string;
  detail?: string;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  college: string | null;
  submission_id: string | null;
  detail: string | null;
}

export class AuditLog {
  private readonly insert: Statement;
  private readonly page: Statement<[number, number], AuditRow>;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (at, actor, action, college, submission_id, detail)
       VALUES (@at, @actor, @action, @college, @submissionId, @detail)`,
    );
    this.page = db.prepare(`SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`);
  }

  record(entry: Omit<AuditEntry, "seq">): AuditEntry {
    const row = {
      ...entry,
      college: entry.college ?? null,
      submissionId: entry.submissionId ?? null,
      detail: entry.detail ?? null,
    };
    return { ...entry, seq: Number(this.insert.run(row).lastInsertRowid) };
  }

  /** Newest first, `limit` entries older than `before` (a seq; omitted: from the newest). */
  list(limit: number, before = Number.MAX_SAFE_INTEGER): AuditEntry[] {
    return this.page.all(before, limit).map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      ...(r.college !== null ? { college: r.college } : {}),
      ...(r.submission_id !== null ? { submissionId: r.submission_id } : {}),
      ...(r.detail !== null ? { detail: r.detail } : {}),
    }));
  }
}
