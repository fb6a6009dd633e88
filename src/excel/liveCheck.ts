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

/** Columns whose numbers are meaningful as numbers (id.numeric) rather than dates in disguise. */
const NUMERIC_KEYS = new Set(["seq", "studentNo", "idNumber", "recipientPhone"]);

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
  const batch = state.queue.take(checked.sheetId, header?.row, (col, type) => {
    if (type !== "Double") return true;
    // A number outside the ID-like columns may be a date: re-read it with its number format.
    for (const [key, c] of header?.columns ?? []) if (c === col) return NUMERIC_KEYS.has(key);
    return false;
  });
  if (batch.full) return fullCheck(state);
  const changed = new Set<number>();
  for (const { row, col, value } of batch.cells) {
    setCell(checked, row, col, value);
    changed.add(row);
  }
  let cleanRows: Rect | undefined;
  if (batch.rows.size > 0) {
    const top = Math.min(...batch.rows);
    const bottom = Math.max(...batch.rows);
    const sheetMarks = marksOf(state, checked.sheetId);
    const block: Rect = {
      top: top - 1,
      bottom: bottom - 1,
      left: 0,
      right: Math.max(checked.width, 1) - 1,
    };
    const read = await state.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(checked.sheetId);
      const range = sheet.getRange(rectAddress(block)).load("values,numberFormat");
      const fill = range.format.fill.load(state.tintAndShade ? "color,tintAndShade" : "color");
      const count = countAnnotations(state, sheet);
      await context.sync();
      return {
        values: range.values,
        formats: range.numberFormat as unknown[][],
        clean:
          noFill(fill.color, state.tintAndShade ? fill.tintAndShade : undefined) &&
          (count?.value ?? 0) === annotationsOf(sheetMarks, state.annotation),
      };
    });
    const fresh = gridFromBlock(0, 0, read.values, read.formats);
    fresh.forEach((cells, i) => {
      const row = top + i;
      if (!batch.rows.has(row)) return;
      checked.rows[row - 1] = cells;
      changed.add(row);
    });
    if (read.clean) cleanRows = block;
  }
  if (changed.size === 0) return;
  const delta = state.checker.update(
    [...changed].sort((a, b) => a - b).map((row) => ({ row, cells: checked.rows[row - 1] ?? [] })),
  );
  if (delta.needsReload) return fullCheck(state);
  const wanted = marksFromProblems(delta.problems, (k) => colOf(state, k));
  const diff = marksOf(state, checked.sheetId).diff(wanted, new Set(delta.rows));
  const clean = cleanRows;
  await writeMarks(
    state,
    checked.sheetId,
    diff,
    clean ? (row) => row - 1 >= clean.top && row - 1 <= clean.bottom : undefined,
  );
  state.publish();
}
