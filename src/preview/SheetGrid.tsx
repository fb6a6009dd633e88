/**
 * The emulated worksheet of the preview and the web version: column letters, row numbers, values,
 * fills, note markers, frozen rows, sheet tabs, the workbooks the add-in created, and an in-cell
 * editor that types through `workbook.user` (so every edit fires `onChanged` exactly as a person
 * typing in Excel would). Rows are windowed: only the visible ones are in the DOM, so a 5,000-row
 * list scrolls smoothly.
 *
 * One input stays focused on the active cell (transparent until an edit starts), so the first key
 * and an input method's composition (拼音) land in the cell as in Excel; Tab moves between cells,
 * F6 or Ctrl+Tab goes to the task pane and F6 comes back.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { ClipboardEvent as ReactClipboardEvent, KeyboardEvent as ReactKeyboardEvent } from "react";
import { columnLetter } from "../domain/grid";
import { parseAddress, type MemoryWorkbook, type SnapshotCell } from "../excel/memory";
import { focusRegion, isRegionSwitch, moveFor, parseClipboardRows, type Move } from "./gridKeys";
import {
  HEADER_HEIGHT,
  MIN_COL_WIDTH,
  OVERSCAN,
  ROW_HEADER_WIDTH,
  ROW_HEIGHT,
  columnWidths,
  editorStyle,
  useWorkbookVersion,
} from "./gridLayout";
import { useShelf, WorkbookTabs } from "./WorkbookTabs";
import type { WorkbookShelf } from "./workbookShelf";

export { ROW_HEIGHT } from "./gridLayout";

interface Cursor {
  row: number;
  col: number;
}

function cursorFromSelection(selection: string): Cursor {
  const parsed = parseAddress(selection);
  return parsed ? { row: parsed.rect.top, col: parsed.rect.left } : { row: 0, col: 0 };
}

/** The keys, said once under the grid (and read out with the active cell). */
export const GRID_KEY_HINT =
  "方向键、Tab、回车移动；直接输入（含输入法）或 F2 编辑，Esc 取消；F6 或 Ctrl+Tab 到任务窗格，F6 返回";

const TABSTER_KEEP_TAB = JSON.stringify({ focusable: { ignoreKeydown: { Tab: true } } });

/** Excel's "enter" mode (typing replaced the cell: arrows commit) or "edit" mode (F2: arrows move the caret). */
interface Editing {
  text: string;
  mode: "enter" | "edit";
}

export interface SheetGridProps {
  workbook: MemoryWorkbook;
  /** The workbooks open beside the list (PreviewSession.workbooks): created workbooks get a tab. */
  workbooks?: WorkbookShelf;
  /** Where F6 and Ctrl+Tab send the focus: the task pane. */
  paneSelector?: string;
}

export function SheetGrid({ workbook: list, workbooks, paneSelector = "#pane" }: SheetGridProps) {
  useShelf(workbooks);
  const entry = workbooks?.active;
  const workbook = entry?.workbook ?? list;
  return (
    <div className="sheet">
      {workbooks ? <WorkbookTabs shelf={workbooks} /> : null}
      <SheetView key={entry?.id ?? 0} workbook={workbook} paneSelector={paneSelector} />
    </div>
  );
}

