/**
 * Host-server figures for issue 4: time from upload to 202 for a 300-row and a 5,000-row list, and the
 * server's peak memory (VmHWM, Linux) during an upload of a list just under the 5 MB limit.
 * The server runs as its own process (`node --import tsx src/server/main.ts`, mail to the .eml outbox),
 * so its memory is measured apart from the client's.
 * Run: npx tsx bench/server.bench.ts
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createAccessKey } from "../src/server/accessKeys";
import { COLLEGE, listXlsx, removeDir, tempDir, upload, validRows } from "../test/server/helpers";

/** The project root, whether this runs from bench/ (tsx) or from build/bench/ (compiled by `npm run bench`). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return dir;
}
const ROOT = projectRoot();
const RUNS = 5;
const LIMIT = 5 * 1024 * 1024;

function statusKb(pid: number, field: "VmHWM" | "VmRSS"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

/** Resets the peak-RSS counter of a process we own (Linux: "5" → clear_refs). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

async function startChild(
  env: Record<string, string>,
): Promise<{ pid: number; url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    const poll = async () => {
      for (;;) {
        try {
          if ((await fetch(`http://127.0.0.1:${env.PORT}/api/health`)).ok) return resolve();
        } catch {
          /* not up yet */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    void poll();
  });
  await ready;
  return {
    pid: child.pid as number,
    url: `http://127.0.0.1:${env.PORT}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Largest row count whose list stays under the upload limit (files grow ~linearly with rows). */
async function listNear(limit: number): Promise<{ rows: number; bytes: Buffer }> {
  const probe = await listXlsx(validRows(10_000, 30));
  let rows = Math.floor((10_000 * limit * 0.97) / probe.length);
  for (;;) {
    const bytes = await listXlsx(validRows(rows, 30));
    if (bytes.length <= limit) return { rows, bytes };
    rows = Math.floor(rows * 0.97);
  }
}

export async function runServerBench(log: (line: string) => void): Promise<void> {
  const dir = tempDir("capture-bench-");
  const keysFile = path.join(dir, "keys.json");
  const key = await createAccessKey(keysFile, COLLEGE);
  const port = String(38_000 + Math.floor(Math.random() * 2000));
  const server = await startChild({
    PORT: port,
    DATA_DIR: path.join(dir, "data"),
    ACCESS_KEYS: keysFile,
    RATE_LIMIT: "100000",
    // The worst case under the 5 MB limit is ~105,000 rows: lift the row cap to measure it.
    MAX_ROWS: "1000000",
  });
  try {
    log(
      `host server bench: node ${process.version}, server in its own process, outbox (.eml) mode, ${RUNS} uploads each`,
    );
    // Warm-up: the first request loads exceljs/SheetJS code paths.
    await upload(server.url, await listXlsx(validRows(20, 31)), { key });

    for (const n of [300, 5000]) {
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < RUNS; i++) {
        // A new file each time (distinct rows), so no upload is a same-day duplicate.
        const file = await listXlsx(validRows(n, 40 + i + (n === 5000 ? 10 : 0)));
        size = file.length;
        const t0 = process.hrtime.bigint();
        const res = await upload(server.url, file, { key });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (res.status !== 202)
          throw new Error(`expected 202 for ${n} rows, got ${res.status}: ${String(res.body.message)}`);
        times.push(ms);
      }
      log(
        `  ${String(n).padStart(5)} rows (${(size / 1024).toFixed(0)} KB): upload → 202 median ${median(times).toFixed(0)} ms, ` +
          `min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
      );
    }

    const { rows, bytes } = await listNear(LIMIT);
    await new Promise((r) => setTimeout(r, 500));
    const before = statusKb(server.pid, "VmRSS");
    resetPeak(server.pid);
    const t0 = process.hrtime.bigint();
    const res = await upload(server.url, bytes, { key });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const peak = statusKb(server.pid, "VmHWM");
    log(
      `  5 MB upload: ${rows} rows, ${(bytes.length / 1024 / 1024).toFixed(2)} MB → HTTP ${res.status} in ${ms.toFixed(0)} ms; ` +
        `server RSS before ${(before / 1024).toFixed(0)} MB, peak during ${(peak / 1024).toFixed(0)} MB (+${((peak - before) / 1024).toFixed(0)} MB)`,
    );
    if (res.status !== 202) throw new Error(`expected 202 for the 5 MB list, got ${res.status}`);
    // The sender then builds the §5 attachment from the stored upload (exceljs) and writes the .eml.
    const id = String(res.body.id);
    const t1 = Date.now();
    for (;;) {
      const st = await fetch(`${server.url}/api/submissions/${id}`, { headers: { "X-Access-Key": key } });
      const body = (await st.json()) as { status?: string };
      if (body.status === "sent" || body.status === "failed" || Date.now() - t1 > 240_000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const peakAll = statusKb(server.pid, "VmHWM");
    log(
      `  …then building its attachment and the .eml took ${((Date.now() - t1) / 1000).toFixed(1)} s; ` +
        `peak RSS including that ${(peakAll / 1024).toFixed(0)} MB (+${((peakAll - before) / 1024).toFixed(0)} MB)`,
    );
    // The server answers 413 as soon as the limit is passed and stops reading: the client may see
    // the reset before it reads the answer, which is the same refusal.
    const over = await upload(server.url, Buffer.alloc(LIMIT + 1024, 1), { key }).then(
      (r) => `HTTP ${r.status}`,
      (e: unknown) =>
        `refused, connection closed while sending (${(e as { cause?: { code?: string } }).cause?.code ?? "error"})`,
    );
    log(`  over-limit upload (5 MB + 1 KB): ${over}`);
  } finally {
    await server.stop();
    removeDir(dir);
  }
}

if (require.main === module) {
  runServerBench((line) => console.log(line)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
