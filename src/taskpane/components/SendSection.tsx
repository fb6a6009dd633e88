import { useEffect, useRef } from "react";
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { SendPhase } from "../useSend";
import { SendConfirmDialog } from "./SendConfirmDialog";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "flex-start" },
  hint: { color: tokens.colorNeutralForeground3 },
  // A reference or a server's note may hold long unbroken text: it wraps at 320 px instead of overflowing.
  wrap: { overflowWrap: "anywhere", minWidth: 0 },
  // In a column aligned to the start a bar would be as wide as its text: stretch it to the pane instead.
  bar: { alignSelf: "stretch", minWidth: 0, maxWidth: "100%", boxSizing: "border-box" },
});

/** One-click send (SPEC §8): enabled only when nothing blocks it, and the reason shown when something does. */
export function SendSection(props: {
  phase: SendPhase;
  blocker: string | undefined;
  college: string;
  submitTo: string;
  onSend(): void;
  onConfirm(): void;
  onCancel(): void;
}) {
  const s = useStyles();
  const { phase, blocker } = props;
  const working = phase.kind === "working" || phase.kind === "confirm";
  // Focus goes back to 发送 when the confirmation closes (the button stays focusable while it waits,
  // so it can take the focus back).
  const sendButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (wasConfirming.current && phase.kind !== "confirm") sendButton.current?.focus();
    wasConfirming.current = phase.kind === "confirm";
  }, [phase.kind]);
  return (
    <section className={s.root} aria-label="发送">
      <Text size={200}>把提交名单发送给研究生院（{props.submitTo}），发送前会再确认一次。</Text>
      <Button
        ref={sendButton}
        appearance="primary"
        disabled={!!blocker}
        disabledFocusable={!blocker && working}
        onClick={props.onSend}
      >
        发送到研究生院
      </Button>
      {blocker && (
        <Text size={200} className={s.hint}>
          {blocker}
        </Text>
      )}
      <div aria-live="polite">
        {phase.kind === "working" && <Spinner size="tiny" labelPosition="after" label={phase.text} />}
      </div>
      {phase.kind === "done" && (
        <MessageBar
          className={s.bar}
          layout="multiline"
          intent={phase.intent}
          role={phase.intent === "error" ? "alert" : "status"}
        >
          <MessageBarBody className={s.wrap}>{phase.text}</MessageBarBody>
        </MessageBar>
      )}
      <SendConfirmDialog
        file={phase.kind === "confirm" ? phase.file : undefined}
        college={props.college}
        submitTo={props.submitTo}
        onConfirm={props.onConfirm}
        onCancel={props.onCancel}
      />
    </section>
  );
}
