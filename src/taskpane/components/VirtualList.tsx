import {
  useCallback,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type HTMLAttributes,
  type ReactNode,
  type Ref,
} from "react";
import { makeStyles, tokens } from "@fluentui/react-components";

/**
 * A windowed list over a fixed-height scroll container: only the items inside the viewport (plus a margin)
 * are in the DOM, so 5,000 problems cost as much as 20. Item heights are known up front (one per item
 * kind), so positions are prefix sums and the first visible item is a binary search.
 */
export interface VirtualListHandle {
  /** Scrolls the least distance that shows the item whole. */
  scrollToIndex(index: number): void;
}

export interface VirtualListProps<T> {
  items: readonly T[];
  itemHeight(item: T): number;
  itemKey(item: T, index: number): string;
  renderItem(item: T, index: number): ReactNode;
  /** Viewport height in px. */
  height: number;
  /** Extra px rendered above and below the viewport, so fast scrolling shows no gaps. */
  overscan?: number;
  handleRef?: Ref<VirtualListHandle>;
  /** Role, label, tabIndex, key handlers … of the scroll container (a list by default). */
  containerProps?: HTMLAttributes<HTMLDivElement>;
  /** "listitem" for a plain list; "presentation" when the items carry their own role (options). */
  itemRole?: "listitem" | "presentation";
  className?: string;
}

const useStyles = makeStyles({
  viewport: {
    position: "relative",
    overflowY: "auto",
    overflowX: "hidden",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  canvas: { position: "relative", width: "100%" },
  item: { position: "absolute", left: 0, right: 0, boxSizing: "border-box" },
});

/** Index of the last offset ≤ y (offsets ascending, offsets[0] = 0). */
function indexAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, itemHeight, itemKey, renderItem, height, overscan = 240, handleRef } = props;
  const itemRole = props.itemRole ?? "listitem";
  const s = useStyles();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

  const offsets = useMemo(() => {
    const out = new Float64Array(items.length + 1);
    for (let i = 0; i < items.length; i++) out[i + 1] = out[i] + itemHeight(items[i]);
    return out;
  }, [items, itemHeight]);
  const total = offsets[items.length];

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = viewport.current;
      if (!el || index < 0 || index >= items.length) return;
      const top = offsets[index];
      const bottom = offsets[index + 1];
      let next = el.scrollTop;
      if (top < next) next = top;
      else if (bottom > next + height) next = bottom - height;
      if (next !== el.scrollTop) el.scrollTop = next;
      // Set the state too: a programmatic scroll's event comes late (or, in tests, never).
      setScrollTop(next);
    },
    [items.length, offsets, height],
  );
  useImperativeHandle(handleRef, () => ({ scrollToIndex }), [scrollToIndex]);

  // A shorter list (a filter) leaves scrollTop beyond the end until the browser clamps it.
  const top = Math.max(0, Math.min(scrollTop, total - height));
  const first = items.length ? indexAt(offsets, Math.max(0, top - overscan)) : 0;
  const last = items.length ? indexAt(offsets, top + height + overscan) : -1;
  const rendered: ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    const item = items[i];
    rendered.push(
      <div
        key={itemKey(item, i)}
        role={itemRole}
        aria-setsize={itemRole === "listitem" ? items.length : undefined}
        aria-posinset={itemRole === "listitem" ? i + 1 : undefined}
        data-index={i}
        className={s.item}
        style={{ top: offsets[i], height: offsets[i + 1] - offsets[i] }}
      >
        {renderItem(item, i)}
      </div>,
    );
  }

  return (
    <div
      role="list"
      {...props.containerProps}
      ref={viewport}
      className={`${s.viewport} ${props.className ?? ""}`}
      style={{ height }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div role="presentation" className={s.canvas} style={{ height: total }}>
        {rendered}
      </div>
    </div>
  );
}
