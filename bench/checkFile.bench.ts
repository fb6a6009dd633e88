import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeEdited } from "../src/files/writeWorkbook";
import { makeListGrid, makeRosterGrid, makeStudents } from "./synthetic";

/**
 * `check` as a secretary runs it — the README's command, `npm run --silent cli -- check list --roster
 * roster`, a whole process — against the floor of merely reading the same two files with ExcelJS in a
 * bare `node` process. Goals (issue 7 §5): ratio ≤ 0.9 at 20,000 rows, ≤ 1.0 at 1,000 rows; `--help`
 * under 0.3 s of CPU. Each pair runs alternately (A B A B …) and the medians are compared.
 */
// Compiled, this file runs from build/bench/; with tsx, from bench/.
const ROOT = __dirname.endsWith(join("build", "bench")) ? join(__dirname, "..", "..") : join(__dirname, "..");
const RUNS = 5;

const EXCELJS_READ = `
const ExcelJS = require("exceljs");
(async () => {
  for (const f of process.argv.slice(1)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    let n = 0;
    wb.worksheets[0].eachRow(() => n++);
  }
})();`;

/** This process's children's CPU seconds so far (Linux /proc; undefined elsewhere). */
function childrenCpu(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

interface Timing {
  wall: number;
  cpu?: number;
}

function run(cmd: string, args: string[]): Timing {
  const cpu0 = childrenCpu();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu1 = childrenCpu();
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${cmd} ${args.join(" ")}: exit ${r.status} ${r.stderr}`);
  return { wall, cpu: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function summary(times: Timing[]): { wall: number; cpu?: number } {
  const cpus = times.map((t) => t.cpu).filter((c): c is number => c !== undefined);
  return { wall: median(times.map((t) => t.wall)), cpu: cpus.length ? median(cpus) : undefined };
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const s = (n: number | undefined) => (n === undefined ? "n/a" : `${n.toFixed(2)} s`);

export async function runCheckFileBench(log: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "capture-bench-"));
  try {
    // Through the README's command once first: builds build/cli/ if a source changed since `npm ci`.
    run(npm, ["run", "--silent", "cli", "--", "--help"]);
    const help = summary(
      Array.from({ length: RUNS }, () => run(npm, ["run", "--silent", "cli", "--", "--help"])),
    );
    const bare = summary(
      Array.from({ length: RUNS }, () => run(process.execPath, ["build/cli/main.mjs", "--help"])),
    );
    const npmOnly = summary(Array.from({ length: RUNS }, () => run(npm, ["--version"])));
    log(
      `cli --help: \`npm run --silent cli -- --help\` ${s(help.cpu)} CPU, ${s(help.wall)} wall (goal ≤ 0.3 s CPU); ` +
        `of which the compiled CLI alone (\`node build/cli/main.mjs --help\`) ${s(bare.cpu)} CPU, npm's own start (\`npm --version\`) ${s(npmOnly.cpu)} CPU`,
    );

    for (const rows of [20_000, 1_000]) {
      const students = makeStudents(Math.round(rows * 1.2), 11);
      const list = join(dir, `list-${rows}.xlsx`);
      const roster = join(dir, `roster-${rows}.xlsx`);
      await writeFile(list, await writeEdited({ grid: makeListGrid(students.slice(0, rows), 12) }, []));
      await writeFile(roster, await writeEdited({ grid: makeRosterGrid(students) }, []));
      const check = [
        "run",
        "--silent",
        "cli",
        "--",
        "check",
        list,
        "--roster",
        roster,
        "--college",
        "信息科学与工程学院",
        "--format",
        "json",
      ];
      const a: Timing[] = [];
      const b: Timing[] = [];
      run(npm, check);
      run(process.execPath, ["-e", EXCELJS_READ, list, roster]);
      for (let i = 0; i < RUNS; i++) {
        a.push(run(npm, check));
        b.push(run(process.execPath, ["-e", EXCELJS_READ, list, roster]));
      }
      const A = summary(a);
      const B = summary(b);
      const goal = rows >= 20_000 ? 0.9 : 1.0;
      const cpuRatio = A.cpu !== undefined && B.cpu ? ` · CPU ${(A.cpu / B.cpu).toFixed(2)}` : "";
      log(
        `check, ${rows.toLocaleString("en")}-row list + ${Math.round(rows * 1.2).toLocaleString("en")}-row roster (.xlsx): ` +
          `\`npm run --silent cli -- check …\` ${s(A.wall)} wall / ${s(A.cpu)} CPU; ExcelJS reading both in bare node ` +
          `${s(B.wall)} / ${s(B.cpu)} → ratio wall ${(A.wall / B.wall).toFixed(2)}${cpuRatio} (goal ≤ ${goal.toFixed(1)}; medians of ${RUNS})`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runCheckFileBench((l) => console.log(l)).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
