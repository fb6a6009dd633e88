import os from "node:os";
import { Worker } from "node:worker_threads";

/**
 * A small pool of worker threads for the CPU-heavy work after an upload (zip check, parse, engine check,
 * writing the attachment), so the event loop keeps answering other requests meanwhile.
 *
 * The worker entry is given as a path. A `.js` entry (compiled, production) is started as is; a `.ts`
 * entry (tests under ts-jest, `npm run serve` under tsx) is started through a tiny CommonJS shim that
 * registers tsx first — the worker is a fresh isolate and does not inherit the parent's loader.
 */

export interface WorkerPoolOptions {
  /** Absolute path of the worker module (`.js`, or `.ts` run through tsx). */
  entry: string;
  /** Threads at most; default: the number of cores. */
  size?: number;
  /** Handed to every worker as `workerData`. */
  workerData?: unknown;
  /** A task running longer than this is abandoned: its worker is terminated and the task rejected. */
  taskTimeoutMs?: number;
  /** Heap limit of each worker: a hostile upload exhausts its worker, not the server. */
  maxHeapMb?: number;
  /** A worker idle this long is terminated (its memory returned); the next task starts a fresh one. */
  idleMs?: number;
}

/** What `run` may add: whether the worker should be replaced after this task (see `retire`). */
export interface RunOptions {
  transfer?: ArrayBuffer[];
  /**
   * Replace the worker once this task is done. A worker keeps the heap a big task grew (V8 returns it
   * slowly); a fresh worker for the next task gives that memory back to the system at once.
   */
  retire?: boolean;
}

/** The worker died (out of memory, a crash) or was stopped while running the task. */
export class WorkerTaskError extends Error {
  constructor(readonly reason: "crashed" | "timeout" | "closed") {
    super(`worker task ${reason}`);
    this.name = "WorkerTaskError";
  }
}

/** A message the worker answers with: the result, or the name and message of what it threw. */
export type WorkerReply<R> = { ok: true; result: R } | { ok: false; errorName: string; message: string };

interface Job<T, R> {
  task: T;
  transfer: ArrayBuffer[];
  retire: boolean;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

interface Slot<T, R> {
  worker: Worker;
  job?: Job<T, R>;
  timer?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
}

export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism());
}

function spawn(entry: string, workerData: unknown, maxHeapMb: number | undefined): Worker {
  const resourceLimits = maxHeapMb ? { maxOldGenerationSizeMb: maxHeapMb } : undefined;
  if (entry.endsWith(".ts")) {
    const tsx = require.resolve("tsx/cjs");
    const shim = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`;
    return new Worker(shim, { eval: true, workerData, resourceLimits });
  }
  return new Worker(entry, { workerData, resourceLimits });
}

export class WorkerPool<T, R> {
  private readonly slots: Slot<T, R>[] = [];
  private readonly queue: Job<T, R>[] = [];
  private readonly size: number;
  private closed = false;

  constructor(private readonly opts: WorkerPoolOptions) {
    this.size = Math.max(1, opts.size ?? defaultPoolSize());
  }

  /** Runs `task` on a free worker (started on demand); waits in line when all are busy. */
  run(task: T, opts: RunOptions = {}): Promise<R> {
    if (this.closed) return Promise.reject(new WorkerTaskError("closed"));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ task, transfer: opts.transfer ?? [], retire: opts.retire ?? false, resolve, reject });
      this.dispatch();
    });
  }

  /** Tasks running or waiting (for tests and the log). */
  get busy(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.startSlot();
      if (!slot) return;
      const job = this.queue.shift() as Job<T, R>;
      if (slot.idle) clearTimeout(slot.idle);
      slot.job = job;
      if (this.opts.taskTimeoutMs) {
        slot.timer = setTimeout(
          () => this.fail(slot, new WorkerTaskError("timeout")),
          this.opts.taskTimeoutMs,
        );
      }
      slot.worker.postMessage(job.task, job.transfer);
    }
  }

  private startSlot(): Slot<T, R> {
    const worker = spawn(this.opts.entry, this.opts.workerData, this.opts.maxHeapMb);
    const slot: Slot<T, R> = { worker };
    // An idle worker must not keep the process alive; a busy one is awaited through its job anyway.
    worker.unref();
    worker.on("message", (reply: WorkerReply<R>) => {
      const job = slot.job;
      this.release(slot);
      if (!job) return;
      if (job.retire) this.drop(slot);
      else if (this.opts.idleMs) {
        const idle = setTimeout(() => !slot.job && this.drop(slot), this.opts.idleMs);
        idle.unref();
        slot.idle = idle;
      }
      if (reply.ok) job.resolve(reply.result);
      else job.reject(Object.assign(new Error(reply.message), { name: reply.errorName }));
      this.dispatch();
    });
    worker.on("error", () => this.fail(slot, new WorkerTaskError("crashed")));
    worker.on("exit", () => this.fail(slot, new WorkerTaskError(this.closed ? "closed" : "crashed")));
    this.slots.push(slot);
    return slot;
  }

  private release(slot: Slot<T, R>): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
  }

  /** Removes a worker from the pool and terminates it; false when it was already gone. */
  private drop(slot: Slot<T, R>): boolean {
    const index = this.slots.indexOf(slot);
    if (index < 0) return false;
    this.slots.splice(index, 1);
    if (slot.idle) clearTimeout(slot.idle);
    void slot.worker.terminate();
    return true;
  }

  /** Drops a worker (its task fails) and lets a fresh one take the next task. */
  private fail(slot: Slot<T, R>, err: WorkerTaskError): void {
    const job = slot.job;
    if (!this.drop(slot)) return;
    this.release(slot);
    job?.reject(err);
    if (!this.closed) this.dispatch();
  }

  /** Terminates every worker; running and waiting tasks are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new WorkerTaskError("closed"));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      slot.job?.reject(new WorkerTaskError("closed"));
      this.release(slot);
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
