import { useCallback, useState } from "react";
import { makeStyles, Tab, TabList, Text, tokens, useId } from "@fluentui/react-components";
import type { Campaign } from "../domain";
import type { CaptureHost } from "../excel/hostApi";
import { CheckTab } from "./components/CheckTab";
import { ListsTab } from "./components/ListsTab";
import { SettingsTab } from "./components/SettingsTab";
import { SubmitTab } from "./components/SubmitTab";
import type { ServerRefusal } from "./refusalRows";
import type { PaneStorage } from "./storage";
import { useCapture } from "./useCapture";
import { usePaneConfig } from "./usePaneConfig";
import { timerDelay, type PollDelay } from "./useSend";

export interface AppProps {
  /** The only way to the workbook (src/excel/hostApi.ts). */
  host: CaptureHost;
  /** Roster, captured list and pane settings (never the workbook). */
  storage: PaneStorage;
  fetchImpl?: typeof fetch;
  /** Checks with this campaign instead of the server's (tests, the preview's sample). */
  campaign?: Campaign;
  /**
   * The pane's origin when the host server served it (`npm run serve`): the server to ask when the
   * settings name none. Absent: only the address in the settings.
   */
  serverOrigin?: string;
  /** Send: status polls after the 202 (defaults: 5 polls, 2 s apart). */
  pollIntervalMs?: number;
  pollAttempts?: number;
  /** Send: how the pane waits between polls (default: a timer). */
  pollDelay?: PollDelay;
  /** Height of the problem list's viewport, px. */
  problemListHeight?: number;
}

type TabValue = "check" | "submit" | "lists" | "settings";
const TABS: { value: TabValue; label: string }[] = [
  { value: "check", label: "检查" },
  { value: "submit", label: "提交" },
  { value: "lists", label: "名单" },
  { value: "settings", label: "设置" },
];

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    minWidth: "280px",
    boxSizing: "border-box",
    fontFamily: tokens.fontFamilyBase,
  },
  header: { display: "flex", flexDirection: "column" },
  sheet: { color: tokens.colorNeutralForeground3 },
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
});

function sheetLine(capture: ReturnType<typeof useCapture>): string {
  const st = capture.status;
  if (st.kind === "starting") return "正在连接 Excel…";
  if (st.kind === "error") return "无法检查";
  return `工作表“${st.sheetName}”${st.kind === "checking" ? " · 正在检查…" : ""}`;
}

/** The task pane: four tabs over one CaptureHost. Every panel stays mounted, so drafts and a send survive a tab switch. */
export function App(props: AppProps) {
  const s = useStyles();
  const { host, storage } = props;
  const [fetchImpl] = useState<typeof fetch>(
    () => props.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)),
  );
  const capture = useCapture(host);
  const config = usePaneConfig(
    host,
    storage,
    { campaign: props.campaign, fetchImpl, origin: props.serverOrigin },
    capture.started,
  );
  const [tab, setTab] = useState<TabValue>("check");
  const [server, setServer] = useState<ServerRefusal | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const baseId = useId("pane");

  const onServerProblems = useCallback((refusal: ServerRefusal) => {
    setNotice(undefined);
    setServer(refusal);
    if (refusal.problems.length || refusal.unplaced.length) setTab("check");
  }, []);
  const onAccepted = useCallback(() => {
    setServer(undefined);
    setNotice(undefined);
  }, []);
  const reloadCampaign = config.campaignState.reload;
  const onCampaignChanged = useCallback(async () => {
    // The server's problems were found with another campaign: the re-check with the new one replaces them.
    setServer(undefined);
    const reloaded = await reloadCampaign();
    if (reloaded?.ok) {
      setNotice(
        `活动配置已更新（${reloaded.served.campaign.cohort}）：名单已按研究生院的新配置重新检查，请再看一遍检查结果。`,
      );
      setTab("check");
    }
    return reloaded;
  }, [reloadCampaign]);

  const panel = (value: TabValue, content: React.ReactNode) => (
    <div
      role="tabpanel"
      id={`${baseId}-${value}-panel`}
      aria-labelledby={`${baseId}-${value}-tab`}
      hidden={tab !== value}
    >
      {content}
    </div>
  );

  return (
    <main className={s.root} lang="zh-CN">
      <header className={s.header}>
        <Text as="h1" weight="semibold" size={400}>
          采集名单助手
        </Text>
        <Text size={200} className={s.sheet}>
          {sheetLine(capture)}
        </Text>
      </header>
      <TabList
        className={s.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, data) => setTab(data.value as TabValue)}
      >
        {TABS.map((t) => (
          <Tab
            key={t.value}
            value={t.value}
            id={`${baseId}-${t.value}-tab`}
            aria-controls={`${baseId}-${t.value}-panel`}
          >
            {t.label}
          </Tab>
        ))}
      </TabList>
      {panel(
        "check",
        <CheckTab
          host={host}
          capture={capture}
          config={config}
          server={server}
          onDismissServer={() => setServer(undefined)}
          notice={notice}
          onDismissNotice={() => setNotice(undefined)}
          onOpenLists={() => setTab("lists")}
          listHeight={props.problemListHeight}
        />,
      )}
      {panel(
        "submit",
        <SubmitTab
          host={host}
          capture={capture}
          config={config}
          fetchImpl={fetchImpl}
          onServerProblems={onServerProblems}
          onAccepted={onAccepted}
          onCampaignChanged={onCampaignChanged}
          pollIntervalMs={props.pollIntervalMs ?? 2000}
          pollAttempts={props.pollAttempts ?? 5}
          pollDelay={props.pollDelay ?? timerDelay}
        />,
      )}
      {panel("lists", <ListsTab config={config} />)}
      {panel(
        "settings",
        <SettingsTab config={config} capabilities={host.capabilities} started={capture.started} />,
      )}
    </main>
  );
}
