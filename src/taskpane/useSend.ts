import { useCallback, useEffect, useRef, useState } from "react";
import type { CaptureHost, SecretaryProfile, SubmissionFile } from "../excel/hostApi";
import type { CampaignFetch } from "./campaignClient";
import { userMessage } from "./format";
import { placeRefusal, type ServerRefusal } from "./refusalRows";
import {
  describeSubmission,
  fetchStatus,
  isSettled,
  postSubmission,
  type Intent,
  type SubmissionStatus,
} from "./sendClient";
import type { PaneSettings } from "./storage";

/** The built file, with the list row of each of its rows (the server's refusal names the file's). */
export type ReadyFile = SubmissionFile;

export type SendPhase =
  | { kind: "idle" }
  | { kind: "working"; text: string }
  | { kind: "confirm"; file: ReadyFile }
  | { kind: "done"; intent: Intent; text: string };

/** Waits between status polls. The pane uses a timer; tests pass one they step explicitly. */
export type PollDelay = (ms: number) => Promise<void>;

export const timerDelay: PollDelay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SendOptions {
  host: CaptureHost;
  /** The server (settings, else the pane's origin). */
  serverUrl: string | undefined;
  /** The version of the campaign the list was checked with, sent along (undefined: the built-in one). */
  campaignVersion: string | undefined;
  /** The server's recipient, for the outcome's words. */
  submitTo: string;
  profile: SecretaryProfile | undefined;
  settings: PaneSettings;
  fetchImpl: typeof fetch;
  /** The server refused the list: its problems, moved to the list's rows, go to the problem list. */
  onServerProblems(refusal: ServerRefusal): void;
  /** The server took the list: an earlier refusal no longer stands. */
  onAccepted(): void;
  /** The server checks with a newer campaign: fetch it (the checks then run again with it). */
  onCampaignChanged(): Promise<CampaignFetch | undefined>;
  pollIntervalMs: number;
  pollAttempts: number;
  pollDelay: PollDelay;
}

/**
 * The send flow (SPEC §8): build the file → confirm (recipient, head count, fee) → upload → poll the status a
 * few times → the outcome in words. The file is built before the confirmation so it names what is sent.
 */
export function useSend(opts: SendOptions): {
  phase: SendPhase;
  prepare(skipInvalid: boolean): Promise<void>;
  confirm(): Promise<void>;
  cancel(): void;
} {
  const [phase, setPhase] = useState<SendPhase>({ kind: "idle" });
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const live = useRef(true);
  const latest = useRef(opts);
  latest.current = opts;
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const show = (p: SendPhase) => {
    // The ref first: a second click on 发送 before the re-render finds the flow already working.
    phaseRef.current = p;
    if (live.current) setPhase(p);
  };

  const prepare = useCallback(async (skipInvalid: boolean) => {
    show({ kind: "working", text: "正在生成提交名单文件…" });
    try {
      const file = await latest.current.host.submissionFile({ skipInvalid });
      if ("error" in file) show({ kind: "done", intent: "error", text: file.error });
      else show({ kind: "confirm", file });
    } catch (e) {
      show({ kind: "done", intent: "error", text: userMessage(e, "无法生成提交名单文件") });
    }
  }, []);

  const cancel = useCallback(() => show({ kind: "idle" }), []);

  const confirm = useCallback(async () => {
    const current = phaseRef.current;
    if (current.kind !== "confirm") return;
    const { file } = current;
    const { fetchImpl, settings, profile, serverUrl, pollAttempts, pollIntervalMs, pollDelay } =
      latest.current;
    if (!profile || !serverUrl) return;
    show({ kind: "working", text: `正在上传到服务器（${file.headCount} 人）…` });
    const result = await postSubmission(fetchImpl, {
      serverUrl,
      accessKey: settings.accessKey,
      fileName: file.fileName,
      bytes: file.bytes,
      college: profile.college,
      senderName: profile.secretaryName,
      senderEmail: profile.email,
      campaignVersion: latest.current.campaignVersion,
    });
    switch (result.kind) {
      case "accepted": {
        latest.current.onAccepted();
        let status: SubmissionStatus = result.submission;
        for (let i = 0; i < pollAttempts && !isSettled(status) && live.current; i++) {
          show({ kind: "working", text: `已提交，编号 ${status.id}。正在确认发送状态…` });
          await pollDelay(pollIntervalMs);
          const next = await fetchStatus(fetchImpl, serverUrl, settings.accessKey, status.id);
          // Keep what the 202 said about this upload (duplicate), take the sending state from the poll.
          if (next) status = { ...next, duplicate: status.duplicate };
        }
        show({ kind: "done", ...describeSubmission(status, latest.current.submitTo) });
        return;
      }
      case "refused": {
        if (result.campaignChanged) {
          show({ kind: "working", text: "活动配置已更新，正在读取新的活动配置…" });
          const reloaded = await latest.current.onCampaignChanged();
          show({
            kind: "done",
            intent: "warning",
            text: reloaded?.ok
              ? "活动配置已更新：研究生院修改了活动配置，名单已按新的配置重新检查。请到“检查”页再看一遍检查结果，改正后重新发送。"
              : `活动配置已更新，但未能取得新的配置（${reloaded?.message ?? "无法连接服务器"}）。请稍后重新打开任务窗格再检查。`,
          });
          return;
        }
        latest.current.onServerProblems(
          placeRefusal({
            message: result.message,
            problems: result.problems,
            summary: result.summary,
            listRows: file.listRows,
          }),
        );
        show({ kind: "done", intent: "error", text: `服务器检查发现问题：${result.message}` });
        return;
      }
      default:
        show({ kind: "done", intent: "error", text: result.message });
    }
  }, []);

  return { phase, prepare, confirm, cancel };
}
