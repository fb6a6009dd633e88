import { Button, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Problem } from "../../domain";
import { columnHeader } from "../problemRows";
import { SeverityIcon } from "./icons";

/**
 * Heights are computed, not measured: the windowed list positions items by them (see VirtualList). A
 * message is shown whole, so its item is as tall as its lines at the pane's narrowest width (280 px:
 * about 18 Chinese characters of 12 px per line; Latin letters and digits count about half).
 */
export const ROW_HEADING_HEIGHT = 30;
const LINE_HEIGHT = 16;
const CHARS_PER_LINE = 18;
/** Padding, the column line and the border. */
const ITEM_CHROME = 8 + LINE_HEIGHT + 2 + 1;
/** The apply button's row (a small button is 24 px) and its gap. */
const ACTION_HEIGHT = 28;
/** For paging with PageUp/PageDown: a typical item. */
export const PROBLEM_HEIGHT = ITEM_CHROME + 2 * LINE_HEIGHT;

/** Lines a text takes at CHARS_PER_LINE, wide characters counting 1 and narrow ones ½ (rounded up). */
export function lineCount(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x2000 ? 0.55 : 1;
  return Math.max(1, Math.ceil(width / CHARS_PER_LINE));
}

export function problemHeight(problem: Problem): number {
  const fix = problem.fix !== undefined ? fixText(problem.fix) : undefined;
  return (
    ITEM_CHROME +
    lineCount(problem.message) * LINE_HEIGHT +
    (fix !== undefined ? 2 + lineCount(fix) * LINE_HEIGHT + ACTION_HEIGHT : 0)
  );
}

/** The apply button's words: what it will write. */
export function applyLabel(problem: Problem): string {
  return problem.code === "id.legacy15" ? "升位为18位" : "采用建议";
}

const useStyles = makeStyles({
  item: {
    boxSizing: "border-box",
    height: "100%",
    display: "flex",
    flexDirection: "column",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  option: {
    boxSizing: "border-box",
    flexGrow: 1,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  action: { alignSelf: "flex-start", marginLeft: tokens.spacingHorizontalL, marginBottom: "4px" },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  active: { backgroundColor: tokens.colorNeutralBackground1Hover },
  focused: {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: "-2px",
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    ":hover": { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  head: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, minWidth: 0 },
  column: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  message: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: `${LINE_HEIGHT}px`,
    overflowWrap: "anywhere",
  },
  fix: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: `${LINE_HEIGHT}px`,
    color: tokens.colorPaletteGreenForeground1,
    overflowWrap: "anywhere",
  },
  heading: {
    boxSizing: "border-box",
    height: `${ROW_HEADING_HEIGHT}px`,
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    padding: `0 ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
  },
  counts: { fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase200 },
});

export function fixText(fix: string): string {
  return fix === "" ? "建议：清空此单元格" : `建议改为：${fix}`;
}

export function RowHeading(props: { heading: string; errors: number; warnings: number }) {
  const s = useStyles();
  const parts = [props.errors ? `${props.errors} 错误` : "", props.warnings ? `${props.warnings} 警告` : ""];
  return (
    <div className={s.heading} aria-hidden="true">
      <span>{props.heading}</span>
      <span className={s.counts}>{parts.filter(Boolean).join(" · ")}</span>
    </div>
  );
}

export interface ProblemOptionProps {
  id: string;
  problem: Problem;
  /** The row heading, repeated for screen readers (the visible heading is outside the listbox's options). */
  heading: string;
  active: boolean;
  focused: boolean;
  selected: boolean;
  onClick(): void;
  /** Writes the problem's suggestion into its cell (present when the problem has one). */
  onApply?(): void;
  applyBusy?: boolean;
}

/**
 * One problem: an option of the listbox (its name is its visible text, with the row heading for screen
 * readers), and beside it — never inside it: an option's content is presentational — the button that
 * applies its suggestion.
 */
export function ProblemOption({
  id,
  problem,
  heading,
  active,
  focused,
  selected,
  onClick,
  onApply,
  applyBusy,
}: ProblemOptionProps) {
  const s = useStyles();
  const column = columnHeader(problem.column);
  const fix = problem.fix !== undefined ? fixText(problem.fix) : undefined;
  const label = applyLabel(problem);
  return (
    <div className={s.item}>
      <div
        id={id}
        role="option"
        aria-selected={selected}
        aria-keyshortcuts={fix && onApply ? "Control+Enter" : undefined}
        className={mergeClasses(
          s.option,
          // The keyboard's position shows only while the list has focus; the selection always shows.
          active && focused && s.active,
          selected && s.selected,
          active && focused && s.focused,
        )}
        onClick={onClick}
      >
        <span className={s.hidden}>{`${heading}，`}</span>
        <div className={s.head}>
          <SeverityIcon severity={problem.severity} />
          <span className={s.column}>{column}</span>
        </div>
        <div className={s.message}>{problem.message}</div>
        {fix && <div className={s.fix}>{fix}</div>}
      </div>
      {fix && onApply && (
        // A listbox may own nothing but options (axe: aria-required-children), so the button is for the
        // pointer only; the keyboard and screen readers apply from the option with Ctrl+Enter, which the
        // list's description says.
        <Button
          size="small"
          className={s.action}
          disabled={applyBusy}
          aria-hidden="true"
          tabIndex={-1}
          aria-label={`${label}：${heading}，${column}`}
          onClick={onApply}
        >
          {label}
        </Button>
      )}
    </div>
  );
}
