/// <reference types="office-js" />
import { createExcelHost } from "../src/excel/excelHost";
import { createMemoryExcel, MemoryWorkbook } from "../src/excel/memory";
import { columnLetter, DEFAULT_TEMPLATE } from "../src/domain";
import { makeListGrid, makeStudents } from "./synthetic";

/**
 * Round trips (syncs) and queued writes of the Office adapter over the in-memory Excel: a full check
 * of 5,000 rows, a re-check, one edit that adds a mark, one that clears it, one that changes no
 * verdict, a 300-row paste, and 1,000 identical rows pasted at once. Counts, not timings (the goals:
 * ≤ 3, ≤ 2, zero writes; the identical paste ≤ 3 syncs and one fill and note per marked cell).
 */
export async function runAdapterBench(log: (line: string) => void): Promise<void> {
  const grid = makeListGrid(makeStudents(5000));
  const workbook = MemoryWorkbook.fromGrid([{ name: "名单", rows: grid.rows }]);
  const excel = createMemoryExcel({ workbook });
  const host = createExcelHost({
    Excel: excel.Excel as unknown as typeof Excel,
    isSetSupported: excel.isSetSupported,
  });
  const col = (key: string) => columnLetter(DEFAULT_TEMPLATE.columns.findIndex((c) => c.key === key));
  let rows = 0;
  const step = async (label: string, f: () => unknown): Promise<void> => {
    await workbook.whenIdle();
    excel.resetCounters();
    const t0 = performance.now();
    await f();
    await workbook.whenIdle();
    const ms = performance.now() - t0;
    log(
      `${label.padEnd(44)} ${excel.counters.syncs} syncs, ${excel.counters.writes} writes (${ms.toFixed(0)} ms in memory)`,
    );
  };
  await step("full check, 5,000 rows (first)", () => host.start((u) => (rows = u.summary?.rows ?? rows)));
  await step("full check again (marks in place)", () => host.checkNow());
  await step("one edit that adds a mark", () => workbook.user.type("名单", `${col("name")}3`, "张3"));
  await step("one edit that clears it", () => workbook.user.type("名单", `${col("name")}3`, "张三"));
  await step("one edit that changes no verdict", () =>
    workbook.user.type("名单", `${col("note")}7`, "已核对"),
  );
  const paste = grid.rows.slice(2, 302).map((r) => r.map((v) => (v === null ? "" : `'${String(v)}`)));
  await step("paste of 300 rows repeating rows 3–302 (dups)", () =>
    workbook.user.paste("名单", "A5003", paste),
  );
  // Issue 7 §2: one student's row pasted 1,000 times (O(rows) work, O(1) syncs), then one more copy
  // (only the new row and the first row's count change).
  const same = paste[0];
  await step("paste of 1,000 identical rows (row 3 ×1,000)", () =>
    workbook.user.paste(
      "名单",
      "A5303",
      Array.from({ length: 1000 }, () => same),
    ),
  );
  await step("one more identical row below them", () => workbook.user.paste("名单", "A6303", [same]));
  log(`rows checked: ${rows}`);
}
