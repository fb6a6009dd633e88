import { useMemo, useState } from "react";
import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import type { Problem } from "../../domain";
import { columnHeader, filterProblems, NO_FILTER, type ProblemFilter } from "../problemRows";
import type { ServerRefusal } from "../refusalRows";
import { ProblemFilters } from "./ProblemFilters";
import { ProblemList } from "./ProblemList";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  empty: { color: tokens.colorNeutralForeground3, padding: tokens.spacingVerticalS },
});

export function ProblemPanel(props: {
  problems: readonly Problem[];
  rowNames?: ReadonlyMap<number, string>;
  onSelect(problem: Problem): void;
  /** The server refused the list: its problems are shown instead of the sheet's until dismissed. */
  server?: ServerRefusal;
  onDismissServer?(): void;
  height?: number;
}) {
  const s = useStyles();
  const [filter, setFilter] = useState<ProblemFilter>(NO_FILTER);
  const source = props.server ? props.server.problems : props.problems;
  const shown = useMemo(() => filterProblems(source, filter), [source, filter]);
  return (
    <section className={s.root} aria-label="问题">
      {props.server && (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>
            服务器检查发现问题：{props.server.message}
            <Button appearance="transparent" size="small" onClick={props.onDismissServer}>
              改看本表检查结果
            </Button>
          </MessageBarBody>
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
      {source.length > 0 && <ProblemFilters problems={source} filter={filter} onChange={setFilter} />}
      {source.length === 0 ? (
        <Text className={s.empty}>没有发现问题。</Text>
      ) : shown.length === 0 ? (
        <Text className={s.empty}>没有符合筛选条件的问题。</Text>
      ) : (
        <ProblemList
          problems={shown}
          rowNames={props.rowNames}
          onSelect={props.onSelect}
          height={props.height}
        />
      )}
    </section>
  );
}
