import { buildRoster, DEFAULT_CAMPAIGN, ListChecker, parseCampaign } from "../src/domain";
import { makeListGrid, makeRosterGrid, makeStudents } from "./synthetic";

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    min = Math.min(min, ms(t));
  }
  return min;
}

/** Heap kept alive by what `make` returns (needs --expose-gc; `npm run bench` passes it). */
function retainedHeapMb(make: () => unknown): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return "n/a (run with --expose-gc)";
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = make();
  gc();
  const after = process.memoryUsage().heapUsed;
  void kept;
  return `${((after - before) / 1048576).toFixed(1)} MB`;
}

/** Engine: N rows against an N-student roster, in memory (no files). */
export async function runEngineBench(log: (line: string) => void): Promise<void> {
  const campaign = parseCampaign({
    colleges: [{ name: "信息科学与工程学院", recipient: "赵老师", recipientPhone: "13912345678" }],
  });
  const results: { rows: number; check: number; roster: number; edit: number }[] = [];
  for (const n of [100_000, 200_000]) {
    const students = makeStudents(n, 7);
    const list = makeListGrid(students, 8);
    const rosterGrid = makeRosterGrid(students);
    const levels = new Map(
      DEFAULT_CAMPAIGN.levels.flatMap((l) => [
        [l.name, l.name] as const,
        ...l.aliases.map((a) => [a, l.name] as const),
      ]),
    );
    let roster = buildRoster(rosterGrid, (v) => levels.get(v) ?? v);
    const rosterMs = best(3, () => {
      roster = buildRoster(rosterGrid, (v) => levels.get(v) ?? v);
    });
    let checker = new ListChecker({ campaign, college: "信息科学与工程学院", roster });
    checker.load(list); // warm-up
    const checkMs = best(5, () => {
      checker = new ListChecker({ campaign, college: "信息科学与工程学院", roster });
      checker.load(list);
    });
    const problems = checker.problems().length;
    const heapMb = retainedHeapMb(() => {
      const c = new ListChecker({ campaign, college: "信息科学与工程学院", roster });
      c.load(list);
      return c;
    });
    // One live edit: a row's 学号 changes to another row's (a duplicate appears).
    const row = 1000;
    const cells = [...list.rows[row - 1]];
    cells[4] = list.rows[row][4];
    const editMs =
      best(5, () => {
        checker.update([{ row, cells }]);
        checker.update([{ row, cells: list.rows[row - 1] }]);
      }) / 2;
    results.push({ rows: n, check: checkMs, roster: rosterMs, edit: editMs });
    log(
      `engine: ${n.toLocaleString("en")} rows vs ${n.toLocaleString("en")}-student roster: check ${checkMs.toFixed(1)} ms ` +
        `(${((checkMs * 1000) / n).toFixed(2)} µs/row, ${problems} problems), roster index ${rosterMs.toFixed(1)} ms, ` +
        `one edit ${editMs.toFixed(3)} ms, checker state ${heapMb}`,
    );
  }
  const [a, b] = results;
  log(
    `engine: scaling 200k/100k rows = ${(b.check / a.check).toFixed(2)}× time (goal ≈ 2×); goal for 100k: < 250 ms`,
  );
}

if (require.main === module) {
  runEngineBench((l) => console.log(l)).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
