/// <reference types="office-js" />
import type { CellValue, ListChecker } from "../domain";
import type { CheckConfig, HostCapabilities } from "./hostApi";
import type { ChangeQueue, OwnWriteGuard } from "./changeQueue";
import { SheetMarks, type Annotation } from "./marks";

/**
 * The adapter's state, shared by the full check, the live check, the mark writer and the edits. The
 * host (excelHost) owns it and runs every task that touches it one at a time.
 */

/** The Office.js surface the adapter uses, typed against @types/office-js (the real thing). */
export type ExcelNamespace = Pick<typeof Excel, "run" | "createWorkbook">;

/** What the last full check found on the checked sheet. */
export interface Checked {
  sheetId: string;
  sheetName: string;
  /** The sheet's cells as the engine saw them: rows[0] is worksheet row 1. */
  rows: CellValue[][];
  /** Columns read per row (A … this − 1). */
  width: number;
}

/** The onChanged registration and the sheet it watches. */
export interface Handler {
  sheetId: string;
  result: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>;
}

export interface HostState {
  readonly Excel: ExcelNamespace;
  readonly capabilities: HostCapabilities;
  readonly annotation: Annotation;
  /** Fills carry tintAndShade (ExcelApi 1.9). */
  readonly tintAndShade: boolean;
  config: CheckConfig;
  checker: ListChecker;
  checked?: Checked;
  /** Our marks per sheet id. */
  readonly marks: Map<string, SheetMarks>;
  marking: boolean;
  readonly queue: ChangeQueue;
  readonly guard: OwnWriteGuard;
  handler?: Handler;
  activated?: OfficeExtension.EventHandlerResult<Excel.WorksheetActivatedEventArgs>;
  disposed: boolean;
  /** Called back by Excel's events; the host routes them into its task queue. */
  readonly onChanged: (args: Excel.WorksheetChangedEventArgs) => Promise<void>;
  readonly onActivated: () => Promise<void>;
  /** Tells the pane what the engine now holds. */
  readonly publish: () => void;
}

/** The 0-based column of a template key in the found header, if present. */
export function colOf(state: HostState, key: string): number | undefined {
  return state.checker.header?.columns.get(key);
}

export function marksOf(state: HostState, sheetId: string): SheetMarks {
  let m = state.marks.get(sheetId);
  if (!m) {
    m = new SheetMarks();
    state.marks.set(sheetId, m);
  }
  return m;
}

/** Puts a value into the in-memory copy of the sheet, growing it as needed. */
export function setCell(checked: Checked, row: number, col: number, value: CellValue): void {
  while (checked.rows.length < row) checked.rows.push(new Array<CellValue>(checked.width).fill(null));
  const cells = checked.rows[row - 1];
  while (cells.length <= col) cells.push(null);
  cells[col] = value;
  if (col + 1 > checked.width) checked.width = col + 1;
}

/** Excel reads a range without any fill as "#FFFFFF" (tintAndShade null from 1.9); mixed fills read null. */
export function noFill(color: string | null | undefined, tintAndShade: number | null | undefined): boolean {
  return typeof color === "string" && color.toUpperCase() === "#FFFFFF" && (tintAndShade ?? null) === null;
}

/** How many notes/comments on the sheet are ours. */
export function annotationsOf(marks: SheetMarks, annotation: Annotation): number {
  return annotation === "none" ? 0 : marks.annotationCount();
}

/** Queues a count of the sheet's notes/comments: more than ours means someone else's are there. */
export function countAnnotations(
  state: HostState,
  sheet: Excel.Worksheet,
): OfficeExtension.ClientResult<number> | undefined {
  if (state.annotation === "note") return sheet.notes.getCount();
  if (state.annotation === "comment") return sheet.comments.getCount();
  return undefined;
}
