import path from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import { migrate } from "./migrations";

/**
 * The server's one embedded database, DATA_DIR/capture.sqlite (better-sqlite3). WAL journal with
 * synchronous = FULL: a transaction that returned is on disk (the WAL is fsynced at every commit), which
 * is what "durable before 202" and "`sent` persisted right after the SMTP acceptance" rest on.
 *
 * better-sqlite3 is synchronous and runs on the main thread. That is fine here: every statement touches
 * a handful of rows by primary key or by an index (a few dozen colleges, some hundred submissions a
 * campaign), microseconds each; nothing scans a table on a request path except the desk's small lists.
 */

export const DATABASE_FILE = "capture.sqlite";

export type { Database };

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/** Opens (creating if needed) the database in `dataDir` and brings its schema up to date. */
export function openDatabase(dataDir: string): Database {
  const db = new BetterSqlite3(databasePath(dataDir));
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    // Another process (an operator's sqlite3 shell) holding a lock briefly is waited for, not an error.
    db.pragma("busy_timeout = 5000");
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
