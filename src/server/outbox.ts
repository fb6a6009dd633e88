import { promises as fs } from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import type { Campaign, SecretaryProfile } from "../domain";
import type { Database } from "./db/database";
import { importFileOutbox, type ImportReport } from "./db/fileOutboxImport";
import { ReminderStore, type Reminder } from "./db/reminderStore";
import { SubmissionStore, type HistoryEntry } from "./db/submissionStore";
import { fsyncDir, writeFileAtomic, writeFileSynced } from "./fsAtomic";

/**
 * The durable outbox. Its records (each submission's metadata, its sending state and the history of
 * every state change) are rows of the server's SQLite database (db/); the uploaded workbook and the
 * attachment built from it stay files, DATA_DIR/submissions/<id>/upload.xlsx and submission.xlsx. An
 * upload is fsynced and its folder renamed into place before its row commits, and a row is the only
 * thing that makes a submission exist: a folder without a row (a crash in between) was never
 * acknowledged and is removed at the next start.
 */

export type SubmissionStatus = "queued" | "sending" | "sent" | "failed";

export interface SubmissionMeta {
  id: string;
  college: string;
  senderName: string;
  senderEmail: string;
  senderPhone?: string;
  /** The attachment's name (SPEC §5). */
  fileName: string;
  /** sha-256 of the uploaded bytes (the idempotency key, with college and day). */
  uploadSha256: string;
  headCount: number;
  feeTotal: number;
  byLevel: Record<string, number>;
  byMode: Record<string, number>;
  /** Head count by graduation batch ({} for submissions stored before it was recorded). */
  byBatch?: Record<string, number>;
  createdAt: string;
  /** Calendar day in Asia/Shanghai, YYYY-MM-DD. */
  day: string;
  /**
   * The campaign the list was checked with (its public form) and its version: the attachment and the
   * mail are built with it, even if the graduate school changes the campaign before the send. Absent in
   * submissions accepted before campaigns were served (the current campaign is used then).
   */
  campaign?: Campaign;
  campaignVersion?: string;
  /** The college's server-held profile at acceptance: the mailing rules' recipient; its e-mail gets a copy. */
  profile?: SecretaryProfile;
}

export interface SubmissionState {
  status: SubmissionStatus;
  attempts: number;
  /** Consecutive permanent (5xx) refusals. */
  permanentFailures: number;
  messageId?: string;
  delivery?: "smtp" | "outbox";
  /** Chinese summary of the last failure, safe to show the secretary. */
  lastError?: string;
  /** Chinese note for a sent submission (e.g. saved to the outbox). */
  note?: string;
  nextAttemptAt?: string;
  sentAt?: string;
  updatedAt: string;
}

/** The workbook as uploaded (accepted and fsynced before the 202). */
const UPLOAD = "upload.xlsx";
/** The §5 attachment built from it by the sender, once, and kept for retries. */
const ATTACHMENT = "submission.xlsx";
const ID_FORMAT = /^[a-f0-9]{24}$/;
const TMP_PREFIX = ".tmp-";

/** YYYY-MM-DD in Asia/Shanghai (UTC+8 all year: China has no daylight saving time). */
export function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The id is derived from (college, day, file hash): the same upload on the same day lands on the same folder. */
export function submissionId(college: string, day: string, uploadSha256: string): string {
  return createHash("sha256").update(`${college}\n${day}\n${uploadSha256}`).digest("hex").slice(0, 24);
}

export function isSubmissionId(id: string): boolean {
  return ID_FORMAT.test(id);
}

/** What the sender and the routes are told when a row is not there: the same as a missing file. */
function missing(id: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`no submission ${id}`), { code: "ENOENT" });
}

export class Outbox {
  readonly submissionsDir: string;
  readonly emlDir: string;
  readonly store: SubmissionStore;
  readonly reminders: ReminderStore;
  /** Creates in progress, by id: a second identical upload racing the first waits for it. */
  private readonly creating = new Map<string, Promise<boolean>>();

  constructor(
    readonly dataDir: string,
    db: Database,
  ) {
    this.submissionsDir = path.join(dataDir, "submissions");
    this.emlDir = path.join(dataDir, "outbox");
    this.store = new SubmissionStore(db);
    this.reminders = new ReminderStore(db, this.store);
  }

  /**
   * Creates the folders, drops what a crash left unacknowledged (temporary folders, folders without a
   * row) and imports a file outbox of an earlier version (submissions/<id>/meta.json and state.json).
   */
  async init(): Promise<ImportReport> {
    await fs.mkdir(this.submissionsDir, { recursive: true, mode: 0o700 });
    await fs.mkdir(this.emlDir, { recursive: true, mode: 0o700 });
    for (const name of await fs.readdir(this.submissionsDir)) {
      if (name.startsWith(TMP_PREFIX))
        await fs.rm(path.join(this.submissionsDir, name), { recursive: true, force: true });
    }
    return importFileOutbox(this.submissionsDir, this.store, isSubmissionId);
  }

