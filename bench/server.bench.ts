/**
 * Host-server figures (issue 7 §4): time from upload to 202 (300 and 5,000 rows) and to 422 (5,000 rows
 * with errors); then a list just under the 5 MB limit (~105,000 rows, the row cap lifted) while
 * /api/health is asked in a loop: health latency p50/p95/max during the check and the attachment
 * build, and the server process's peak RSS (VmHWM, Linux) for that list.
 * The server runs as its own process — the compiled build/src/server/main.js under `npm run bench`,
 * src/server/main.ts through tsx under `npx tsx bench/server.bench.ts` — with mail to the .eml outbox.
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

/** The compiled server next to the compiled bench, or the TypeScript one through tsx. */
function serverCommand(): { args: string[]; kind: string } {
  const compiled = path.join(__dirname, "..", "src", "server", "main.js");
  if (path.extname(__filename) === ".js" && existsSync(compiled))
    return { args: [compiled], kind: "compiled JS" };
  return { args: ["--import", "tsx", "src/server/main.ts"], kind: "TypeScript through tsx" };
}

async function startChild(
  env: Record<string, string>,
): Promise<{ pid: number; url: string; kind: string; stop: () => Promise<void> }> {
  const { args, kind } = serverCommand();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`))),
  );
  exited.catch(() => undefined);
  const url = `http://127.0.0.1:${env.PORT}`;
  const up = (async () => {
    for (;;) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await Promise.race([up, exited]);
  return {
    pid: child.pid as number,
    url,
    kind,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

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

/** Asks /api/health one request after another until stopped; returns each answer's time in ms. */
function healthLoop(url: string): { stop: () => Promise<{ ms: number[]; failures: number }> } {
  const ms: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = process.hrtime.bigint();
      try {
        const res = await fetch(`${url}/api/health`);
        await res.arrayBuffer();
        if (res.ok) ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
        else failures++;
      } catch {
        failures++;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { ms, failures };
    },
  };
}

async function timedUploads(
  url: string,
  key: string,
  files: Buffer[],
  expected: number,
): Promise<{ times: number[]; size: number }> {
  const times: number[] = [];
  for (const file of files) {
    const t0 = process.hrtime.bigint();
    const res = await upload(url, file, { key });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status !== expected)
      throw new Error(`expected ${expected}, got ${res.status}: ${String(res.body.message)}`);
  }
  return { times, size: files[0].length };
}

const fmt = (times: number[]) =>
  `median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`;

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
      `host server bench: node ${process.version}, server (${server.kind}) in its own process, outbox (.eml) mode, ${RUNS} uploads each`,
    );
    // Warm-up: starts the workers and loads the SheetJS/ExcelJS code paths.
    await upload(server.url, await listXlsx(validRows(20, 31)), { key });

    for (const n of [300, 5000]) {
      const files = [];
      // A new file each time (distinct rows), so no upload is a same-day duplicate.
      for (let i = 0; i < RUNS; i++) files.push(await listXlsx(validRows(n, 40 + i + (n === 5000 ? 10 : 0))));
      const { times, size } = await timedUploads(server.url, key, files, 202);
      log(`  ${String(n).padStart(5)} rows (${(size / 1024).toFixed(0)} KB): upload → 202 ${fmt(times)}`);
    }
    const bad = [];
    for (let i = 0; i < RUNS; i++) {
      const rows = validRows(5000, 60 + i);
      // Every 50th row gets a wrong check character: 100 errors, answered with the problems.
      for (let r = 0; r < rows.length; r += 50) {
        const id = rows[r].idNumber;
        rows[r] = { ...rows[r], idNumber: id.slice(0, 17) + (id[17] === "1" ? "2" : "1") };
      }
      bad.push(await listXlsx(rows));
    }
    const refused = await timedUploads(server.url, key, bad, 422);
    log(`   5000 rows with 100 errors: upload → 422 ${fmt(refused.times)}`);

    const { rows, bytes } = await listNear(LIMIT);
    await new Promise((r) => setTimeout(r, 500));
    const before = statusKb(server.pid, "VmRSS");
    resetPeak(server.pid);
    const health = healthLoop(server.url);
    const t0 = process.hrtime.bigint();
    const res = await upload(server.url, bytes, { key });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 202) throw new Error(`expected 202 for the 5 MB list, got ${res.status}`);
    // The sender then builds the §5 attachment from the stored upload (in a worker) and writes the .eml.
    const id = String(res.body.id);
    const t1 = Date.now();
    let final = "";
    while (Date.now() - t1 < 300_000) {
      const st = await fetch(`${server.url}/api/submissions/${id}`, { headers: { "X-Access-Key": key } });
      final = ((await st.json()) as { status?: string }).status ?? "";
      if (final === "sent" || final === "failed") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const buildS = (Date.now() - t1) / 1000;
    const { ms: healthMs, failures } = await health.stop();
    const peak = statusKb(server.pid, "VmHWM");
    log(
      `  5 MB list: ${rows} rows, ${(bytes.length / 1024 / 1024).toFixed(2)} MB → HTTP ${res.status} in ${ms.toFixed(0)} ms; ` +
        `attachment and .eml ${final} ${buildS.toFixed(1)} s later`,
    );
    log(
      `  /api/health meanwhile: ${healthMs.length} answers, p50 ${percentile(healthMs, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(healthMs, 95).toFixed(1)} ms, max ${Math.max(...healthMs).toFixed(1)} ms, ${failures} failed (goal: p95 < 100 ms)`,
    );
    log(
      `  server RSS before ${(before / 1024).toFixed(0)} MB, peak for that list ${(peak / 1024).toFixed(0)} MB (goal: < 400 MB)`,
    );
    if (final !== "sent") throw new Error(`the 5 MB list ended ${final || "unsent"}`);
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
