/**
 * The request context: queues operations and applies them in order at `sync()`, one round trip each.
 */
import { apiNotFound, invalidObjectPath, invalidRequestContext } from "../errors";
import type { MemoryWorkbook } from "../model";
import { compareVersions } from "../values";
import { Workbook } from "./workbook";

/** What every context of one emulated Excel shares. */
export interface MemoryHost {
  readonly model: MemoryWorkbook;
  readonly apiVersion: string;
  readonly counters: { syncs: number; writes: number };
  readonly authorName: string;
}

interface Op {
  readonly run: () => void;
  readonly write?: boolean;
  readonly since?: string;
  readonly location: string;
}

export class MemoryRequestContext {
  readonly workbook: Workbook;
  /** @internal */ _queue: Op[] = [];
  /** @internal */ _open = true;
  /** @internal */ _processing = false;

  constructor(readonly _host: MemoryHost) {
    this.workbook = new Workbook(this);
  }

  /**
   * Sends the queued operations: applies them in order (stopping at the first failure, as Excel
   * does), fills loaded properties, and counts one round trip. An empty queue costs nothing.
   */
  async sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this._queue;
    this._queue = [];
    await Promise.resolve();
    if (!this._open) throw invalidObjectPath();
    if (ops.length === 0) return passThroughValue as T;
    const host = this._host;
    host.counters.syncs++;
    this._processing = true;
    let mutated = false;
    try {
      for (const op of ops) {
        if (op.since && compareVersions(op.since, host.apiVersion) > 0)
          throw apiNotFound(op.location, op.since);
        if (op.write) mutated = true;
        op.run();
      }
    } finally {
      this._processing = false;
      host.model.commit(mutated);
    }
    return passThroughValue as T;
  }

  /** @internal Queues an operation, or runs it at once while a sync is applying results. */
  _enqueue(op: Op, write: boolean): void {
    if (this._processing) {
      op.run();
      return;
    }
    if (write) this._host.counters.writes++;
    this._queue.push({ ...op, write });
  }

  /** @internal */
  _sameContext(obj: { _ctx: MemoryRequestContext }): void {
    if (obj._ctx !== this) throw invalidRequestContext();
  }
}
