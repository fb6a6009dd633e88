import { readFile, mkdtemp, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildRoster, levelResolver, ListChecker, parseCampaign } from "../src/domain";
import { readSheet } from "../src/files/readSheet";
import { writeEdited } from "../src/files/writeWorkbook";
import { jsonReport } from "../src/cli/report";
import { makeListGrid, makeRosterGrid, makeStudents } from "./synthetic";

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function best(runs: number, fn: () => Promise<void>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    min = Math.min(min, ms(t));
  }
  return min;
}

/**
 * `check` end to end (read both files, index the roster, check, render the JSON report) on a
 * 20,000-row .xlsx with a 24,000-row roster .xlsx, as a ratio to merely reading the two files.
 */
export async function runCheckFileBench(log: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "capture-bench-"));
  try {
    const students = makeStudents(24_000, 11);
    const listPath = join(dir, "list.xlsx");
    const rosterPath = join(dir, "roster.xlsx");
    await writeFile(listPath, await writeEdited({ grid: makeListGrid(students.slice(0, 20_000), 12) }, []));
    await writeFile(rosterPath, await writeEdited({ grid: makeRosterGrid(students) }, []));
    const campaign = parseCampaign({
      colleges: [{ name: "信息科学与工程学院", recipient: "赵老师", recipientPhone: "13912345678" }],
    });

    const readOnly = async () => {
      await readSheet(new Uint8Array(await readFile(listPath)), "list.xlsx");
      await readSheet(new Uint8Array(await readFile(rosterPath)), "roster.xlsx");
    };
    let problems = 0;
    const fullCheck = async () => {
      const list = await readSheet(new Uint8Array(await readFile(listPath)), "list.xlsx");
      const rosterSheet = await readSheet(new Uint8Array(await readFile(rosterPath)), "roster.xlsx");
      const roster = buildRoster(rosterSheet.grid, levelResolver(campaign));
      const checker = new ListChecker({ campaign, college: "信息科学与工程学院", roster });
      checker.load(list.grid);
      const all = checker.problems();
      problems = all.length;
      jsonReport(checker.summary(), all);
    };
    await readOnly();
    await fullCheck();
    const readMs = await best(3, readOnly);
    const checkMs = await best(3, fullCheck);
    log(
      `check end to end: 20,000-row .xlsx + 24,000-row roster .xlsx: read only ${readMs.toFixed(0)} ms, ` +
        `full check ${checkMs.toFixed(0)} ms (${problems} problems) → ratio ${(checkMs / readMs).toFixed(2)}× (goal ≤ 1.3×)`,
    );
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
