import type { Database, Statement } from "better-sqlite3";
import type { SubmissionState } from "../outbox";
import type { SubmissionStore } from "./submissionStore";

/**
 * Reminders the desk sends to colleges that have not submitted. Each is an outbox row like a submission
 * (the same sender, retries and history) with its message fixed when the desk asked for it: recipient
 * (the e-mail of the college's server-held profile), subject and text.
 */

export interface Reminder {
  id: string;
  college: string;
  recipient: string;
  subject: string;
  body: string;
  /** The desk key's name. */
  requestedBy: string;
  createdAt: string;
}

interface ReminderRow {
  id: string;
  college: string;
  created_at: string;
  recipient: string;
  subject: string;
  body: string;
  requested_by: string;
}

export class ReminderStore {
  private readonly insert: Statement;
  private readonly select: Statement<[string], ReminderRow>;

  constructor(
    private readonly db: Database,
    private readonly items: SubmissionStore,
  ) {
    this.insert = db.prepare(
      `INSERT INTO reminders (id, recipient, subject, body, requested_by)
       VALUES (@id, @recipient, @subject, @body, @requestedBy)`,
    );
    this.select = db.prepare(
      `SELECT o.id, o.college, o.created_at, r.recipient, r.subject, r.body, r.requested_by
       FROM outbox o JOIN reminders r ON r.id = o.id WHERE o.id = ?`,
    );
  }

  /** Stores the reminder and its queued state in one transaction; false when the id exists already. */
  create(reminder: Reminder, state: SubmissionState): boolean {
    return this.db.transaction(() => {
      if (!this.items.insertItem("reminder", reminder.id, reminder.college, reminder.createdAt, state))
        return false;
      this.insert.run(reminder);
      return true;
    })();
  }

  get(id: string): Reminder | undefined {
    const r = this.select.get(id);
    return r
      ? {
          id: r.id,
          college: r.college,
          recipient: r.recipient,
          subject: r.subject,
          body: r.body,
          requestedBy: r.requested_by,
          createdAt: r.created_at,
        }
      : undefined;
  }
}
