import { makeStyles, Select, ToggleButton, tokens } from "@fluentui/react-components";
import type { Problem } from "../../domain";
import { KIND_LABELS, KIND_ORDER, problemKind, type ProblemKind } from "../problemKinds";
import type { ProblemFilter } from "../problemRows";

const useStyles = makeStyles({
  root: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  group: { display: "flex", gap: tokens.spacingHorizontalXS },
  kind: { minWidth: "120px", flexGrow: 1 },
});

const SEVERITIES: { value: ProblemFilter["severity"]; label: string }[] = [
  { value: "all", label: "全部" },
  { value: "error", label: "错误" },
  { value: "warning", label: "警告" },
];

export function ProblemFilters(props: {
  problems: readonly Problem[];
  filter: ProblemFilter;
  onChange(filter: ProblemFilter): void;
}) {
  const s = useStyles();
  const { problems, filter, onChange } = props;
  let errors = 0;
  const byKind = new Map<ProblemKind, number>();
  for (const p of problems) {
    if (p.severity === "error") errors++;
    const k = problemKind(p);
    byKind.set(k, (byKind.get(k) ?? 0) + 1);
  }
  const counts = { all: problems.length, error: errors, warning: problems.length - errors };
  return (
    <div className={s.root}>
      <div className={s.group} role="group" aria-label="按严重程度筛选">
        {SEVERITIES.map(({ value, label }) => (
          <ToggleButton
            key={value}
            size="small"
            checked={filter.severity === value}
            onClick={() => onChange({ ...filter, severity: value })}
          >
            {`${label} ${counts[value]}`}
          </ToggleButton>
        ))}
      </div>
      <Select
        size="small"
        className={s.kind}
        aria-label="按问题类别筛选"
        value={filter.kind}
        onChange={(_, data) => onChange({ ...filter, kind: data.value as ProblemFilter["kind"] })}
      >
        <option value="all">全部类别</option>
        {KIND_ORDER.map((k) => (
          <option key={k} value={k}>
            {`${KIND_LABELS[k]}（${byKind.get(k) ?? 0}）`}
          </option>
        ))}
      </Select>
    </div>
  );
}
