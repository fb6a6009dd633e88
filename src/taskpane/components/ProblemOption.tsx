import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Problem } from "../../domain";
import { columnHeader } from "../problemRows";
import { SeverityIcon } from "./icons";

/** Fixed heights: the windowed list positions items by them (see VirtualList). */
export const PROBLEM_HEIGHT = 84;
export const ROW_HEADING_HEIGHT = 30;

const useStyles = makeStyles({
  option: {
    boxSizing: "border-box",
    height: `${PROBLEM_HEIGHT}px`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    cursor: "pointer",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
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
    lineHeight: tokens.lineHeightBase200,
    overflow: "hidden",
    display: "-webkit-box",
    WebkitLineClamp: "2",
    WebkitBoxOrient: "vertical",
  },
  fix: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorPaletteGreenForeground1,
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
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
}

export function ProblemOption({
  id,
  problem,
  heading,
  active,
  focused,
  selected,
  onClick,
}: ProblemOptionProps) {
  const s = useStyles();
  const column = columnHeader(problem.column);
  const severity = problem.severity === "error" ? "错误" : "警告";
  const fix = problem.fix !== undefined ? fixText(problem.fix) : undefined;
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-label={`${heading}，${column}，${severity}：${problem.message}${fix ? `。${fix}` : ""}`}
      title={fix ? `${problem.message}\n${fix}` : problem.message}
      className={mergeClasses(
        s.option,
        // The keyboard's position shows only while the list has focus; the selection always shows.
        active && focused && s.active,
        selected && s.selected,
        active && focused && s.focused,
      )}
      onClick={onClick}
    >
      <div className={s.head}>
        <SeverityIcon severity={problem.severity} />
        <span className={s.column}>{column}</span>
      </div>
      <div className={s.message}>{problem.message}</div>
      {fix && <div className={s.fix}>{fix}</div>}
    </div>
  );
}
