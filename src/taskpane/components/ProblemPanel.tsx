import { useMemo, useState } from "react";
import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import type { Problem } from "../../domain";
import { filterProblems, NO_FILTER, type ProblemFilter } from "../problemRows";
import { ProblemFilters } from "./ProblemFilters";
import { ProblemList } from "./ProblemList";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  empty: { color: tokens.colorNeutralForeground3, padding: tokens.spacingVerticalS },
});

export interface ServerProblems {
  message: string;
  problems: Problem[];
}

export function ProblemPanel(props: {
  problems: readonly Problem[];
  rowNames?: ReadonlyMap<number, string>;
  onSelect(problem: Problem): void;
  /** The server refused the list: its problems are shown instead of the sheet's until dismissed. */
  server?: ServerProblems;
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
      {source.length > 0 && <ProblemFilters problems={source} filter={filter} onChange={setFilter} />}
      {source.length === 0 ? (
        <Text className={s.empty}>没有发现问题。</Text>
      ) : shown.length === 0 ? (
        <Text className={s.empty}>没有符合筛选条件的问题。</Text>
      ) : (
        <ProblemList
          problems={shown}
          rowNames={props.server ? undefined : props.rowNames}
          onSelect={props.onSelect}
          height={props.height}
        />
      )}
    </section>
  );
}
