import { promises as fs } from "node:fs";
import path from "node:path";
import { fsyncDir } from "../fsAtomic";
import type { SubmissionMeta, SubmissionState } from "../outbox";
import type { SubmissionStore } from "./submissionStore";

/**
 * The file outbox of earlier versions (DATA_DIR/submissions/<id>/ with meta.json and state.json beside
 * the upload) moved into the database on start. Per folder: the row is committed first, then the two
 * JSON files are removed; a folder that has a row and still has them (a crash in between) only loses
 * them on the next start. So a half-imported DATA_DIR is safe to restart and running it twice changes
 * nothing. A folder with neither a row nor meta.json is what a crash of this version left before its
 * row committed (never acknowledged): it is removed.
 */

const META = "meta.json";
const STATE = "state.json";
const STATUSES = new Set(["queued", "sending", "sent", "failed"]);

export interface ImportReport {
  /** Folders of the file outbox now in the database. */
  imported: string[];
  /** Folders left by a crash before their row committed, removed. */
  orphans: string[];
  /** Folders whose meta.json cannot be read: left untouched for an operator (logged). */
  unreadable: string[];
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await fs.readFile(file, "utf8")) as unknown;
}

const isCounts = (v: unknown): v is Record<string, number> =>
  !!v && typeof v === "object" && Object.values(v).every((n) => typeof n === "number");

function asMeta(v: unknown, id: string): SubmissionMeta | undefined {
  const m = v as Partial<SubmissionMeta> | null;
  if (!m || typeof m !== "object" || m.id !== id) return undefined;
  const strings = [m.college, m.senderName, m.senderEmail, m.fileName, m.uploadSha256, m.createdAt, m.day];
  if (!strings.every((s) => typeof s === "string")) return undefined;
  if (typeof m.headCount !== "number" || typeof m.feeTotal !== "number") return undefined;
  if (!isCounts(m.byLevel) || !isCounts(m.byMode)) return undefined;
  return { ...(m as SubmissionMeta), byBatch: isCounts(m.byBatch) ? m.byBatch : {} };
}

function asState(v: unknown): SubmissionState | undefined {
  const s = v as Partial<SubmissionState> | null;
  if (!s || typeof s !== "object" || !STATUSES.has(String(s.status))) return undefined;
  if (typeof s.attempts !== "number" || typeof s.updatedAt !== "string") return undefined;
  return { ...(s as SubmissionState), permanentFailures: s.permanentFailures ?? 0 };
}

async function removeJson(dir: string): Promise<boolean> {
  let removed = false;
  for (const name of [META, STATE]) {
    try {
      await fs.unlink(path.join(dir, name));
      removed = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  if (removed) await fsyncDir(dir);
  return removed;
}

export async function importFileOutbox(
  submissionsDir: string,
  store: SubmissionStore,
  isId: (name: string) => boolean,
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], orphans: [], unreadable: [] };
  for (const id of (await fs.readdir(submissionsDir)).filter(isId).sort()) {
    const dir = path.join(submissionsDir, id);
    if (store.kind(id)) {
      await removeJson(dir);
      continue;
    }
    let metaDoc: unknown;
    try {
      metaDoc = await readJson(path.join(dir, META));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") {
        await fs.rm(dir, { recursive: true, force: true });
        report.orphans.push(id);
      } else report.unreadable.push(id);
      continue;
    }
    const meta = asMeta(metaDoc, id);
    if (!meta) {
      report.unreadable.push(id);
      continue;
    }
    // An unreadable state.json: sending it (again) loses nothing; a copy carries the same Message-ID.
    const state = asState(await readJson(path.join(dir, STATE)).catch(() => undefined)) ?? {
      status: "queued",
      attempts: 0,
      permanentFailures: 0,
      updatedAt: meta.createdAt,
    };
    store.insertSubmission(meta, state);
    await removeJson(dir);
    report.imported.push(id);
  }
  if (report.orphans.length) await fsyncDir(submissionsDir);
  return report;
}
