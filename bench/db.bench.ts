/**
 * Database figures (issue 10): the commit latency the durability promises rest on (each commit fsyncs
 * the WAL: synchronous = FULL), the desk table's queries over a campaign's worth of submissions, and
 * the one-time import of a file outbox. Printed, never asserted.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_CAMPAIGN } from "../src/domain";
import { openDatabase } from "../src/server/db/database";
import { DeskQueries } from "../src/server/db/deskQueries";
import { PaymentStore } from "../src/server/db/paymentStore";
import { collegeTable } from "../src/server/desk/collegeTable";
import { Outbox, type SubmissionMeta, type SubmissionState } from "../src/server/outbox";
import { removeDir, tempDir } from "../test/server/helpers";

const PER_COLLEGE = 20;
const IMPORTED = 500;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${pct(s, 50).toFixed(2)} ms, p95 ${pct(s, 95).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms`;
}

function meta(id: number, college: string): SubmissionMeta {
  const hex = id.toString(16).padStart(24, "0");
  const at = new Date(Date.UTC(2026, 10, 1) + id * 60_000).toISOString();
  return {
    id: hex,
    college,
    senderName: "张秘书",
    senderEmail: "s@example.edu.cn",
    fileName: `${college}.xlsx`,
    uploadSha256: hex,
    headCount: 300,
    feeTotal: 3900,
    byLevel: { 硕士研究生: 300 },
    byMode: { 现场采集: 300 },
    byBatch: { "2018年6月": 300 },
    createdAt: at,
    day: at.slice(0, 10),
  };
}

const queued = (at: string): SubmissionState => ({
  status: "queued",
  attempts: 0,
  permanentFailures: 0,
  updatedAt: at,
});

export async function runDbBench(log: (line: string) => void): Promise<void> {
  const dir = tempDir("capture-db-bench-");
  try {
    const db = openDatabase(dir);
    const outbox = new Outbox(dir, db);
    await outbox.init();
    const colleges = DEFAULT_CAMPAIGN.colleges.map((c) => c.name);
    const inserts: number[] = [];
    const states: number[] = [];
    let n = 0;
    for (let round = 0; round < PER_COLLEGE; round++) {
      for (const college of colleges) {
        const m = meta(++n, college);
        let t = performance.now();
        outbox.store.insertSubmission(m, queued(m.createdAt));
        inserts.push(performance.now() - t);
        t = performance.now();
        await outbox.writeState(m.id, { ...queued(m.createdAt), status: "sending", attempts: 1 });
        states.push(performance.now() - t);
      }
    }
    log(`submission rows committed (fsync each): ${n}; insert ${summary(inserts)}`);
    log(`state change committed (the "sending"/"sent" step): ${summary(states)}`);

    const queries = new DeskQueries(db);
    const payments = new PaymentStore(db);
    for (const college of colleges)
      payments.add({ college, amount: 3900, vouchers: 300, paidBy: "x", paidAt: "x" }, new Date());
    const table: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      collegeTable(
        DEFAULT_CAMPAIGN,
        queries.latestByCollege(),
        queries.countsByCollege(),
        payments.totals(),
        new Set(),
      );
      table.push(performance.now() - t);
    }
    log(
      `desk table (${colleges.length} colleges × ${PER_COLLEGE} submissions, latest per college + payments): ${summary(table)}`,
    );
    db.close();

    // A file outbox of the earlier version, imported on first start.
    const old = path.join(dir, "old");
    await fs.mkdir(path.join(old, "submissions"), { recursive: true });
    for (let i = 1; i <= IMPORTED; i++) {
      const m = meta(i, colleges[i % colleges.length]);
      const folder = path.join(old, "submissions", m.id);
      await fs.mkdir(folder);
      await fs.writeFile(path.join(folder, "upload.xlsx"), "x");
      await fs.writeFile(path.join(folder, "meta.json"), JSON.stringify(m));
      await fs.writeFile(
        path.join(folder, "state.json"),
        JSON.stringify({ ...queued(m.createdAt), status: "sent" }),
      );
    }
    const oldDb = openDatabase(old);
    const t = performance.now();
    const report = await new Outbox(old, oldDb).init();
    log(`file outbox import: ${report.imported.length} folders in ${(performance.now() - t).toFixed(0)} ms`);
    oldDb.close();
  } finally {
    removeDir(dir);
  }
}
