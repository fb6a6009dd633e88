import { useEffect, useState } from "react";
import type { Problem, Summary } from "../domain";
import type { CaptureHost, HostStatus, HostUpdate } from "../excel/hostApi";
import { userMessage } from "./format";

export interface CaptureState {
  status: HostStatus;
  problems: Problem[];
  summary: Summary | undefined;
  /** 第 N 行's student name, when the host sends them (for the problem list's row headings). */
  rowNames: ReadonlyMap<number, string> | undefined;
  /** host.start resolved: configure and the actions may be called. */
  started: boolean;
}

const INITIAL: CaptureState = {
  status: { kind: "starting" },
  problems: [],
  summary: undefined,
  rowNames: undefined,
  started: false,
};

function namesOf(update: HostUpdate): ReadonlyMap<number, string> | undefined {
  return update.rowNames;
}

/** Starts the host once per host and turns its pushed updates into React state. */
export function useCapture(host: CaptureHost): CaptureState {
  const [state, setState] = useState<CaptureState>(INITIAL);

  useEffect(() => {
    let live = true;
    setState(INITIAL);
    host
      .start((update) => {
        if (!live) return;
        setState((s) => ({
          ...s,
          status: update.status,
          problems: update.problems,
          summary: update.summary,
          rowNames: namesOf(update),
        }));
      })
      .then(() => {
        if (live) setState((s) => ({ ...s, started: true }));
      })
      .catch((e: unknown) => {
        if (live)
          setState((s) => ({
            ...s,
            status: {
              kind: "error",
              message: userMessage(e, "无法读取当前工作表，请关闭任务窗格后重新打开"),
            },
          }));
      });
    return () => {
      live = false;
      host.dispose().catch(() => undefined);
    };
  }, [host]);

  return state;
}
