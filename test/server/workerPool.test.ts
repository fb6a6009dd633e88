import path from "node:path";
import { DEFAULT_CAMPAIGN } from "../../src/domain";
import { UploadService, uploadWorkerEntry } from "../../src/server/uploadService";
import { WorkerPool, WorkerTaskError } from "../../src/server/workerPool";
import { COLLEGE, listXlsx, validRows } from "./helpers";

type Echo = { doubled: number; threadId: number; tag: string };
const ECHO = path.join(__dirname, "fixtures", "echoWorker.js");

describe("WorkerPool with a plain .js entry (as compiled)", () => {
  let pool: WorkerPool<number | string, Echo>;
  afterEach(() => pool.close());

  test("runs tasks with workerData; at most `size` threads, queued tasks wait for a free one", async () => {
    pool = new WorkerPool({ entry: ECHO, size: 2, workerData: { tag: "t" } });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(n)));
    expect(results.map((r) => r.doubled)).toEqual([2, 4, 6, 8, 10]);
    expect(results.every((r) => r.tag === "t")).toBe(true);
    expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
    expect(pool.busy).toBe(0);
  });

  test("an error the worker reports keeps its name; the worker stays", async () => {
    pool = new WorkerPool({ entry: ECHO, size: 1, workerData: { tag: "t" } });
    const first = await pool.run(1);
    await expect(pool.run("throw")).rejects.toMatchObject({ name: "RangeError", message: "bad input" });
    expect((await pool.run(2)).threadId).toBe(first.threadId);
  });

  test("a crashed worker fails its task only; a fresh worker takes the next", async () => {
    pool = new WorkerPool({ entry: ECHO, size: 1, workerData: { tag: "t" } });
    const before = await pool.run(1);
    await expect(pool.run("crash")).rejects.toEqual(new WorkerTaskError("crashed"));
    const after = await pool.run(3);
    expect(after.doubled).toBe(6);
    expect(after.threadId).not.toBe(before.threadId);
  });

  test("a task over its time is abandoned and its worker replaced (fake timers)", async () => {
    jest.useFakeTimers({ doNotFake: ["setImmediate", "nextTick", "queueMicrotask"] });
    try {
      pool = new WorkerPool({ entry: ECHO, size: 1, workerData: { tag: "t" }, taskTimeoutMs: 1000 });
      const hung = pool.run("hang");
      jest.advanceTimersByTime(1000);
      await expect(hung).rejects.toEqual(new WorkerTaskError("timeout"));
    } finally {
      jest.useRealTimers();
    }
    expect((await pool.run(4)).doubled).toBe(8);
  });

  test("a retired worker is replaced after its task", async () => {
    pool = new WorkerPool({ entry: ECHO, size: 1, workerData: { tag: "t" } });
    const a = await pool.run(1, { retire: true });
    const b = await pool.run(1);
    expect(b.threadId).not.toBe(a.threadId);
  });

  test("close rejects running and waiting tasks", async () => {
    pool = new WorkerPool({ entry: ECHO, size: 1, workerData: { tag: "t" } });
    const running = expect(pool.run("hang")).rejects.toEqual(new WorkerTaskError("closed"));
    const waiting = expect(pool.run(1)).rejects.toEqual(new WorkerTaskError("closed"));
    await pool.close();
    await running;
    await waiting;
    await expect(pool.run(2)).rejects.toEqual(new WorkerTaskError("closed"));
  });
});

describe("the upload worker from TypeScript (tsx inside the worker, as under ts-jest and npm run serve)", () => {
  test("the entry is the .ts sibling here", () => {
    expect(uploadWorkerEntry()).toBe(path.resolve(__dirname, "../../src/server/uploadWorker.ts"));
  });

  test("checks a list, refuses one over the row cap before the check, and builds the attachment", async () => {
    const service = new UploadService(5 * 1024 * 1024, 1);
    try {
      const bytes = await listXlsx(validRows(7, 23));
      const verdict = await service.check(bytes, { college: COLLEGE, campaign: DEFAULT_CAMPAIGN }, 100);
      expect(verdict).toMatchObject({ ok: true, headCount: 7, feeTotal: 91 });
      const capped = await service.check(bytes, { college: COLLEGE, campaign: DEFAULT_CAMPAIGN }, 5);
      expect(capped).toEqual({
        ok: false,
        status: 413,
        message: "名单超过 5 行，服务器不受理：请按学院分别提交",
        reason: "tooManyRows",
      });
      const attachment = await service.build(bytes, { college: COLLEGE, campaign: DEFAULT_CAMPAIGN });
      expect(Buffer.from(attachment.subarray(0, 2)).toString("latin1")).toBe("PK");
      // The caller's bytes are untouched (the worker got a transferred copy).
      expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    } finally {
      await service.close();
    }
  });
});
