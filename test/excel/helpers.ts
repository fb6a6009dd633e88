/// <reference types="office-js" />
import { readFileSync } from "fs";
import { join } from "path";
import { createMemoryExcel, MemoryWorkbook, type MemoryExcel } from "../../src/excel/memory";
import { createExcelHost } from "../../src/excel/excelHost";
import type { CaptureHost, HostUpdate } from "../../src/excel/hostApi";
import { readSheet } from "../../src/files/readSheet";
import type { CellValue, Grid } from "../../src/domain";

export const SHEET = "名单";

/** The sample list shipped in assets/ (header on row 1), as the file readers see it. */
export async function sampleGrid(): Promise<Grid> {
  const bytes = new Uint8Array(readFileSync(join(__dirname, "../../assets/sample-list.xlsx")));
  return (await readSheet(bytes, "sample-list.xlsx")).grid;
}

export interface Harness {
  excel: MemoryExcel;
  host: CaptureHost;
  updates: HostUpdate[];
  last(): HostUpdate;
  /** Lets change events and the adapter's reactions settle. */
  settle(): Promise<void>;
}

export async function startHost(
  rows: readonly (readonly CellValue[])[],
  opts: { apiVersion?: string; start?: boolean; prepare?: (excel: MemoryExcel) => Promise<void> } = {},
): Promise<Harness> {
  const workbook = MemoryWorkbook.fromGrid([{ name: SHEET, rows }]);
  const excel = createMemoryExcel({ workbook, apiVersion: opts.apiVersion });
  if (opts.prepare) await opts.prepare(excel);
  excel.resetCounters();
  const host = createExcelHost({
    Excel: excel.Excel as unknown as typeof Excel,
    isSetSupported: excel.isSetSupported,
  });
  const updates: HostUpdate[] = [];
  const harness: Harness = {
    excel,
    host,
    updates,
    last: () => updates[updates.length - 1],
    settle: () => workbook.whenIdle(),
  };
  if (opts.start !== false) {
    await host.start((u) => updates.push(u));
    await harness.settle();
  }
  return harness;
}

/** Gives a cell a fill through the API, as a user's formatting would be. */
export async function paint(excel: MemoryExcel, address: string, colour: string): Promise<void> {
  await excel.Excel.run(async (context) => {
    context.workbook.worksheets.getItem(SHEET).getRange(address).format.fill.color = colour;
    await context.sync();
  });
}

export function cell(excel: MemoryExcel, address: string) {
  return excel.workbook.cellInfo(`${SHEET}!${address}`);
}

/** Every cell of the sheet that has a fill or a note: address → {fill, note}. */
export function markedCells(excel: MemoryExcel): Map<string, { fill: string | null; note: string | null }> {
  const out = new Map<string, { fill: string | null; note: string | null }>();
  for (const c of excel.workbook.snapshot(SHEET).cells) {
    if (c.fill !== null || c.note !== null || c.comment !== null) {
      out.set(c.address, { fill: c.fill, note: c.note ?? c.comment });
    }
  }
  return out;
}

/** Counts syncs and writes of what `f` causes, events included. */
export async function measure(h: Harness, f: () => unknown): Promise<{ syncs: number; writes: number }> {
  await h.settle();
  h.excel.resetCounters();
  await f();
  await h.settle();
  return { syncs: h.excel.counters.syncs, writes: h.excel.counters.writes };
}
