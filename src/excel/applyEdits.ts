/// <reference types="office-js" />
import { marksFromProblems, type CellEdit } from "../domain";
import { fullCheck } from "./fullCheck";
import { colOf, marksOf, setCell, type HostState } from "./hostState";
import { writeMarks } from "./markWriter";

/** Values Excel would turn into a number, date or boolean when written into a General cell. */
const COERCIBLE =
  /^\s*(?:[-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:e[-+]?\d+)?\s*%?|\d{1,4}\s*[-/.年]\s*\d{1,2}.*|true|false|=.*)\s*$/i;

/**
 * Writes engine edits (fixAll, fillOffsite; text format first where Excel would coerce), re-checks
 * the edited rows and writes their marks: one batch. Returns how many cells were written.
 */
export async function applyEdits(state: HostState, edits: readonly CellEdit[]): Promise<number> {
  const checked = state.checked;
  if (!checked || edits.length === 0) return 0;
  const textCols = new Set(
    state.checker.template.columns
      .filter((c) => c.text)
      .map((c) => colOf(state, c.key))
      .filter((c) => c !== undefined),
  );
  const rows = new Set<number>();
  for (const e of edits) {
    setCell(checked, e.row, e.col, e.value === "" ? null : e.value);
    rows.add(e.row);
  }
  const delta = state.checker.update(
    [...rows].sort((a, b) => a - b).map((row) => ({ row, cells: checked.rows[row - 1] ?? [] })),
  );
  const diff = delta.needsReload
    ? { add: [], change: [], remove: [] }
    : marksOf(state, checked.sheetId).diff(
        marksFromProblems(delta.problems, (k) => colOf(state, k)),
        new Set(delta.rows),
      );
  // Clients without triggerSource report our own writes back through onChanged: drop those events.
  state.guard.record(
    checked.sheetId,
    edits.map((e) => ({ top: e.row - 1, bottom: e.row - 1, left: e.col, right: e.col })),
  );
  await writeMarks(state, checked.sheetId, diff, undefined, false, (sheet) => {
    for (const e of edits) {
      const cell = sheet.getCell(e.row - 1, e.col);
      if (textCols.has(e.col) || COERCIBLE.test(e.value)) cell.numberFormat = [["@"]];
      cell.values = [[e.value]];
    }
  });
  if (delta.needsReload) await fullCheck(state);
  else state.publish();
  return edits.length;
}
