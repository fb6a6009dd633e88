import { createHash } from "node:crypto";
import type { Database, Statement } from "better-sqlite3";
import type { Campaign, SecretaryProfile } from "../../domain";
import type { SubmissionMeta, SubmissionState, SubmissionStatus } from "../outbox";

/**
 * The outbox's rows: one `outbox` row per mail (its sending state), the submission's metadata beside it,
 * and one `status_history` row per state change. Every statement reads or writes a few rows by primary
 * key or by an index; each write is one transaction (committed, and with synchronous = FULL fsynced,
 * when the call returns).
 */

export type OutboxKind = "submission" | "reminder";

export interface StateRow {
  status: SubmissionStatus;
  attempts: number;
  permanent_failures: number;
  message_id: string | null;
  delivery: string | null;
  last_error: string | null;
  note: string | null;
  next_attempt_at: string | null;
  sent_at: string | null;
  updated_at: string;
}

export interface MetaRow {
  id: string;
  college: string;
  created_at: string;
  sender_name: string;
  sender_email: string;
  sender_phone: string | null;
  file_name: string;
  upload_sha256: string;
  head_count: number;
  fee_total: number;
  by_level: string;
  by_mode: string;
  by_batch: string;
  day: string;
  campaign_version: string | null;
  campaign_json: string | null;
  profile: string | null;
}

export interface HistoryEntry {
  at: string;
  status: SubmissionStatus;
  attempts: number;
  error?: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);
const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function toState(r: StateRow): SubmissionState {
  const s: SubmissionState = {
    status: r.status,
    attempts: r.attempts,
    permanentFailures: r.permanent_failures,
    updatedAt: r.updated_at,
  };
  if (r.message_id !== null) s.messageId = r.message_id;
  if (r.delivery === "smtp" || r.delivery === "outbox") s.delivery = r.delivery;
  if (r.last_error !== null) s.lastError = r.last_error;
  if (r.note !== null) s.note = r.note;
  if (r.next_attempt_at !== null) s.nextAttemptAt = r.next_attempt_at;
  if (r.sent_at !== null) s.sentAt = r.sent_at;
  return s;
}

export function toMeta(r: MetaRow): SubmissionMeta {
  return {
    id: r.id,
    college: r.college,
    senderName: r.sender_name,
    senderEmail: r.sender_email,
    ...(r.sender_phone !== null ? { senderPhone: r.sender_phone } : {}),
    fileName: r.file_name,
    uploadSha256: r.upload_sha256,
    headCount: r.head_count,
    feeTotal: r.fee_total,
    byLevel: JSON.parse(r.by_level) as Record<string, number>,
    byMode: JSON.parse(r.by_mode) as Record<string, number>,
    byBatch: JSON.parse(r.by_batch) as Record<string, number>,
    createdAt: r.created_at,
    day: r.day,
    ...(r.campaign_version !== null ? { campaignVersion: r.campaign_version } : {}),
    ...(r.campaign_json !== null ? { campaign: JSON.parse(r.campaign_json) as Campaign } : {}),
    ...(r.profile !== null ? { profile: JSON.parse(r.profile) as SecretaryProfile } : {}),
  };
}

function stateParams(id: string, s: SubmissionState) {
  return {
    id,
    status: s.status,
    attempts: s.attempts,
    permanent_failures: s.permanentFailures,
    message_id: s.messageId ?? null,
    delivery: s.delivery ?? null,
    last_error: s.lastError ?? null,
    note: s.note ?? null,
    next_attempt_at: s.nextAttemptAt ?? null,
    sent_at: s.sentAt ?? null,
    updated_at: s.updatedAt,
  };
}

export const META_COLUMNS = `o.id, o.college, o.created_at, s.sender_name, s.sender_email, s.sender_phone,
  s.file_name, s.upload_sha256, s.head_count, s.fee_total, s.by_level, s.by_mode, s.by_batch, s.day,
  s.campaign_version, c.json AS campaign_json, s.profile`;
/** The joins META_COLUMNS reads from. */
export const META_FROM = `outbox o JOIN submissions s ON s.id = o.id LEFT JOIN campaigns c ON c.version = s.campaign_version`;

export class SubmissionStore {
  private readonly insertOutbox: Statement;
  private readonly insertMeta: Statement;
  private readonly insertHistory: Statement;
  private readonly insertCampaign: Statement;
  private readonly updateState: Statement;
  private readonly selectState: Statement<[string], StateRow>;
  private readonly selectMeta: Statement<[string], MetaRow>;
  private readonly selectKind: Statement<[string], { kind: OutboxKind }>;
  private readonly selectHistory: Statement<[string], StateRow & { at: string }>;
  private readonly deleteRow: Statement;

