import { chmodSync } from "node:fs";
import path from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import { NewerSchemaError, migrate } from "./migrations";

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

/** The database cannot be used: the message is Chinese and names the file (the start stops with it). */
export class DatabaseOpenError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    why: string,
  ) {
    super(`无法打开数据库 ${file}（${code}）：${why}`);
    this.name = "DatabaseOpenError";
  }
}

function openError(file: string, err: unknown): DatabaseOpenError {
  if (err instanceof NewerSchemaError)
    return new DatabaseOpenError(file, "schema", "它由更新版本的服务器写入，请使用该版本或从备份恢复");
  const code = String((err as { code?: string }).code ?? "error");
  const why =
    code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")
      ? "文件已损坏或不是本程序的数据库，请从备份恢复"
      : code === "SQLITE_CANTOPEN" || code.startsWith("SQLITE_READONLY") || code === "SQLITE_PERM"
        ? "没有读写权限（检查 DATA_DIR 的所有者与权限）"
        : code === "SQLITE_FULL"
          ? "磁盘已满"
          : "详见日志";
  return new DatabaseOpenError(file, code, why);
}

/** Opens (creating if needed) the database in `dataDir` and brings its schema up to date. */
export function openDatabase(dataDir: string): Database {
  const file = databasePath(dataDir);
  let db: Database;
  try {
    db = new BetterSqlite3(file);
  } catch (err) {
    throw openError(file, err);
  }
  try {
    // It holds the colleges' contacts: readable by the server's user only (SQLite gives the -wal and
    // -shm files the same mode).
    chmodSync(file, 0o600);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    // Another process (an operator's sqlite3 shell) holding a lock briefly is waited for, not an error.
    db.pragma("busy_timeout = 5000");
    migrate(db);
  } catch (err) {
    db.close();
    throw openError(file, err);
  }
  return db;
}
