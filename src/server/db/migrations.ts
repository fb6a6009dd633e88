import type { Database } from "better-sqlite3";

/**
 * The schema, as numbered migrations. PRAGMA user_version holds the number of the last one applied; each
 * runs in its own transaction together with the bump, so a crash leaves either the old or the new
 * schema. Append only: a released migration is never edited.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the outbox (one row per mail to send: a submission or a reminder), its details, the history of
  // every state change, profiles, payments and the audit log.
  `
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('submission', 'reminder')),
    college TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL,
    permanent_failures INTEGER NOT NULL,
    message_id TEXT,
    delivery TEXT,
    last_error TEXT,
    note TEXT,
    next_attempt_at TEXT,
    sent_at TEXT,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX outbox_status ON outbox (status);
  CREATE INDEX outbox_college ON outbox (kind, college, created_at);
  CREATE INDEX outbox_created ON outbox (created_at);

  CREATE TABLE submissions (
    id TEXT PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
    sender_name TEXT NOT NULL,
    sender_email TEXT NOT NULL,
    sender_phone TEXT,
    file_name TEXT NOT NULL,
    upload_sha256 TEXT NOT NULL,
    head_count INTEGER NOT NULL,
    fee_total REAL NOT NULL,
    by_level TEXT NOT NULL,
    by_mode TEXT NOT NULL,
    by_batch TEXT NOT NULL,
    day TEXT NOT NULL,
    campaign_version TEXT REFERENCES campaigns (version),
    profile TEXT
  ) STRICT;

  -- The campaigns submissions were checked with, once per version (a few KB each, a few per year).
  CREATE TABLE campaigns (
    version TEXT PRIMARY KEY,
    json TEXT NOT NULL
  ) STRICT;

  CREATE TABLE reminders (
    id TEXT PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    requested_by TEXT NOT NULL
  ) STRICT;

  CREATE TABLE status_history (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_error TEXT
  ) STRICT;
  CREATE INDEX status_history_id ON status_history (id, seq);

  CREATE TABLE profiles (
    college TEXT PRIMARY KEY,
    secretary_name TEXT NOT NULL,
    mobile TEXT NOT NULL,
    email TEXT NOT NULL,
    mail_address TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE payments (
    seq INTEGER PRIMARY KEY,
    college TEXT NOT NULL,
    amount REAL NOT NULL,
    vouchers INTEGER NOT NULL,
    paid_by TEXT NOT NULL,
    paid_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    note TEXT
  ) STRICT;
  CREATE INDEX payments_college ON payments (college, seq);

  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    college TEXT,
    submission_id TEXT,
    detail TEXT
  ) STRICT;
  CREATE INDEX audit_log_at ON audit_log (at);

  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;
  `,
];

export class NewerSchemaError extends Error {
  constructor(readonly version: number) {
    super(`database schema ${version} is newer than this server (${MIGRATIONS.length})`);
    this.name = "NewerSchemaError";
  }
}

/** Applies every migration newer than the database's user_version; returns the versions applied. */
export function migrate(db: Database, migrations: readonly string[] = MIGRATIONS): number[] {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > migrations.length) throw new NewerSchemaError(current);
  const applied: number[] = [];
  for (let v = current + 1; v <= migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v - 1]);
      db.pragma(`user_version = ${v}`);
    })();
    applied.push(v);
  }
  return applied;
}
