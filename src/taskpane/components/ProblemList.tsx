import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { Problem } from "../../domain";
import { groupByRow, type ProblemListItem } from "../problemRows";
import {
  PROBLEM_HEIGHT,
  ProblemOption,
  problemHeight,
  ROW_HEADING_HEIGHT,
  RowHeading,
} from "./ProblemOption";
import { VirtualList, type VirtualListHandle } from "./VirtualList";

export interface ProblemListProps {
  problems: readonly Problem[];
  rowNames?: ReadonlyMap<number, string>;
  onSelect(problem: Problem): void;
  /** Writes a problem's suggestion into its cell (the button on a problem that has one; Ctrl+Enter). */
  onApply?(problem: Problem): void;
  /** An apply is running: the buttons wait. */
  applying?: boolean;
  /** Viewport height in px. */
  height?: number;
  /** The id of the text that says how to apply a suggestion from the keyboard. */
  describedBy?: string;
}

/** Position of `index` in the ascending `indexes` (binary search), or -1. */
function positionOf(indexes: readonly number[], index: number): number {
  let lo = 0;
  let hi = indexes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (indexes[mid] === index) return mid;
    if (indexes[mid] < index) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const itemHeight = (item: ProblemListItem) =>
  item.type === "row" ? ROW_HEADING_HEIGHT : problemHeight(item.problem);
const itemKey = (item: ProblemListItem) => (item.type === "row" ? `row:${item.row}` : item.key);

/**
 * Problems grouped by row, windowed. Keyboard: one tab stop (a listbox); ↑/↓/Home/End/PageUp/PageDown
 * move the active problem, Enter or Space selects its cell in the sheet; a click does the same;
 * Ctrl+Enter applies its suggestion (as its button does).
 */
export function ProblemList({
  problems,
  rowNames,
  onSelect,
  onApply,
  applying,
  height = 360,
  describedBy,
}: ProblemListProps) {
  const baseId = useId();
  const handle = useRef<VirtualListHandle>(null);
  const items = useMemo(() => groupByRow(problems, rowNames), [problems, rowNames]);
  // Built once per list, so a key press or a click costs the same with 10 problems or 10,000.
  const { problemIndexes, indexOfKey } = useMemo(() => {
    const indexes: number[] = [];
    const byKey = new Map<string, number>();
    items.forEach((it, i) => {
      if (it.type !== "problem") return;
      indexes.push(i);
      byKey.set(it.key, i);
    });
    return { problemIndexes: indexes, indexOfKey: byKey };
  }, [items]);
  const headingOf = useMemo(() => {
    const out: string[] = [];
    let heading = "";
    for (const it of items) {
      if (it.type === "row") heading = it.heading;
      out.push(heading);
    }
    return out;
  }, [items]);

  const [activeKey, setActiveKey] = useState<string | undefined>();
  const [selectedKey, setSelectedKey] = useState<string | undefined>();
  const [focused, setFocused] = useState(false);

  const keyed = activeKey === undefined ? undefined : indexOfKey.get(activeKey);
  const activeIndex = keyed ?? problemIndexes[0] ?? -1;
  const optionId = (index: number) => `${baseId}-p${index}`;

  const select = useCallback(
    (index: number) => {
      const item = items[index];
      if (item?.type !== "problem") return;
      setActiveKey(item.key);
      setSelectedKey(item.key);
      onSelect(item.problem);
    },
    [items, onSelect],
  );

  const moveTo = (position: number) => {
    if (problemIndexes.length === 0) return;
    const clamped = Math.max(0, Math.min(problemIndexes.length - 1, position));
    const index = problemIndexes[clamped];
    const item = items[index];
    if (item.type !== "problem") return;
    setActiveKey(item.key);
    // Show the row heading too when the problem is the first of its row.
    if (items[index - 1]?.type === "row") handle.current?.scrollToIndex(index - 1);
    handle.current?.scrollToIndex(index);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const position = Math.max(0, positionOf(problemIndexes, activeIndex));
    const page = Math.max(1, Math.floor(height / PROBLEM_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: position + 1,
      ArrowUp: position - 1,
      PageDown: position + page,
      PageUp: position - page,
      Home: 0,
      End: problemIndexes.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]);
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      const item = items[activeIndex];
      if (item?.type === "problem" && item.problem.fix !== undefined && !applying) onApply?.(item.problem);
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      select(activeIndex);
    }
  };

  const activeItem = items[activeIndex];
  return (
    <VirtualList
      items={items}
      itemHeight={itemHeight}
      itemKey={itemKey}
      height={height}
      handleRef={handle}
      itemRole="presentation"
      containerProps={{
        role: "listbox",
        "aria-label": `问题列表，共 ${problemIndexes.length} 条`,
        "aria-describedby": describedBy,
        tabIndex: 0,
        "aria-activedescendant": activeItem?.type === "problem" ? optionId(activeIndex) : undefined,
        onKeyDown,
        onFocus: () => setFocused(true),
        onBlur: () => setFocused(false),
      }}
      renderItem={(item, index) =>
        item.type === "row" ? (
          <RowHeading heading={item.heading} errors={item.errors} warnings={item.warnings} />
        ) : (
          <ProblemOption
            id={optionId(index)}
            problem={item.problem}
            heading={headingOf[index]}
            active={index === activeIndex}
            focused={focused}
            selected={item.key === selectedKey}
            onClick={() => select(index)}
            onApply={onApply ? () => onApply(item.problem) : undefined}
            applyBusy={applying}
          />
        )
      }
    />
  );
}
