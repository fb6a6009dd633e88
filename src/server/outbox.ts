import { promises as fs } from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import type { Campaign, SecretaryProfile } from "../domain";
import { fsyncDir, writeFileAtomic, writeFileSynced } from "./fsAtomic";

/**
 * The durable outbox: one folder per accepted submission under DATA_DIR/submissions/<id>/ holding the
 * uploaded workbook, its immutable metadata, its mutable sending state and (once built) the attachment. A folder only appears complete
 * (built under a temporary name, every file fsynced, renamed, parent fsynced).
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
const META = "meta.json";
const STATE = "state.json";
const ID_FORMAT = /^[a-f0-9]{24}$/;
const TMP_PREFIX = ".tmp-";
const IDS_ATTEMPTS = 3;
const TRANSIENT = new Set(["EMFILE", "ENFILE", "EAGAIN", "EBUSY", "EIO", "EINTR"]);

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

export class Outbox {
  readonly submissionsDir: string;
  readonly emlDir: string;

  constructor(readonly dataDir: string) {
    this.submissionsDir = path.join(dataDir, "submissions");
    this.emlDir = path.join(dataDir, "outbox");
  }

  async init(): Promise<void> {
    await fs.mkdir(this.submissionsDir, { recursive: true, mode: 0o700 });
    await fs.mkdir(this.emlDir, { recursive: true, mode: 0o700 });
    // Half-built folders from a crash before their rename were never acknowledged: drop them.
    for (const name of await fs.readdir(this.submissionsDir)) {
      if (name.startsWith(TMP_PREFIX))
        await fs.rm(path.join(this.submissionsDir, name), { recursive: true, force: true });
    }
  }

  private dir(id: string): string {
    if (!isSubmissionId(id)) throw new Error("bad submission id");
    return path.join(this.submissionsDir, id);
  }

  /**
   * Stores a new submission durably. Returns false (and stores nothing) when the id already exists:
   * the rename onto an existing folder fails, which also settles two identical uploads racing.
   */
  async create(meta: SubmissionMeta, upload: Uint8Array, state: SubmissionState): Promise<boolean> {
    const final = this.dir(meta.id);
    if (await exists(final)) return false;
    const tmp = path.join(this.submissionsDir, `${TMP_PREFIX}${meta.id}-${randomBytes(4).toString("hex")}`);
    await fs.mkdir(tmp, { mode: 0o700 });
    try {
      await writeFileSynced(path.join(tmp, UPLOAD), upload);
      await writeFileSynced(path.join(tmp, META), JSON.stringify(meta, null, 2));
      await writeFileSynced(path.join(tmp, STATE), JSON.stringify(state, null, 2));
      await fsyncDir(tmp);
      await fs.rename(tmp, final);
    } catch (err) {
      await fs.rm(tmp, { recursive: true, force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOTEMPTY" || code === "EEXIST") return false;
      throw err;
    }
    await fsyncDir(this.submissionsDir);
    return true;
  }

  async has(id: string): Promise<boolean> {
    return isSubmissionId(id) && exists(this.dir(id));
  }

  async readMeta(id: string): Promise<SubmissionMeta> {
    return JSON.parse(await fs.readFile(path.join(this.dir(id), META), "utf8")) as SubmissionMeta;
  }

  async readState(id: string): Promise<SubmissionState> {
    return JSON.parse(await fs.readFile(path.join(this.dir(id), STATE), "utf8")) as SubmissionState;
  }

  async writeState(id: string, state: SubmissionState): Promise<void> {
    await writeFileAtomic(path.join(this.dir(id), STATE), JSON.stringify(state, null, 2));
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

  /**
   * Every submission id. A transient error (too many open files, EIO, EAGAIN) is retried a few times;
   * then it is thrown — never turned into "no submissions", which would make resume and purge skip all.
   */
  async ids(): Promise<string[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const names = await fs.readdir(this.submissionsDir);
        return names.filter(isSubmissionId).sort();
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? "";
        if (attempt >= IDS_ATTEMPTS || !TRANSIENT.has(code)) throw err;
        await new Promise((r) => setTimeout(r, 20 * attempt));
      }
    }
  }

  /** Deletes submissions (and their .eml) created more than `days` ago: they hold personal data. */
  async purgeOlderThan(days: number, now: Date): Promise<string[]> {
    const cutoff = now.getTime() - days * 86_400_000;
    const removed: string[] = [];
    for (const id of await this.ids()) {
      let created: number;
      try {
        created = Date.parse((await this.readMeta(id)).createdAt);
      } catch {
        created = (await fs.stat(this.dir(id))).mtimeMs;
      }
      if (!(created < cutoff)) continue;
      await fs.rm(this.dir(id), { recursive: true, force: true });
      await fs.rm(path.join(this.emlDir, `${id}.eml`), { force: true });
      removed.push(id);
    }
    if (removed.length) await fsyncDir(this.submissionsDir);
    return removed;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
