import { useCallback, useEffect, useState } from "react";
import { Button, makeStyles, Spinner, Switch, Tab, TabList, tokens } from "@fluentui/react-components";
import type { CampaignFacts, CollegeRow, DeskApi } from "../deskApi";
import type { DeskClock } from "../environment";
import { AuditPanel } from "./AuditPanel";
import { CollegeTable } from "./CollegeTable";
import { Deadline } from "./Deadline";
import { Downloads } from "./Downloads";
import { DuplicatesPanel } from "./DuplicatesPanel";
import { HistoryDialog } from "./HistoryDialog";
import { Notice, type Outcome } from "./Notice";
import { PaymentDialog } from "./PaymentDialog";
import { Reminders } from "./Reminders";
import { SchoolListsPanel } from "./SchoolListsPanel";

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
  },
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, flexGrow: 1 },
  toolbar: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

type Panel = "colleges" | "duplicates" | "schoolLists" | "audit";

export interface DeskPageProps {
  api: DeskApi;
  clock: DeskClock;
  saveFile(blob: Blob, fileName: string): void;
  /** The table the sign-in already read (no second request). */
  initial?: CollegeRow[];
  onSignOut(): void;
}

/** The signed-in desk: deadline, the colleges' table with its actions, duplicates and the audit list. */
export function DeskPage(props: DeskPageProps) {
  const s = useStyles();
  const { api } = props;
  const [colleges, setColleges] = useState<CollegeRow[] | undefined>(props.initial);
  const [loadError, setLoadError] = useState<string | undefined>();
  const [campaign, setCampaign] = useState<CampaignFacts | undefined>();
  const [campaignError, setCampaignError] = useState<string | undefined>();
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [panel, setPanel] = useState<Panel>("colleges");
  const [history, setHistory] = useState<string | undefined>();
  const [payment, setPayment] = useState<CollegeRow | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [retrying, setRetrying] = useState<ReadonlySet<string>>(new Set());

  const refresh = useCallback(async () => {
    const answer = await api.colleges();
    if (answer.ok) {
      setColleges(answer.value);
      setLoadError(undefined);
    } else setLoadError(answer.message);
  }, [api]);

  useEffect(() => {
    if (!props.initial) void refresh();
    void api.campaign().then((answer) => {
      if (answer.ok) setCampaign(answer.value);
      else setCampaignError(answer.message);
    });
    // Once per sign-in: the api changes only with the key.
  }, [api, refresh, props.initial]);

  async function retry(college: string) {
    setRetrying((r) => new Set(r).add(college));
    const answer = await api.retry(college);
    setRetrying((r) => {
      const next = new Set(r);
      next.delete(college);
      return next;
    });
    setOutcome(
      answer.ok
        ? { intent: "success", text: `${college}：${answer.value || "已重新排队发送"}` }
        : { intent: "error", text: answer.message },
    );
    if (answer.ok) await refresh();
  }

  const rows = colleges && onlyMissing ? colleges.filter((c) => c.status === "none") : colleges;

  return (
    <main className={s.page}>
      <header className={s.header}>
        <h1 className={s.title}>研究生院 · 采集名单汇总{campaign?.cohort ? `（${campaign.cohort}）` : ""}</h1>
        <Button onClick={props.onSignOut}>退出</Button>
      </header>
      <Deadline deadline={campaign?.submitDeadline} clock={props.clock} problem={campaignError} />
      <div className={s.toolbar}>
        <Button onClick={() => void refresh()}>刷新</Button>
        <Reminders api={api} onOutcome={setOutcome} />
        <Downloads api={api} saveFile={props.saveFile} onOutcome={setOutcome} />
      </div>
      <Notice outcome={outcome} />
      <TabList selectedValue={panel} onTabSelect={(_, d) => setPanel(d.value as Panel)}>
        <Tab value="colleges">各学院</Tab>
        <Tab value="duplicates">跨学院重复</Tab>
        <Tab value="schoolLists">全校名单</Tab>
        <Tab value="audit">操作记录</Tab>
      </TabList>
      {panel === "colleges" && (
        <section aria-label="各学院">
          <Switch
            label="只看未提交的学院"
            checked={onlyMissing}
            onChange={(_, d) => setOnlyMissing(d.checked)}
          />
          {loadError && <Notice outcome={{ intent: "error", text: loadError }} />}
          {!rows && !loadError && <Spinner size="small" label="正在读取各学院的提交情况…" />}
          {rows && colleges && (
            <CollegeTable
              rows={rows}
              all={colleges}
              retrying={retrying}
              onHistory={setHistory}
              onPayment={setPayment}
              onRetry={(college) => void retry(college)}
            />
          )}
        </section>
      )}
      {panel === "duplicates" && (
        <section aria-label="跨学院重复">
          <DuplicatesPanel api={api} />
        </section>
      )}
      {panel === "schoolLists" && (
        <section aria-label="全校名单">
          <SchoolListsPanel api={api} />
        </section>
      )}
      {panel === "audit" && (
        <section aria-label="操作记录">
          <AuditPanel api={api} />
        </section>
      )}
      <HistoryDialog
        api={api}
        college={history}
        saveFile={props.saveFile}
        onClose={() => setHistory(undefined)}
      />
      <PaymentDialog
        api={api}
        row={payment}
        onClose={() => setPayment(undefined)}
        onSaved={(text) => {
          setPayment(undefined);
          setOutcome({ intent: "success", text });
          void refresh();
        }}
      />
    </main>
  );
}
