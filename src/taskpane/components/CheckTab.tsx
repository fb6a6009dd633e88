import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from "@fluentui/react-components";
import type { CaptureHost } from "../../excel/hostApi";
import type { ServerRefusal } from "../refusalRows";
import { campaignLine, campaignWarning } from "../useCampaign";
import type { CaptureState } from "../useCapture";
import type { PaneConfig } from "../usePaneConfig";
import { ActionsBar } from "./ActionsBar";
import { NoListState, RosterMissingNotice, StartingState, StatusError } from "./EmptyStates";
import { ProblemPanel } from "./ProblemPanel";
import { SummaryCard } from "./SummaryCard";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/** The sheet at a glance: summary, what is not checked, the actions, and the problems. */
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
  listHeight?: number;
}) {
  const s = useStyles();
  const { host, capture, config } = props;
  const { status } = capture;
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
          <MessageBarBody>
            {props.notice}
            <Button appearance="transparent" size="small" onClick={props.onDismissNotice}>
              知道了
            </Button>
          </MessageBarBody>
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
      {config.profileLoaded && !config.roster && <RosterMissingNotice onOpenLists={props.onOpenLists} />}
      {capture.summary && (
        <SummaryCard
          summary={capture.summary}
          campaign={config.campaign}
          campaignLine={campaignLine(config.campaignState)}
          college={config.college}
          server={props.server?.summary}
        />
      )}
      <ActionsBar host={host} hasProfile={!!config.profile} />
      <ProblemPanel
        problems={capture.problems}
        rowNames={capture.rowNames}
        onSelect={(p) => void host.selectProblem(p).catch(() => undefined)}
        server={props.server}
        onDismissServer={props.onDismissServer}
        height={props.listHeight}
      />
    </div>
  );
}