  constructor(readonly db: Database) {
    this.insertOutbox = db.prepare(
      `INSERT INTO outbox (id, kind, college, created_at, status, attempts, permanent_failures, message_id,
         delivery, last_error, note, next_attempt_at, sent_at, updated_at)
       VALUES (@id, @kind, @college, @created_at, @status, @attempts, @permanent_failures, @message_id,
         @delivery, @last_error, @note, @next_attempt_at, @sent_at, @updated_at)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.insertMeta = db.prepare(
      `INSERT INTO submissions (id, sender_name, sender_email, sender_phone, file_name, upload_sha256,
         head_count, fee_total, by_level, by_mode, by_batch, day, campaign_version, profile)
       VALUES (@id, @sender_name, @sender_email, @sender_phone, @file_name, @upload_sha256,
         @head_count, @fee_total, @by_level, @by_mode, @by_batch, @day, @campaign_version, @profile)`,
    );
    this.insertCampaign = db.prepare(
      `INSERT INTO campaigns (version, json) VALUES (?, ?) ON CONFLICT (version) DO NOTHING`,
    );
    this.insertHistory = db.prepare(
      `INSERT INTO status_history (id, at, status, attempts, last_error)
       VALUES (@id, @updated_at, @status, @attempts, @last_error)`,
    );
    this.updateState = db.prepare(
      `UPDATE outbox SET status = @status, attempts = @attempts, permanent_failures = @permanent_failures,
         message_id = @message_id, delivery = @delivery, last_error = @last_error, note = @note,
         next_attempt_at = @next_attempt_at, sent_at = @sent_at, updated_at = @updated_at
       WHERE id = @id`,
    );
    this.selectState = db.prepare(`SELECT * FROM outbox WHERE id = ?`);
    this.selectMeta = db.prepare(`SELECT ${META_COLUMNS} FROM ${META_FROM} WHERE o.id = ?`);
    this.selectKind = db.prepare(`SELECT kind FROM outbox WHERE id = ?`);
    this.selectHistory = db.prepare(
      `SELECT at, status, attempts, last_error FROM status_history WHERE id = ? ORDER BY seq`,
    );
    this.deleteRow = db.prepare(`DELETE FROM outbox WHERE id = ?`);
  }

  /** Inserts the outbox row (kind, college, state) and its first history entry; false if the id exists. */
  insertItem(
    kind: OutboxKind,
    id: string,
    college: string,
    createdAt: string,
    state: SubmissionState,
  ): boolean {
    const p = stateParams(id, state);
    const r = this.insertOutbox.run({ ...p, kind, college, created_at: createdAt });
    if (r.changes === 0) return false;
    this.insertHistory.run(p);
    return true;
  }

  /** A submission's rows, in one transaction: false (nothing written) when the id is already there. */
  insertSubmission(meta: SubmissionMeta, state: SubmissionState): boolean {
    return this.db.transaction(() => {
      if (!this.insertItem("submission", meta.id, meta.college, meta.createdAt, state)) return false;
      // A campaign without its version (not expected) is stored under its content's hash.
      const campaignVersion = meta.campaign
        ? (meta.campaignVersion ?? `sha256:${sha256(JSON.stringify(meta.campaign))}`)
        : null;
      if (meta.campaign) this.insertCampaign.run(campaignVersion, JSON.stringify(meta.campaign));
      this.insertMeta.run({
        id: meta.id,
        sender_name: meta.senderName,
        sender_email: meta.senderEmail,
        sender_phone: meta.senderPhone ?? null,
        file_name: meta.fileName,
        upload_sha256: meta.uploadSha256,
        head_count: meta.headCount,
        fee_total: meta.feeTotal,
        by_level: JSON.stringify(meta.byLevel),
        by_mode: JSON.stringify(meta.byMode),
        by_batch: JSON.stringify(meta.byBatch ?? {}),
        day: meta.day,
        campaign_version: campaignVersion,
        profile: meta.profile ? JSON.stringify(meta.profile) : null,
      });
      return true;
    })();
  }

  kind(id: string): OutboxKind | undefined {
    return this.selectKind.get(id)?.kind;
  }

  state(id: string): SubmissionState | undefined {
    const r = this.selectState.get(id);
    return r ? toState(r) : undefined;
  }

  meta(id: string): SubmissionMeta | undefined {
    const r = this.selectMeta.get(id);
    return r ? toMeta(r) : undefined;
  }

  /** Replaces the state and appends it to the history, in one transaction; false when the row is gone. */
  writeState(id: string, state: SubmissionState): boolean {
    return this.db.transaction(() => {
      const p = stateParams(id, state);
      if (this.updateState.run(p).changes === 0) return false;
      this.insertHistory.run(p);
      return true;
    })();
  }

  history(id: string): HistoryEntry[] {
    return this.selectHistory.all(id).map((r) => ({
      at: r.at,
      status: r.status,
      attempts: r.attempts,
      ...(r.last_error !== null ? { error: opt(r.last_error) } : {}),
    }));
  }

  ids(): string[] {
    return this.db
      .prepare<[], { id: string }>(`SELECT id FROM outbox ORDER BY id`)
      .all()
      .map((r) => r.id);
  }

  /** Mails that still have to go out (the sender resumes them at start). */
  unsentIds(): string[] {
    return this.db
      .prepare<[], { id: string }>(`SELECT id FROM outbox WHERE status IN ('queued', 'sending') ORDER BY id`)
      .all()
      .map((r) => r.id);
  }

  idsCreatedBefore(cutoffIso: string): string[] {
    return this.db
      .prepare<[string], { id: string }>(`SELECT id FROM outbox WHERE created_at < ? ORDER BY id`)
      .all(cutoffIso)
      .map((r) => r.id);
  }

  /** Deletes the row, its details and its history (ON DELETE CASCADE). */
  delete(id: string): void {
    this.deleteRow.run(id);
  }
}
