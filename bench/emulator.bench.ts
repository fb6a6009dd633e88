/**
 * Opening a list in the emulated workbook (preview and web version): readSheet's values alone, then the
 * same file with its formats, fills and notes read by ExcelJS (what issue 11 §4 adds), then the
 * emulator's workbook built from it. Printed, never asserted.
 */
import { performance } from "node:perf_hooks";
import { MemoryWorkbook } from "../src/excel/memory";
import { readSheet } from "../src/files/readSheet";
import { writeEdited } from "../src/files/writeWorkbook";
import { openSpreadsheet } from "../src/preview/loadWorkbook";
import { makeListGrid, makeStudents } from "./synthetic";

const RUNS = 3;

async function median(f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

export async function runEmulatorBench(log: (line: string) => void): Promise<void> {
  for (const rows of [5_000, 20_000]) {
    const bytes = await writeEdited({ grid: makeListGrid(makeStudents(rows, 21), 22) }, []);
    const values = await median(() => readSheet(bytes, "list.xlsx"));
    const opened = await openSpreadsheet(bytes, "list.xlsx");
    const withFormats = await median(() => openSpreadsheet(bytes, "list.xlsx"));
    const build = await median(async () => new MemoryWorkbook([opened.sheet]));
    const before = process.memoryUsage().heapUsed;
    const kept = await openSpreadsheet(bytes, "list.xlsx");
    const heap = (process.memoryUsage().heapUsed - before) / 1e6;
    log(
      `open a ${rows}-row list (${(bytes.length / 1e6).toFixed(2)} MB) in the emulator: values (readSheet) ` +
        `${values.toFixed(0)} ms; values + formats (ExcelJS) ${withFormats.toFixed(0)} ms; workbook built ` +
        `${build.toFixed(0)} ms; ${kept.sheet.cellFormats?.length ?? 0} cell formats, ` +
        `${kept.sheet.columnFormats?.length ?? 0} column formats kept; heap +${heap.toFixed(0)} MB (median of ${RUNS})`,
    );
  }
}
