import type { Problem, Severity } from "./problems";

/** A cell-level edit proposed by the engine ("fill off-site", "fix all"): 1-based row, 0-based column. */
export interface CellEdit {
  row: number;
  col: number;
  value: string;
}

/** How a problem cell is marked in a sheet: the worst severity and every message on that cell. */
export interface CellMark {
  row: number;
  col: number;
  severity: Severity;
  note: string;
}

/** Colours shared by the annotated copy and the add-in's marks (ARGB without '#'). */
export const MARK_FILL: Record<Severity, string> = { error: "FFFFC7CE", warning: "FFFFEB9C" };

/**
 * Groups problems per cell. `columnIndexOf` maps a template key to the sheet's 0-based column
 * (header.* problems sit on the header row and are kept too).
 */
export function marksFromProblems(
  problems: readonly Problem[],
  columnIndexOf: (key: string) => number | undefined,
): CellMark[] {
  const byCell = new Map<string, CellMark>();
  for (const p of problems) {
    const col = columnIndexOf(p.column);
    if (col === undefined || p.row < 1) continue;
    const id = `${p.row}:${col}`;
    const prev = byCell.get(id);
    if (!prev) byCell.set(id, { row: p.row, col, severity: p.severity, note: p.message });
    else {
      if (p.severity === "error") prev.severity = "error";
      if (!prev.note.includes(p.message)) prev.note += `\n${p.message}`;
    }
  }
  return [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);
}
