/**
 * The keyboard around the emulated grid: where Excel's keys move the active cell, how F6 reaches
 * the task pane, and the text a paste from Excel or WPS carries (tab-separated rows, quoted cells
 * where a cell holds a tab, a line break or a quote).
 */

export interface Move {
  readonly row: number;
  readonly col: number;
}

/** Keys that move the active cell when no cell is being edited (Shift reverses Enter and Tab). */
export function moveFor(key: string, shift: boolean): Move | undefined {
  switch (key) {
    case "ArrowUp":
      return { row: -1, col: 0 };
    case "ArrowDown":
      return { row: 1, col: 0 };
    case "ArrowLeft":
      return { row: 0, col: -1 };
    case "ArrowRight":
      return { row: 0, col: 1 };
    case "Enter":
      return { row: shift ? -1 : 1, col: 0 };
    case "Tab":
      return { row: 0, col: shift ? -1 : 1 };
    default:
      return undefined;
  }
}

/** F6 (either direction) and Ctrl+Tab leave the grid for the pane, as Excel's F6 cycles its regions. */
export function isRegionSwitch(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): boolean {
  if (e.key === "F6") return !e.ctrlKey && !e.metaKey && !e.altKey;
  return e.key === "Tab" && e.ctrlKey && !e.altKey;
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focuses the first control of the pane (or the pane itself). False when there is no pane. */
export function focusRegion(selector: string): boolean {
  const region = document.querySelector<HTMLElement>(selector);
  if (!region) return false;
  const first = Array.from(region.querySelectorAll<HTMLElement>(FOCUSABLE)).find(
    // checkVisibility: shown, not in a collapsed or hidden part (where a browser lacks it: every control).
    (el) =>
      (typeof el.checkVisibility === "function" ? el.checkVisibility() : true) && !el.closest("[inert]"),
  );
  if (first) {
    first.focus();
    return true;
  }
  if (!region.hasAttribute("tabindex")) region.tabIndex = -1;
  region.focus();
  return true;
}

/**
 * Clipboard text → rows of cells. Excel and WPS copy a block as tab-separated lines and quote a cell
 * that holds a tab, a line break or a quote ("" inside quotes is one quote). One pass, linear.
 */
export function parseClipboardRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (atCellStart && ch === '"') {
      // A quoted cell: up to the closing quote that is not doubled.
      let j = i + 1;
      let quoted = "";
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            quoted += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        quoted += text[j++];
      }
      const next = text[j];
      if (closed && (j >= text.length || next === "\t" || next === "\n" || next === "\r")) {
        cell = quoted;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: the quote is text, as Excel pastes it.
    }
    atCellStart = false;
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      atCellStart = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atCellStart = true;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
