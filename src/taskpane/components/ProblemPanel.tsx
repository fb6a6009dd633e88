import { useId, useMemo } from "react";
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { Problem } from "../../domain";
import { columnHeader, filterProblems, type ProblemFilter } from "../problemRows";
import type { ServerRefusal } from "../refusalRows";
import { ProblemFilters } from "./ProblemFilters";
import { ProblemList } from "./ProblemList";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  empty: { color: tokens.colorNeutralForeground3, padding: tokens.spacingVerticalS },
});

/** The server's words as one sentence: it ends with a full stop (it carries none of its own). */
export function sentence(text: string): string {
  return /[。！？.!?]$/.test(text) ? text : `${text}。`;
}

/** What an empty problem list means: a clean list, or a list with no student yet (where to start). */
function EmptyText(props: { rows: number | undefined; headerRow: number | undefined; live: boolean }) {
  const s = useStyles();
  if (props.rows !== 0) return <Text className={s.empty}>没有发现问题。</Text>;
  const first = props.headerRow !== undefined ? `第 ${props.headerRow + 1} 行` : "表头下一行";
  const then = props.live ? "助手会边填边检查。" : "填好后请点“重新检查”。";
  return (
    <Text className={s.empty} role="note">
      {`名单还是空的：请从${first}起，每行填写一名学生的姓名、学号、身份证号、培养层次等，也可以从研究生综合管理系统导出后粘贴进来。${then}`}
    </Text>
  );
}

export function ProblemPanel(props: {
  problems: readonly Problem[];
  rowNames?: ReadonlyMap<number, string>;
  onSelect(problem: Problem): void;
  onApply?(problem: Problem): void;
  applying?: boolean;
  /** The filter, owned by the check tab (a click on the summary's count sets it too). */
  filter: ProblemFilter;
  onFilterChange(filter: ProblemFilter): void;
  /** The list's rows and header row (for the empty list's words). */
  rows?: number;
  headerRow?: number;
  live?: boolean;
  /** The server refused the list: its problems are shown instead of the sheet's until dismissed. */
  server?: ServerRefusal;
  onDismissServer?(): void;
  height?: number;
}) {
  const s = useStyles();
  const { filter } = props;
  const source = props.server ? props.server.problems : props.problems;
  const shown = useMemo(() => filterProblems(source, filter), [source, filter]);
  const hintId = useId();
  const suggestions = props.onApply !== undefined && shown.some((p) => p.fix !== undefined);
  return (
    <section className={s.root} aria-label="问题">
      {props.server && (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>
            <MessageBarTitle>服务器检查发现问题</MessageBarTitle>
            {sentence(props.server.message)}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="secondary" size="small" onClick={props.onDismissServer}>
              改看本表检查结果
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {props.server && (
        <Text size={200}>
          下面是服务器发现的问题，已对应到本表的行（{props.server.problems.length} 个）。
          {props.server.unplaced.length > 0 &&
            `另有 ${props.server.unplaced.length} 个问题不在任何学生行上：${props.server.unplaced
              // A few are enough to say what is wrong with the file's header; never a wall of text.
              .slice(0, 5)
              .map((p) => `${columnHeader(p.column)}：${p.message}`)
              .join("；")}`}
        </Text>
      )}
      {source.length > 0 && (
        <ProblemFilters problems={source} filter={filter} onChange={props.onFilterChange} />
      )}
      {source.length === 0 ? (
        <EmptyText
          rows={props.server ? undefined : props.rows}
          headerRow={props.headerRow}
          live={props.live ?? true}
        />
      ) : shown.length === 0 ? (
        <Text className={s.empty}>没有符合筛选条件的问题。</Text>
      ) : (
        <>
          {suggestions && (
            <Text size={200} id={hintId} className={s.empty}>
              有建议的问题：点它下方的按钮采用建议，或在列表中选中后按 Ctrl+Enter。
            </Text>
          )}
          <ProblemList
            describedBy={suggestions ? hintId : undefined}
            problems={shown}
            rowNames={props.rowNames}
            onSelect={props.onSelect}
            onApply={props.onApply}
            applying={props.applying}
            height={props.height}
          />
        </>
      )}
    </section>
  );
}
