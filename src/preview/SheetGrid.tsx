/**
 * The emulated worksheet of the preview: column letters, row numbers, values, fills, note markers,
 * frozen rows, sheet tabs, and an in-cell editor that types through `workbook.user` (so every edit
 * fires `onChanged` exactly as a person typing in Excel would). Rows are windowed: only the visible
 * ones are in the DOM, so a 5,000-row list scrolls smoothly.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import type { KeyboardEvent as ReactKeyboardEvent } from "react";
import { columnLetter } from "../domain/grid";
import { parseAddress, type MemoryWorkbook, type SheetSnapshot, type SnapshotCell } from "../excel/memory";

export const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 24;
const ROW_HEADER_WIDTH = 48;
const MIN_COL_WIDTH = 64;
const MAX_COL_WIDTH = 260;
const OVERSCAN = 8;

interface Cursor {
  row: number;
  col: number;
}

/** Re-renders on every workbook change, at most once per animation frame. */
function useWorkbookVersion(workbook: MemoryWorkbook): number {
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

function columnWidths(snapshot: SheetSnapshot, columns: number): number[] {
  const widths = new Array<number>(columns).fill(MIN_COL_WIDTH);
  for (const cell of snapshot.cells) {
    if (cell.column >= columns || !cell.text) continue;
    widths[cell.column] = Math.min(MAX_COL_WIDTH, Math.max(widths[cell.column], textWidth(cell.text)));
  }
  return widths;
}

function cursorFromSelection(selection: string): Cursor {
  const parsed = parseAddress(selection);
  return parsed ? { row: parsed.rect.top, col: parsed.rect.left } : { row: 0, col: 0 };
}

export interface SheetGridProps {
  workbook: MemoryWorkbook;
}

export function SheetGrid({ workbook }: SheetGridProps) {
  const version = useWorkbookVersion(workbook);
  const sheetName = workbook.activeSheet.name;
  // The snapshot is rebuilt per version, not per render (scrolling re-renders often).
  const snapshot = useMemo(() => workbook.snapshot(sheetName), [workbook, sheetName, version]);
  const sheetNames = useMemo(() => workbook.sheetNames(), [workbook, version]);

  const rowCount = Math.max(snapshot.rowCount + 20, 60);
  const colCount = Math.max(snapshot.columnCount + 2, 16);
  const widths = useMemo(() => columnWidths(snapshot, colCount), [snapshot, colCount]);
  const byKey = useMemo(() => {
    const map = new Map<string, SnapshotCell>();
    for (const cell of snapshot.cells) map.set(`${cell.row}:${cell.column}`, cell);
    return map;
  }, [snapshot]);

  const cursor = cursorFromSelection(snapshot.selection);
  const [editing, setEditing] = useState<{ text: string } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });

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

  // Keep the selected cell visible when someone else moves it (a click in the pane's problem list).
  useEffect(() => {
    const el = scroller.current;
    if (!el || cursor.row < frozen) return;
    const y = HEADER_HEIGHT + cursor.row * ROW_HEIGHT;
    const frozenHeight = frozen * ROW_HEIGHT;
    if (y < el.scrollTop + HEADER_HEIGHT + frozenHeight) el.scrollTop = y - HEADER_HEIGHT - frozenHeight;
    else if (y + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = y + ROW_HEIGHT - el.clientHeight;
    let x = ROW_HEADER_WIDTH;
    for (let c = 0; c < cursor.col; c++) x += widths[c];
    if (x < el.scrollLeft + ROW_HEADER_WIDTH) el.scrollLeft = x - ROW_HEADER_WIDTH;
    else if (x + widths[cursor.col] > el.scrollLeft + el.clientWidth)
      el.scrollLeft = x + widths[cursor.col] - el.clientWidth;
  }, [cursor.row, cursor.col, frozen, widths]);

  const address = (c: Cursor) => `${columnLetter(c.col)}${c.row + 1}`;
  const select = (c: Cursor) => {
    const next = {
      row: Math.max(0, Math.min(rowCount - 1, c.row)),
      col: Math.max(0, Math.min(colCount - 1, c.col)),
    };
    workbook.user.select(sheetName, address(next));
  };
  const commit = (text: string, move: Cursor) => {
    setEditing(null);
    workbook.user.type(sheetName, address(cursor), text);
    select({ row: cursor.row + move.row, col: cursor.col + move.col });
    scroller.current?.focus();
  };
  const current = byKey.get(`${cursor.row}:${cursor.col}`);

  const onGridKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const moves: Record<string, Cursor> = {
      ArrowUp: { row: -1, col: 0 },
      ArrowDown: { row: 1, col: 0 },
      ArrowLeft: { row: 0, col: -1 },
      ArrowRight: { row: 0, col: 1 },
      Enter: { row: 1, col: 0 },
      Tab: { row: 0, col: e.shiftKey ? -1 : 1 },
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      select({ row: cursor.row + move.row, col: cursor.col + move.col });
    } else if (e.key === "F2") {
      e.preventDefault();
      setEditing({ text: current?.text ?? "" });
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      workbook.user.clear(sheetName, address(cursor));
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Typing replaces the cell's content, as in Excel; the key itself reaches the editor.
      setEditing({ text: "" });
    }
  };

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
              if (editing) return;
              e.preventDefault();
              scroller.current?.focus();
              select({ row: r, col: c });
            }}
            onDoubleClick={() => setEditing({ text: cell?.text ?? "" })}
          >
            {cell?.text ?? ""}
            {note ? <span className="note-marker" aria-label="批注" /> : null}
            {selected && editing ? (
              <input
                className="cell-editor"
                autoFocus
                aria-label={`编辑 ${columnLetter(c)}${r + 1}`}
                value={editing.text}
                onChange={(e) => setEditing({ text: e.target.value })}
                onKeyDown={(e) => {
                  e.stopPropagation();
                  if (e.key === "Enter") {
                    e.preventDefault();
                    commit(editing.text, { row: 1, col: 0 });
                  } else if (e.key === "Tab") {
                    e.preventDefault();
                    commit(editing.text, { row: 0, col: e.shiftKey ? -1 : 1 });
                  } else if (e.key === "Escape") {
                    e.preventDefault();
                    setEditing(null);
                    scroller.current?.focus();
                  }
                }}
                onBlur={() => setEditing(null)}
              />
            ) : null}
          </td>
        );
      })}
    </tr>
  );

  const bodyRows: number[] = [];
  for (let r = firstBody; r <= lastBody; r++) bodyRows.push(r);

  return (
    <div className="sheet">
      <div className="formula-bar">
        <span className="name-box" aria-label="名称框">
          {address(cursor)}
        </span>
        <span className="formula" aria-label="编辑栏">
          {current?.text ?? ""}
        </span>
      </div>
      <div
        className="grid-scroller"
        ref={scroller}
        tabIndex={0}
        role="grid"
        aria-label={`工作表 ${sheetName}`}
        aria-rowcount={rowCount}
        onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
        onKeyDown={onGridKey}
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
