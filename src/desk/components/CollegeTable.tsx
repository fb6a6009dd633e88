import {
  Button,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import type { CollegeRow } from "../deskApi";
import { addBreakdowns, formatBreakdown, formatChinaTime, formatFen, STATUS_LABELS, toFen } from "../format";

const useStyles = makeStyles({
  scroller: {
    overflowX: "auto",
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "2px",
    },
  },
  // Columns sized by their content (Fluent's default is equal widths, which stacks the row's buttons).
  table: { minWidth: "72rem", tableLayout: "auto" },
  num: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  owed: { color: tokens.colorPaletteRedForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  reason: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  total: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground3 },
  actions: { display: "flex", gap: tokens.spacingHorizontalXS, whiteSpace: "nowrap" },
});

export const COLUMN_HEADERS = [
  "学院",
  "状态",
  "提交时间",
  "人数",
  "培养层次",
  "采集方式",
  "毕业批次",
  "应缴（元）",
  "已登记（元）",
  "差额（元）",
  "已发凭证（张）",
  "操作",
] as const;

/** Totals over every college of the campaign (not only the rows a filter shows). */
function totalsOf(rows: readonly CollegeRow[]) {
  let students = 0;
  let due = 0;
  let paid = 0;
  let submitted = 0;
  let vouchers = 0;
  for (const r of rows) {
    vouchers += r.vouchers ?? 0;
    students += r.students;
    due += toFen(r.feeDue);
    paid += toFen(r.feePaid);
    if (r.status !== "none") submitted++;
  }
  return {
    vouchers,
    students,
    due,
    paid,
    submitted,
    byLevel: addBreakdowns(rows.map((r) => r.byLevel)),
    byMode: addBreakdowns(rows.map((r) => r.byMode)),
    byBatch: addBreakdowns(rows.map((r) => r.byBatch)),
  };
}

export function CollegeTable(props: {
  /** The rows to show (filtered). */
  rows: readonly CollegeRow[];
  /** Every college, for the totals row. */
  all: readonly CollegeRow[];
  retrying: ReadonlySet<string>;
  onHistory(college: string): void;
  onPayment(row: CollegeRow): void;
  onRetry(college: string): void;
}) {
  const s = useStyles();
  // Dialogs opened from these buttons give focus back to the button that opened them.
  const restoreFocus = useRestoreFocusTarget();
  const t = totalsOf(props.all);
  return (
    <div className={s.scroller} role="region" aria-label="各学院提交情况（可左右滚动）" tabIndex={0}>
      <Table className={s.table} aria-label="各学院提交情况" size="small">
        <TableHeader>
          <TableRow>
            {COLUMN_HEADERS.map((h) => (
              <TableHeaderCell key={h} scope="col">
                {h}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.rows.map((r) => {
            const diff = toFen(r.feeDue) - toFen(r.feePaid);
            return (
              <TableRow key={r.college}>
                <TableCell>{r.college}</TableCell>
                <TableCell>
                  <span className={r.status === "failed" ? s.failed : undefined}>
                    {STATUS_LABELS[r.status]}
                  </span>
                  {r.status === "failed" && r.error && <div className={s.reason}>{r.error}</div>}
                </TableCell>
                <TableCell>{r.submittedAt ? formatChinaTime(r.submittedAt) : "—"}</TableCell>
                <TableCell className={s.num}>{r.students}</TableCell>
                <TableCell>{formatBreakdown(r.byLevel)}</TableCell>
                <TableCell>{formatBreakdown(r.byMode)}</TableCell>
                <TableCell>{formatBreakdown(r.byBatch)}</TableCell>
                <TableCell className={s.num}>{formatFen(toFen(r.feeDue))}</TableCell>
                <TableCell className={s.num}>{formatFen(toFen(r.feePaid))}</TableCell>
                <TableCell className={mergeClasses(s.num, diff > 0 && s.owed)}>{formatFen(diff)}</TableCell>
                <TableCell className={s.num}>{r.vouchers ?? "—"}</TableCell>
                <TableCell>
                  <div className={s.actions}>
                    {r.status !== "none" && (
                      <Button
                        size="small"
                        aria-label={`历史（${r.college}）`}
                        {...restoreFocus}
                        onClick={() => props.onHistory(r.college)}
                      >
                        历史
                      </Button>
                    )}
                    <Button
                      size="small"
                      aria-label={`登记缴费（${r.college}）`}
                      {...restoreFocus}
                      onClick={() => props.onPayment(r)}
                    >
                      登记缴费
                    </Button>
                    {r.status === "failed" && (
                      <Button
                        size="small"
                        appearance="primary"
                        aria-label={`重新发送（${r.college}）`}
                        disabled={props.retrying.has(r.college)}
                        onClick={() => props.onRetry(r.college)}
                      >
                        重新发送
                      </Button>
                    )}
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
          {props.rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={COLUMN_HEADERS.length}>没有符合条件的学院</TableCell>
            </TableRow>
          )}
          <TableRow className={s.total}>
            <TableCell>合计</TableCell>
            <TableCell>
              已提交 {t.submitted} / 共 {props.all.length} 个学院
            </TableCell>
            <TableCell>—</TableCell>
            <TableCell className={s.num}>{t.students}</TableCell>
            <TableCell>{formatBreakdown(t.byLevel)}</TableCell>
            <TableCell>{formatBreakdown(t.byMode)}</TableCell>
            <TableCell>{formatBreakdown(t.byBatch)}</TableCell>
            <TableCell className={s.num}>{formatFen(t.due)}</TableCell>
            <TableCell className={s.num}>{formatFen(t.paid)}</TableCell>
            <TableCell className={s.num}>{formatFen(t.due - t.paid)}</TableCell>
            <TableCell className={s.num}>{t.vouchers}</TableCell>
            <TableCell />
          </TableRow>
        </TableBody>
      </Table>
    </div>
  );
}
