/**
 * The grid's geometry: row and header sizes, column widths from the content, the in-cell editor's
 * box, and re-rendering once per animation frame however many changes a batch makes.
 */
import { useCallback, useRef, useSyncExternalStore, type CSSProperties } from "react";
import type { MemoryWorkbook, SheetSnapshot } from "../excel/memory";

export const ROW_HEIGHT = 24;
export const HEADER_HEIGHT = 24;
export const ROW_HEADER_WIDTH = 48;
export const MIN_COL_WIDTH = 64;
export const MAX_COL_WIDTH = 260;
export const OVERSCAN = 8;

/** Re-renders on every workbook change, at most once per animation frame. */
export function useWorkbookVersion(workbook: MemoryWorkbook): number {
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) => {
      let frame = 0;
      const unsubscribe = workbook.subscribe(() => {
        version.current++;
        if (frame === 0) {
          frame = requestAnimationFrame(() => {
            frame = 0;
            onChange();
          });
        }
      });
      return () => {
        if (frame !== 0) cancelAnimationFrame(frame);
        unsubscribe();
      };
    },
    [workbook],
  );
  return useSyncExternalStore(subscribe, () => version.current);
}

/** Width from the content: CJK characters count double, like Excel's auto-fit roughly does. */
function textWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += /[\u1100-\uffff\u{20000}-\u{3ffff}]/u.test(ch) ? 2 : 1;
  return units * 7.5 + 18;
}

export function columnWidths(snapshot: SheetSnapshot, columns: number): number[] {
  const widths = new Array<number>(columns).fill(MIN_COL_WIDTH);
  for (const cell of snapshot.cells) {
    if (cell.column >= columns || !cell.text) continue;
    widths[cell.column] = Math.min(MAX_COL_WIDTH, Math.max(widths[cell.column], textWidth(cell.text)));
  }
  return widths;
}

export const editorStyle = (editing: boolean, top: number, left: number, width: number): CSSProperties => ({
  position: "absolute",
  top,
  left,
  width,
  height: ROW_HEIGHT,
  right: "auto",
  bottom: "auto",
  boxSizing: "border-box",
  zIndex: 3,
  margin: 0,
  padding: "0 3px",
  font: "inherit",
  border: "2px solid #107c41",
  background: "#fff",
  // Until an edit starts the input is invisible and lets clicks reach the cells below it.
  opacity: editing ? 1 : 0,
  pointerEvents: editing ? "auto" : "none",
});
