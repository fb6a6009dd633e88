/// <reference types="office-js" />
import { marksFromProblems, safeFixEdits, type CellEdit, type Problem } from "../domain";
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

/**
 * What 一键规范 writes: every safe normalisation, and the 15→18 upgrade of a legacy ID (the same
 * person's number in the form 学信网 matches; it replaces any normalisation of that cell).
 */
export function fixAllEdits(
  problems: readonly Problem[],
  columnIndexOf: (key: string) => number | undefined,
): CellEdit[] {
  const byCell = new Map<string, CellEdit>();
  for (const e of safeFixEdits(problems, columnIndexOf)) byCell.set(`${e.row}:${e.col}`, e);
  for (const p of problems) {
    if (p.code !== "id.legacy15" || p.fix === undefined) continue;
    const col = columnIndexOf(p.column);
    if (col !== undefined) byCell.set(`${p.row}:${col}`, { row: p.row, col, value: p.fix });
  }
  return [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);
}

/**
 * The edit for one problem's suggestion, only while the checker still reports that very problem
 * (same cell, code and suggestion): a click on a list drawn before the last check writes nothing stale.
 */
export function suggestionEdit(
  current: readonly Problem[],
  wanted: Problem,
  columnIndexOf: (key: string) => number | undefined,
): CellEdit | undefined {
  if (wanted.fix === undefined) return undefined;
  const col = columnIndexOf(wanted.column);
  if (col === undefined) return undefined;
  const still = current.some(
    (p) =>
      p.row === wanted.row && p.column === wanted.column && p.code === wanted.code && p.fix === wanted.fix,
  );
  return still ? { row: wanted.row, col, value: wanted.fix } : undefined;
}
