import path from "node:path";
import type { Campaign, SecretaryProfile } from "../domain";
import type { UploadVerdict } from "./submissionFile";
import type { DeskListCheck, SchoolListKind, StoredListFile } from "./desk/schoolListCheck";
import type {
  MergeTask,
  SchoolListTask,
  SheetRows,
  UploadTask,
  UploadTaskResult,
  UploadWorkerData,
} from "./uploadWorker";
import { WorkerPool, defaultPoolSize } from "./workerPool";

/**
 * The main thread's side of the upload worker: checks uploads and builds attachments on the pool, so
 * /api/health and every other request keep being answered while a 5 MB list is parsed.
 */

/** A check (or a build) taking longer than this is abandoned (its worker is replaced). */
const TASK_TIMEOUT_MS = 180_000;
/** Heap per worker: far above what a 5 MB list needs, far below what would take the host down. */
const WORKER_HEAP_MB = 1024;

/** The worker module next to this one: `.ts` under tsx/ts-jest, `.js` once compiled. */
export function uploadWorkerEntry(): string {
  return path.join(__dirname, `uploadWorker${path.extname(__filename)}`);
}

/**
 * After a task on an upload this big the worker is replaced: its heap grew to hundreds of MB for the
 * parse, and a fresh worker (a few hundred ms to start) gives it back at once. A college's usual list
 * (hundreds of rows, tens of KB) keeps its warm worker.
 */
const RETIRE_AFTER_BYTES = 512 * 1024;
/** The same for a merged list: its heap grows with the rows written. */
const RETIRE_AFTER_ROWS = 5_000;
/** A worker left idle this long is stopped: an idle server holds no parser heaps. */
const WORKER_IDLE_MS = 10_000;

/** A copy the worker can own (transferred, not cloned); the caller keeps its buffer for the outbox. */
function transferable(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** What an upload is checked (and later built) against: its college, the campaign, the college's profile. */
export interface CheckedWith {
  college: string;
  campaign: Campaign;
  profile?: SecretaryProfile;
}

function context(on: CheckedWith): CheckedWith {
  return { college: on.college, campaign: on.campaign, ...(on.profile ? { profile: on.profile } : {}) };
}

export class UploadService {
  private readonly pool: WorkerPool<UploadTask, UploadTaskResult>;

  constructor(maxUploadBytes: number, size = defaultPoolSize()) {
    const workerData: UploadWorkerData = { maxUploadBytes };
    this.pool = new WorkerPool({
      entry: uploadWorkerEntry(),
      size,
      workerData,
      taskTimeoutMs: TASK_TIMEOUT_MS,
      maxHeapMb: WORKER_HEAP_MB,
      idleMs: WORKER_IDLE_MS,
    });
  }

  async check(bytes: Uint8Array, on: CheckedWith, maxRows: number): Promise<UploadVerdict> {
    const copy = transferable(bytes);
    const r = await this.pool.run(
      { kind: "check", bytes: copy, ...context(on), maxRows },
      { transfer: [copy.buffer as ArrayBuffer], retire: bytes.length >= RETIRE_AFTER_BYTES },
    );
    if (r.kind !== "check") throw new Error("unexpected worker answer");
    return r.verdict;
  }

  async build(bytes: Uint8Array, on: CheckedWith): Promise<Uint8Array> {
    const copy = transferable(bytes);
    const r = await this.pool.run(
      { kind: "build", bytes: copy, ...context(on) },
      { transfer: [copy.buffer as ArrayBuffer], retire: bytes.length >= RETIRE_AFTER_BYTES },
    );
    if (r.kind !== "build") throw new Error("unexpected worker answer");
    return r.attachment;
  }

  /** The §5 sheet's columns and rows of an accepted upload (the desk's merge, duplicates and diff). */
  async rows(bytes: Uint8Array, on: CheckedWith): Promise<SheetRows> {
    const copy = transferable(bytes);
    const r = await this.pool.run(
      { kind: "rows", bytes: copy, ...context(on) },
      { transfer: [copy.buffer as ArrayBuffer], retire: bytes.length >= RETIRE_AFTER_BYTES },
    );
    if (r.kind !== "rows") throw new Error("unexpected worker answer");
    return r.sheet;
  }

  /** The merged list written as a workbook or GB18030 CSV, off the event loop. */
  async merged(task: Omit<MergeTask, "kind">): Promise<Uint8Array> {
    const rows = task.submissions.reduce((n, s) => n + s.rows.length, 0);
    const r = await this.pool.run({ kind: "merged", ...task }, { retire: rows >= RETIRE_AFTER_ROWS });
    if (r.kind !== "merged") throw new Error("unexpected worker answer");
    return r.bytes;
  }

  /** Reads a school-wide list uploaded at the desk: its student count, or a ListUnusable error (Chinese). */
  async schoolList(list: SchoolListKind, file: StoredListFile, campaign: Campaign): Promise<number> {
    const r = await this.pool.run(
      { kind: "schoolList", list, file, campaign },
      { retire: file.bytes.length >= RETIRE_AFTER_BYTES },
    );
    if (r.kind !== "schoolList") throw new Error("unexpected worker answer");
    return r.students;
  }

  /** Every college's latest rows checked by the engine against the desk's school-wide lists. */
  async schoolListChecks(
    task: Omit<Extract<SchoolListTask, { kind: "schoolListChecks" }>, "kind">,
  ): Promise<DeskListCheck[]> {
    const rows = task.submissions.reduce((n, s) => n + s.rows.length, 0);
    const r = await this.pool.run(
      { kind: "schoolListChecks", ...task },
      { retire: rows >= RETIRE_AFTER_ROWS },
    );
    if (r.kind !== "schoolListChecks") throw new Error("unexpected worker answer");
    return r.checks;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
