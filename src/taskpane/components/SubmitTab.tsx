import { useState } from "react";
import { Checkbox, Divider, makeStyles, tokens } from "@fluentui/react-components";
import type { CaptureHost } from "../../excel/hostApi";
import { sendBlocker } from "../sendReadiness";
import type { CaptureState } from "../useCapture";
import type { PaneConfig } from "../usePaneConfig";
import { useSend, type PollDelay } from "../useSend";
import { BuildSection } from "./BuildSection";
import type { CampaignFetch } from "../campaignClient";
import type { ServerRefusal } from "../refusalRows";
import { SendSection } from "./SendSection";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/** Build the submission (SPEC §5) and send it (SPEC §8). */
export function SubmitTab(props: {
  host: CaptureHost;
  capture: CaptureState;
  config: PaneConfig;
  fetchImpl: typeof fetch;
  onServerProblems(refusal: ServerRefusal): void;
  onAccepted(): void;
  onCampaignChanged(): Promise<CampaignFetch | undefined>;
  pollIntervalMs: number;
  pollAttempts: number;
  pollDelay: PollDelay;
}) {
  const s = useStyles();
  const { host, capture, config } = props;
  const [skipInvalid, setSkipInvalid] = useState(false);
  const send = useSend({
    host,
    serverUrl: config.serverUrl,
    campaignVersion: config.campaignState.version,
    submitTo: config.campaignState.submitTo,
    profile: config.profile,
    settings: config.settings,
    fetchImpl: props.fetchImpl,
    onServerProblems: props.onServerProblems,
    onAccepted: props.onAccepted,
    onCampaignChanged: props.onCampaignChanged,
    pollIntervalMs: props.pollIntervalMs,
    pollAttempts: props.pollAttempts,
    pollDelay: props.pollDelay,
  });
  const blocker = sendBlocker({
    status: capture.status,
    summary: capture.summary,
    skipInvalid,
    settings: config.settings,
    serverUrl: config.serverUrl,
    profile: config.profile,
  });
  return (
    <div className={s.root}>
      <Checkbox
        checked={skipInvalid}
        onChange={(_, data) => setSkipInvalid(data.checked === true)}
        label="跳过有错误的行（只提交没有错误的行）"
      />
      <BuildSection host={host} skipInvalid={skipInvalid} />
      <Divider />
      <SendSection
        phase={send.phase}
        blocker={blocker}
        college={config.profile?.college ?? ""}
        submitTo={config.campaignState.submitTo}
        onSend={() => void send.prepare(skipInvalid)}
        onConfirm={() => void send.confirm()}
        onCancel={send.cancel}
      />
    </div>
  );
}