function SheetView({ workbook, paneSelector }: { workbook: MemoryWorkbook; paneSelector: string }) {
  const version = useWorkbookVersion(workbook);
  const sheetName = workbook.activeSheet.name;
  // The snapshot is rebuilt per version, not per render (scrolling re-renders often).
  const snapshot = useMemo(() => workbook.snapshot(sheetName), [workbook, sheetName, version]);
  const sheetNames = useMemo(() => workbook.sheetNames(), [workbook, version]);
  const selections = workbook.selectionCount;

  const rowCount = Math.max(snapshot.rowCount + 20, 60);
  const colCount = Math.max(snapshot.columnCount + 2, 16);
  const widths = useMemo(() => columnWidths(snapshot, colCount), [snapshot, colCount]);
  const byKey = useMemo(() => {
    const map = new Map<string, SnapshotCell>();
    for (const cell of snapshot.cells) map.set(`${cell.row}:${cell.column}`, cell);
    return map;
  }, [snapshot]);

  const cursor = cursorFromSelection(snapshot.selection);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const editor = useRef<HTMLInputElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const hintId = useId();

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const update = () => setView({ top: el.scrollTop, height: el.clientHeight });
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const frozen = Math.min(snapshot.frozenRows, rowCount);
  const firstBody = Math.max(frozen, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const lastBody = Math.min(rowCount - 1, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const leftOf = (col: number) => {
    let x = ROW_HEADER_WIDTH;
    for (let c = 0; c < col; c++) x += widths[c];
    return x;
  };

  // Show the active cell whenever something selects it (the pane's problem list, a key, a click).
  useEffect(() => {
    const el = scroller.current;
    if (!el || cursor.row < frozen) return;
    const y = HEADER_HEIGHT + cursor.row * ROW_HEIGHT;
    const frozenHeight = frozen * ROW_HEIGHT;
    if (y < el.scrollTop + HEADER_HEIGHT + frozenHeight) el.scrollTop = y - HEADER_HEIGHT - frozenHeight;
    else if (y + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = y + ROW_HEIGHT - el.clientHeight;
    const x = leftOf(cursor.col);
    if (x < el.scrollLeft + ROW_HEADER_WIDTH) el.scrollLeft = x - ROW_HEADER_WIDTH;
    else if (x + widths[cursor.col] > el.scrollLeft + el.clientWidth)
      el.scrollLeft = x + widths[cursor.col] - el.clientWidth;
  }, [selections, cursor.row, cursor.col, frozen, widths, sheetName]);

  // F6 from anywhere else on the page (the pane) comes back to the grid, as Excel's F6 cycles.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "F6" || e.ctrlKey || e.metaKey || e.altKey) return;
      if (root.current?.contains(e.target as Node)) return;
      e.preventDefault();
      editor.current?.focus({ preventScroll: true });
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const address = (c: Cursor) => `${columnLetter(c.col)}${c.row + 1}`;
  // Keys can come faster than frames: handlers read the active cell from the model, not the last render.
  const live = (): Cursor => {
    const { top, left } = workbook.activeSheet.selection;
    return { row: top, col: left };
  };
  const select = (c: Cursor) => {
    const next = {
      row: Math.max(0, Math.min(rowCount - 1, c.row)),
      col: Math.max(0, Math.min(colCount - 1, c.col)),
    };
    workbook.user.select(workbook.activeSheet.name, address(next));
  };
  /** A user action on the workbook; what the emulator cannot do is said, never thrown at the page. */
  const act = (f: () => void): boolean => {
    try {
      f();
      setNotice(null);
      return true;
    } catch {
      setNotice("模拟的工作表不计算公式：请输入值（以 = 开头的内容请在前面加 ' ）。");
      return false;
    }
  };
  const focusEditor = () => editor.current?.focus({ preventScroll: true });
  const commit = (text: string, move: Move, refocus = true) => {
    setEditing(null);
    const at = live();
    if (act(() => workbook.user.type(workbook.activeSheet.name, address(at), text)))
      select({ row: at.row + move.row, col: at.col + move.col });
    if (refocus) focusEditor();
  };
  const current = byKey.get(`${cursor.row}:${cursor.col}`);

  const onEditorKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    // An input method is composing (拼音): its keys are its own, Enter included.
    if (e.nativeEvent.isComposing || e.keyCode === 229) {
      if (!editing) setEditing({ text: "", mode: "enter" });
      return;
    }
    if (isRegionSwitch(e)) {
      e.preventDefault();
      if (editing) commit(editing.text, { row: 0, col: 0 }, false);
      focusRegion(paneSelector);
      return;
    }
    if (editing) {
      const move = moveFor(e.key, e.shiftKey);
      const arrow = e.key.startsWith("Arrow");
      if (e.key === "Escape") {
        e.preventDefault();
        setEditing(null);
      } else if (move && (!arrow || editing.mode === "enter")) {
        e.preventDefault();
        commit(editing.text, move);
      }
      return;
    }
    const move = moveFor(e.key, e.shiftKey);
    if (move) {
      e.preventDefault();
      const at = live();
      select({ row: at.row + move.row, col: at.col + move.col });
    } else if (e.key === "F2") {
      e.preventDefault();
      const at = live();
      setEditing({ text: byKey.get(`${at.row}:${at.col}`)?.text ?? "", mode: "edit" });
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      act(() => workbook.user.clear(workbook.activeSheet.name, address(live())));
    } else if ([...e.key].length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Typing replaces the cell's content, as in Excel; the key itself lands in the (empty) input.
      setEditing({ text: "", mode: "enter" });
    }
  };

  const onPaste = (e: ReactClipboardEvent<HTMLInputElement>) => {
    if (editing) return;
    e.preventDefault();
    const rows = parseClipboardRows(e.clipboardData.getData("text/plain"));
    if (rows.length > 0) act(() => workbook.user.paste(workbook.activeSheet.name, address(live()), rows));
  };

  // F2 puts the caret after the cell's text, as Excel does.
  useLayoutEffect(() => {
    const el = editor.current;
    if (el && editing?.mode === "edit") el.setSelectionRange(el.value.length, el.value.length);
  }, [editing?.mode]);

  const renderRow = (r: number) => (
    <tr key={r} style={{ height: ROW_HEIGHT }} className={r < frozen ? "frozen" : undefined}>
      <th className="row-header" scope="row">
        {r + 1}
      </th>
      {widths.map((_, c) => {
        const cell = byKey.get(`${r}:${c}`);
        const selected = r === cursor.row && c === cursor.col;
        const note = cell?.note ?? cell?.comment ?? null;
        return (
          <td
            key={c}
            data-address={`${columnLetter(c)}${r + 1}`}
            className={[
              selected ? "selected" : "",
              cell?.bold ? "bold" : "",
              cell?.valueType === "Double" ? "num" : "",
            ]
              .filter(Boolean)
              .join(" ")}
            style={cell?.fill ? { background: cell.fill } : undefined}
            title={note ?? undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              // Clicking another cell ends an edit by keeping it, as in Excel.
              if (editing) commit(editing.text, { row: 0, col: 0 });
              select({ row: r, col: c });
              focusEditor();
            }}
            onDoubleClick={() => setEditing({ text: cell?.text ?? "", mode: "edit" })}
          >
            {cell?.text ?? ""}
            {note ? <span className="note-marker" aria-label="批注" /> : null}
          </td>
        );
      })}
    </tr>
  );

  const bodyRows: number[] = [];
  for (let r = firstBody; r <= lastBody; r++) bodyRows.push(r);
  const editorTop = HEADER_HEIGHT + cursor.row * ROW_HEIGHT + (cursor.row < frozen ? view.top : 0);

  return (
    <div ref={root} style={{ display: "contents" }}>
      <div className="formula-bar">
        <span className="name-box" aria-label="名称框">
          {address(cursor)}
        </span>
        <span className="formula" aria-label="编辑栏">
          {editing ? editing.text : (current?.text ?? "")}
        </span>
      </div>
      <div
        className="grid-scroller"
        ref={scroller}
        role="grid"
        aria-label={`工作表 ${sheetName}`}
        aria-rowcount={rowCount}
        style={{ position: "relative" }}
        onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      >
        <table className="grid" style={{ width: ROW_HEADER_WIDTH + widths.reduce((a, b) => a + b, 0) }}>
          <colgroup>
            <col style={{ width: ROW_HEADER_WIDTH }} />
            {widths.map((w, c) => (
              <col key={c} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr style={{ height: HEADER_HEIGHT }}>
              <th className="corner" />
              {widths.map((_, c) => (
                <th key={c} scope="col" className={c === cursor.col ? "active" : undefined}>
                  {columnLetter(c)}
                </th>
              ))}
            </tr>
            {Array.from({ length: frozen }, (_, r) => renderRow(r))}
          </thead>
          <tbody>
            <tr style={{ height: (firstBody - frozen) * ROW_HEIGHT }} aria-hidden="true" />
            {bodyRows.map(renderRow)}
            <tr style={{ height: (rowCount - 1 - lastBody) * ROW_HEIGHT }} aria-hidden="true" />
          </tbody>
        </table>
        <input
          ref={editor}
          className="cell-editor"
          data-editing={editing ? "true" : "false"}
          style={editorStyle(
            editing !== null,
            editorTop,
            leftOf(cursor.col),
            widths[cursor.col] ?? MIN_COL_WIDTH,
          )}
          aria-label={
            editing
              ? `编辑 ${address(cursor)}`
              : `单元格 ${address(cursor)}${current?.text ? `：${current.text}` : "（空）"}`
          }
          aria-describedby={hintId}
          // Tab moves between cells: the pane's Fluent UI (Tabster, watching the whole page) must leave it alone.
          data-tabster={TABSTER_KEEP_TAB}
          autoComplete="off"
          spellCheck={false}
          value={editing ? editing.text : ""}
          onChange={(e) => {
            const text = e.target.value;
            setEditing((prev) => ({ text, mode: prev?.mode ?? "enter" }));
          }}
          onCompositionStart={() => setEditing((prev) => prev ?? { text: "", mode: "enter" })}
          onCompositionEnd={(e) => {
            const text = e.currentTarget.value;
            setEditing((prev) => ({ text, mode: prev?.mode ?? "enter" }));
          }}
          onKeyDown={onEditorKey}
          onPaste={onPaste}
          onBlur={(e) => {
            // Leaving the grid (a click in the pane) keeps what was typed, as Excel does; switching to
            // another window leaves the edit open, as Excel does.
            if (editing && (e.relatedTarget !== null || document.hasFocus()))
              commit(editing.text, { row: 0, col: 0 }, false);
          }}
        />
      </div>
      <div
        id={hintId}
        className="grid-hint"
        style={{ padding: "2px 8px", fontSize: 12, color: notice ? "#a4262c" : "#616161" }}
        role={notice ? "alert" : undefined}
      >
        {notice ?? GRID_KEY_HINT}
      </div>
      <div className="tabs" role="tablist" aria-label="工作表">
        {sheetNames.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            data-testid="sheet-tab"
            aria-selected={name === sheetName}
            className={name === sheetName ? "tab active" : "tab"}
            onClick={() => workbook.user.select(name, "A1")}
          >
            {name}
          </button>
        ))}
      </div>
    </div>
  );
}
