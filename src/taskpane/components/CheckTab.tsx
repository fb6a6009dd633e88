import { useCallback, useEffect, useState } from "react";
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import type { Problem, Severity } from "../../domain";
import type { CaptureHost } from "../../excel/hostApi";
import { userMessage } from "../format";
import { perform, type ActionKind, type PaneAction } from "../paneActions";
import { columnHeader, NO_FILTER, rowHeading, type ProblemFilter } from "../problemRows";
import type { ServerRefusal } from "../refusalRows";
import { useAction } from "../useAction";
import { campaignLine, campaignWarning } from "../useCampaign";
import type { CaptureState } from "../useCapture";
import type { PaneConfig } from "../usePaneConfig";
import { ActionsBar } from "./ActionsBar";
import { NoListState, RosterMissingNotice, StartingState, StatusError } from "./EmptyStates";
import { OutcomeText } from "./OutcomeText";
import { ProblemPanel } from "./ProblemPanel";
import { SummaryCard } from "./SummaryCard";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/**
 * Without live checking (ExcelApi 1.1) the pane never hears of an edit. What it can know: the secretary
 * left the pane (its window lost focus: she went to the sheet) since the last check. From then on the
 * results may be stale, until the host publishes a new check.
 */
function useLeftSinceCheck(enabled: boolean, capture: CaptureState): boolean {
  const [left, setLeft] = useState(false);
  useEffect(() => setLeft(false), [capture.problems, capture.summary]);
  useEffect(() => {
    if (!enabled) return;
    const onBlur = () => setLeft(true);
    window.addEventListener("blur", onBlur);
    return () => window.removeEventListener("blur", onBlur);
  }, [enabled]);
  return enabled && left;
}

/** The sheet at a glance: summary, what is not checked, the actions, one current outcome, the problems. */
export function CheckTab(props: {
  host: CaptureHost;
  capture: CaptureState;
  config: PaneConfig;
  server: ServerRefusal | undefined;
  onDismissServer(): void;
  /** Said once after the server's campaign changed under a send (cleared by the secretary). */
  notice?: string;
  onDismissNotice?(): void;
  onOpenLists(): void;
  now: () => Date;
  listHeight?: number;
}) {
  const s = useStyles();
  const { host, capture, config } = props;
  const { status } = capture;
  const live = host.capabilities.liveCheck;
  const hasProfile = !!config.profile;
  const [pending, setPending] = useState<PaneAction | undefined>();
  const [filter, setFilter] = useState<ProblemFilter>(NO_FILTER);
  const action = useAction((a: PaneAction) => perform(a, host, hasProfile), "操作没有完成，请重试");
  const stale = useLeftSinceCheck(!live && status.kind === "ready", capture);
  const run = useCallback(
    (a: PaneAction) => {
      setPending(a);
      void action.trigger(a);
    },
    [action],
  );
  const report = action.report;
  const onSelect = useCallback(
    (p: Problem) => {
      host.selectProblem(p).catch((e: unknown) =>
        report({
          intent: "error",
          text: `无法在表格中选中${rowHeading(p.row, undefined)}的${columnHeader(p.column)}：${userMessage(e, "Excel 没有响应")}。请直接在表格中找到这一行。`,
        }),
      );
    },
    [host, report],
  );
  const showSeverity = useCallback((severity: Severity) => setFilter({ severity, kind: "all" }), []);

  if (status.kind === "starting") return <StartingState />;
  if (status.kind === "error")
    return (
      <StatusError message={status.message} retry={capture.started ? () => host.checkNow() : undefined} />
    );
  if (status.kind === "noList")
    return <NoListState sheetName={status.sheetName} insertTemplate={() => host.insertTemplate()} />;
  const warning = campaignWarning(config.campaignState.source);
  return (
    <div className={s.root}>
      {status.kind === "checking" && <Spinner size="tiny" labelPosition="after" label="正在检查…" />}
      {props.notice && (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>{props.notice}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="transparent" size="small" onClick={props.onDismissNotice}>
              知道了
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {warning && (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>{warning}</MessageBarBody>
        </MessageBar>
      )}
      {config.configError && (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>{config.configError}</MessageBarBody>
        </MessageBar>
      )}
      {config.markingError && (
        <MessageBar layout="multiline" intent="warning" role="alert">
          <MessageBarBody>{config.markingError}</MessageBarBody>
        </MessageBar>
      )}
      {config.profileLoaded && !config.roster && <RosterMissingNotice onOpenLists={props.onOpenLists} />}
      {capture.summary && (
        <SummaryCard
          summary={capture.summary}
          campaign={config.campaign}
          campaignLine={campaignLine(config.campaignState)}
          college={config.college}
          server={props.server?.summary}
          now={props.now()}
          onShowSeverity={props.server ? undefined : showSeverity}
        />
      )}
      {stale && (
        <MessageBar layout="multiline" intent="warning" role="status">
          <MessageBarBody>
            结果可能已过期：离开任务窗格后表格可能已改动，编辑后请点“重新检查”。
          </MessageBarBody>
        </MessageBar>
      )}
      <ActionsBar live={live} busy={action.busy} pending={pending} run={(k: ActionKind) => run(k)} />
      <OutcomeText outcome={action.outcome} onDismiss={action.clear} />
      <ProblemPanel
        problems={capture.problems}
        rowNames={capture.rowNames}
        onSelect={onSelect}
        onApply={(p) => run({ apply: p })}
        applying={action.busy}
        filter={filter}
        onFilterChange={setFilter}
        rows={capture.summary?.rows}
        headerRow={status.kind === "ready" ? status.headerRow : undefined}
        live={live}
        server={props.server}
        onDismissServer={props.onDismissServer}
        height={props.listHeight}
      />
    </div>
  );
}