  private dir(id: string): string {
    if (!isSubmissionId(id)) throw new Error("bad submission id");
    return path.join(this.submissionsDir, id);
  }

  /**
   * Stores a new submission durably: the upload is written and fsynced in a temporary folder, renamed
   * to its id, the parent fsynced, and only then the row committed. Returns false (and stores nothing)
   * when the id already exists.
   */
  create(meta: SubmissionMeta, upload: Uint8Array, state: SubmissionState): Promise<boolean> {
    const running = this.creating.get(meta.id);
    if (running) return running.then(() => false);
    const run = this.createNow(meta, upload, state).finally(() => this.creating.delete(meta.id));
    this.creating.set(meta.id, run);
    return run;
  }

  private async createNow(
    meta: SubmissionMeta,
    upload: Uint8Array,
    state: SubmissionState,
  ): Promise<boolean> {
    if (this.store.kind(meta.id)) return false;
    const final = this.dir(meta.id);
    const tmp = path.join(this.submissionsDir, `${TMP_PREFIX}${meta.id}-${randomBytes(4).toString("hex")}`);
    await fs.mkdir(tmp, { mode: 0o700 });
    try {
      await writeFileSynced(path.join(tmp, UPLOAD), upload);
      await fsyncDir(tmp);
      // A folder left by a crash before its row committed was never acknowledged: replace it.
      await fs.rm(final, { recursive: true, force: true });
      await fs.rename(tmp, final);
    } catch (err) {
      await fs.rm(tmp, { recursive: true, force: true });
      throw err;
    }
    await fsyncDir(this.submissionsDir);
    try {
      if (this.store.insertSubmission(meta, state)) return true;
    } catch (err) {
      await fs.rm(final, { recursive: true, force: true });
      throw err;
    }
    return false;
  }

  async has(id: string): Promise<boolean> {
    return isSubmissionId(id) && this.store.kind(id) === "submission";
  }

  async readMeta(id: string): Promise<SubmissionMeta> {
    const meta = this.store.meta(id);
    if (!meta) throw missing(id);
    return meta;
  }

  async readState(id: string): Promise<SubmissionState> {
    const state = this.store.state(id);
    if (!state) throw missing(id);
    return state;
  }

  /** One transaction (state and history row), fsynced on commit: the sender's "persisted" step. */
  async writeState(id: string, state: SubmissionState): Promise<void> {
    if (!this.store.writeState(id, state)) throw missing(id);
  }

  /** Every state the submission went through, oldest first. */
  history(id: string): HistoryEntry[] {
    return this.store.history(id);
  }

  /** Queues a reminder (one transaction, fsynced on commit); false when that id exists already. */
  async createReminder(reminder: Reminder, state: SubmissionState): Promise<boolean> {
    return this.reminders.create(reminder, state);
  }

  /** The reminder `id` names, or undefined (a submission, or nothing). */
  async readReminder(id: string): Promise<Reminder | undefined> {
    return this.reminders.get(id);
  }

  async readUpload(id: string): Promise<Buffer> {
    return fs.readFile(path.join(this.dir(id), UPLOAD));
  }

  /** The built attachment, or undefined when it has not been built yet. */
  async readAttachment(id: string): Promise<Buffer | undefined> {
    try {
      return await fs.readFile(path.join(this.dir(id), ATTACHMENT));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
  }

  async writeAttachment(id: string, bytes: Uint8Array): Promise<void> {
    await writeFileAtomic(path.join(this.dir(id), ATTACHMENT), bytes);
  }

  /** The .eml written when no SMTP server is configured; returns its path relative to DATA_DIR. */
  async writeEml(id: string, message: Uint8Array): Promise<string> {
    if (!isSubmissionId(id)) throw new Error("bad submission id");
    const file = path.join(this.emlDir, `${id}.eml`);
    await writeFileAtomic(file, message);
    return path.relative(this.dataDir, file);
  }

  /** Every id in the outbox (submissions and reminders). A database error is thrown, never read as []. */
  async ids(): Promise<string[]> {
    return this.store.ids();
  }

  /** Mails still to send (queued, or sending when the process stopped). */
  async unsentIds(): Promise<string[]> {
    return this.store.unsentIds();
  }

  /**
   * Deletes submissions (rows, files and .eml) created more than `days` ago: they hold personal data.
   * The row goes first; a crash before the files are removed leaves a folder without a row, which the
   * next start removes.
   */
  async purgeOlderThan(days: number, now: Date): Promise<string[]> {
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    const removed = this.store.idsCreatedBefore(cutoff);
    for (const id of removed) {
      this.store.delete(id);
      await fs.rm(this.dir(id), { recursive: true, force: true });
      await fs.rm(path.join(this.emlDir, `${id}.eml`), { force: true });
    }
    if (removed.length) await fsyncDir(this.submissionsDir);
    return removed;
  }
}
