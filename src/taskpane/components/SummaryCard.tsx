import { Button, Card, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import {
  defaultModeNote,
  type Campaign,
  type CollegeProfile,
  type Severity,
  type Summary,
} from "../../domain";
import { deadlineLeft, formatDateTime, formatWindow, formatYuan } from "../format";
import type { RefusalSummary } from "../sendClient";
import { ScheduleDetails } from "./ScheduleDetails";

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalM, gap: tokens.spacingVerticalS },
  stats: { display: "grid", gridTemplateColumns: "repeat(3, 1fr)", gap: tokens.spacingHorizontalS },
  stat: { display: "flex", flexDirection: "column", alignItems: "flex-start" },
  statButton: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    minWidth: 0,
    height: "auto",
    padding: `0 ${tokens.spacingHorizontalXS}`,
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalXS})`,
  },
  late: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  value: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: "1.2" },
  errors: { color: tokens.colorPaletteRedForeground1 },
  warnings: { color: tokens.colorPaletteDarkOrangeForeground1 },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  facts: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalS,
    rowGap: "2px",
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    "& dt": { color: tokens.colorNeutralForeground3 },
    "& dd": { margin: 0, minWidth: 0, overflowWrap: "anywhere" },
  },
});

function breakdown(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`);
  return parts.length ? parts.join(" · ") : "—";
}

/** The college's own slot (attachment 1) where the campaign gives one, else the whole session. */
export function captureSlotText(campaign: Campaign, college: CollegeProfile | undefined): string {
  const place = campaign.captureWindow.place;
  if (college?.captureSlot) return `${college.captureSlot} · ${place}`;
  return `${formatWindow(campaign.captureWindow.start, campaign.captureWindow.end)} · ${place}`;
}

export function SummaryCard(props: {
  summary: Summary;
  campaign: Campaign;
  /** Which campaign the list is checked with, and whose (useCampaign's campaignLine). */
  campaignLine: string;
  college: CollegeProfile | undefined;
  /** The server's count, while its refusal is what the problem list shows. */
  server?: RefusalSummary;
  /** The pane's clock (tests inject one), for the days left until the deadline. */
  now: Date;
  /** A click on the error or warning count shows only those in the problem list. */
  onShowSeverity?(severity: Severity): void;
}) {
  const s = useStyles();
  const { summary, campaign, college, server, onShowSeverity } = props;
  const fee = summary.rows * campaign.feePerPerson;
  const left = deadlineLeft(campaign.submitDeadline, props.now);
  const held = summary.rows - summary.readyRows;
  const count = (severity: Severity, n: number, label: string, className: string | false) => {
    const inner = (
      <>
        <span className={mergeClasses(s.value, n > 0 && className)}>{n}</span>
        <span className={s.label}>{label}</span>
      </>
    );
    // Only a count with something behind it filters; the button's name is its visible text.
    if (!onShowSeverity || n === 0) return <div className={s.stat}>{inner}</div>;
    return (
      <Button
        appearance="subtle"
        className={s.statButton}
        title={`问题列表只显示${label}`}
        onClick={() => onShowSeverity(severity)}
      >
        {inner}
      </Button>
    );
  };
  return (
    <Card className={s.card} aria-label="名单概况">
      <Text size={200} className={s.label}>
        {props.campaignLine}
      </Text>
      {server && <Text size={200}>本表检查的结果：</Text>}
      <div className={s.stats}>
        <div className={s.stat}>
          <span className={s.value}>{summary.rows}</span>
          <span className={s.label}>行</span>
        </div>
        {count("error", summary.errors, "错误", s.errors)}
        {count("warning", summary.warnings, "警告", s.warnings)}
      </div>
      {server && (
        <Text size={200} role="note" aria-label="服务器检查">
          {`服务器检查：${server.rows} 行，${server.errors} 个错误，${server.warnings} 个警告（下方问题列表显示的是服务器的检查结果）`}
        </Text>
      )}
      <dl className={s.facts}>
        <dt>培养层次</dt>
        <dd>{breakdown(summary.byLevel)}</dd>
        <dt>采集方式</dt>
        <dd>{breakdown(summary.byMode)}</dd>
        <dt>毕业时间</dt>
        <dd>{breakdown(summary.byBatch)}</dd>
        <dt>采集费</dt>
        <dd>
          {formatYuan(fee)}（{summary.rows} 人 × {formatYuan(campaign.feePerPerson)}）
        </dd>
        {held > 0 && (
          <>
            <dt>可提交</dt>
            <dd>
              {`${summary.readyRows} 人，${formatYuan(summary.readyRows * campaign.feePerPerson)}（有错误的 ${held} 人改正后才能提交）`}
            </dd>
          </>
        )}
        <dt>报送截止</dt>
        <dd>
          {formatDateTime(campaign.submitDeadline)}
          {left && <span className={left === "已过截止时间" ? s.late : undefined}>{`（${left}）`}</span>}
        </dd>
        <dt>本院采集</dt>
        <dd>{captureSlotText(campaign, college)}</dd>
      </dl>
      {/* A list without a 采集方式 column: said once here, not as a problem on every row. */}
      {summary.defaultMode !== undefined && <Text size={200}>{defaultModeNote(summary.defaultMode)}</Text>}
      {summary.rows > 0 && summary.errors === 0 && <Text size={200}>没有错误，可以生成提交名单。</Text>}
      <ScheduleDetails campaign={campaign} />
    </Card>
  );
}
