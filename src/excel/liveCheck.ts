import { digitKeys } from "../domain/template";
/// <reference types="office-js" />
import { marksFromProblems } from "../domain";
import { rectAddress, type Rect } from "./a1";
import type { ChangeEvent } from "./changeQueue";
import { fullCheck } from "./fullCheck";
import {
  annotationsOf,
  colOf,
  countAnnotations,
  marksOf,
  noFill,
  setCell,
  type HostState,
} from "./hostState";
import { writeMarks } from "./markWriter";
import { gridFromBlock } from "./readList";

/**
 * Live checking: a worksheet.onChanged event is queued, then the changed rows are re-judged from the
 * values the event reported or from one read of those rows, and only their marks are rewritten.
 */

export {
  ChangeQueue,
  MAX_EVENT_ROWS,
  OwnWriteGuard,
  type ChangeBatch,
  type ChangeEvent,
} from "./changeQueue";

/** Queues a change event unless the host is closing or the add-in made the change; true when queued. */
export function queueChange(state: HostState, args: Excel.WorksheetChangedEventArgs): boolean {
  if (state.disposed) return false;
  const event: ChangeEvent = {
    worksheetId: args.worksheetId,
    address: args.address,
    triggerSource: args.triggerSource,
    details: args.details,
  };
  if (state.guard.isOwn(event)) return false;
  state.queue.push(event);
  return true;
}

/** Re-judges the rows the queued events touched (or falls back to a full check). */
export async function incrementalCheck(state: HostState): Promise<void> {
  const checked = state.checked;
  const header = state.checker.header;
  if (!checked) {
    state.queue.clear();
    return;
  }
  // Columns whose numbers are digits (id.numeric), not dates in disguise: the template says which.
  const numericKeys = digitKeys(state.checker.template);
  const batch = state.queue.take(checked.sheetId, header?.row, (col, type) => {
    if (type !== "Double") return true;
    // A number outside the ID-like columns may be a date: re-read it with its number format.
    for (const [key, c] of header?.columns ?? []) if (c === col) return numericKeys.has(key);
    return false;
  });
  if (batch.full) return fullCheck(state);
  const changed = new Set<number>();
  for (const { row, col, value } of batch.cells) {
    setCell(checked, row, col, value);
    changed.add(row);
  }
  let cleanRuns: Rect[] = [];
  if (batch.rows.size > 0) {
    const runs = rowRuns(batch.rows, Math.max(checked.width, 1));
    const sheetMarks = marksOf(state, checked.sheetId);
    // Every run in one round trip: the work follows the rows changed, not the span between them.
    const read = await state.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(checked.sheetId);
      const loads = runs.map((block) => {
        const range = sheet.getRange(rectAddress(block)).load("values,numberFormat");
        const fill = range.format.fill.load(state.tintAndShade ? "color,tintAndShade" : "color");
        return { block, range, fill };
      });
      const count = countAnnotations(state, sheet);
      await context.sync();
      const ours = (count?.value ?? 0) === annotationsOf(sheetMarks, state.annotation);
      return loads.map(({ block, range, fill }) => ({
        block,
        values: range.values,
        formats: range.numberFormat as unknown[][],
        clean: ours && noFill(fill.color, state.tintAndShade ? fill.tintAndShade : undefined),
      }));
    });
    for (const { block, values, formats } of read) {
      gridFromBlock(0, 0, values, formats).forEach((cells, i) => {
        const row = block.top + 1 + i;
        if (!batch.rows.has(row)) return;
        checked.rows[row - 1] = cells;
        changed.add(row);
      });
    }
    cleanRuns = read.filter((r) => r.clean).map((r) => r.block);
  }
  if (changed.size === 0) return;
  const delta = state.checker.update(
    [...changed].sort((a, b) => a - b).map((row) => ({ row, cells: checked.rows[row - 1] ?? [] })),
  );
  if (delta.needsReload) return fullCheck(state);
  const wanted = marksFromProblems(delta.problems, (k) => colOf(state, k));
  const diff = marksOf(state, checked.sheetId).diff(wanted, new Set(delta.rows));
  await writeMarks(
    state,
    checked.sheetId,
    diff,
    cleanRuns.length > 0 ? (row) => inRuns(cleanRuns, row - 1) : undefined,
  );
  state.publish();
}

/** Rows further apart than this are read as separate ranges (in the same round trip). */
const RUN_GAP = 64;

/**
 * The changed rows (1-based) as blocks of whole rows to read (0-based rectangles), split where rows
 * lie more than RUN_GAP apart: a paste at the top and a typed cell 100,000 rows below read two
 * small blocks, not everything between.
 */
export function rowRuns(rows: ReadonlySet<number>, width: number): Rect[] {
  const sorted = Float64Array.from(rows).sort();
  const runs: Rect[] = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last && row - 1 - last.bottom <= RUN_GAP) last.bottom = row - 1;
    else runs.push({ top: row - 1, bottom: row - 1, left: 0, right: width - 1 });
  }
  return runs;
}

/** Whether a 0-based row lies in one of the sorted, disjoint runs (binary search: marks × log runs). */
export function inRuns(runs: readonly Rect[], row: number): boolean {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (row < runs[mid].top) hi = mid - 1;
    else if (row > runs[mid].bottom) lo = mid + 1;
    else return true;
  }
  return false;
}
