import path from "node:path";
import type { Campaign } from "../domain";
import type { UploadVerdict } from "./submissionFile";
import type { UploadTask, UploadTaskResult, UploadWorkerData } from "./uploadWorker";
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

/** A copy the worker can own (transferred, not cloned); the caller keeps its buffer for the outbox. */
function transferable(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

export class UploadService {
  private readonly pool: WorkerPool<UploadTask, UploadTaskResult>;

  constructor(campaign: Campaign, maxUploadBytes: number, size = defaultPoolSize()) {
    const workerData: UploadWorkerData = { campaign, maxUploadBytes };
    this.pool = new WorkerPool({
      entry: uploadWorkerEntry(),
      size,
      workerData,
      taskTimeoutMs: TASK_TIMEOUT_MS,
      maxHeapMb: WORKER_HEAP_MB,
    });
  }

  async check(bytes: Uint8Array, college: string, maxRows: number): Promise<UploadVerdict> {
    const copy = transferable(bytes);
    const r = await this.pool.run({ kind: "check", bytes: copy, college, maxRows }, [
      copy.buffer as ArrayBuffer,
    ]);
    if (r.kind !== "check") throw new Error("unexpected worker answer");
    return r.verdict;
  }

  async build(bytes: Uint8Array, college: string): Promise<Uint8Array> {
    const copy = transferable(bytes);
    const r = await this.pool.run({ kind: "build", bytes: copy, college }, [copy.buffer as ArrayBuffer]);
    if (r.kind !== "build") throw new Error("unexpected worker answer");
    return r.attachment;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
