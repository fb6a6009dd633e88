import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
} from "@fluentui/react-components";
import type { ActionOutcome } from "../useAction";

const useStyles = makeStyles({
  // As wide as the pane (never as wide as its text), and long unbroken text wraps.
  bar: { alignSelf: "stretch", minWidth: 0, boxSizing: "border-box" },
  body: { overflowWrap: "anywhere", minWidth: 0 },
});

/**
 * An action's outcome in words, announced to screen readers. With `onDismiss` it has its own 关闭
 * button: the pane shows one current outcome, and the secretary can put it away.
 */
export function OutcomeText({
  outcome,
  onDismiss,
}: {
  outcome: ActionOutcome | undefined;
  onDismiss?(): void;
}) {
  const s = useStyles();
  if (!outcome) return null;
  return (
    <MessageBar
      className={s.bar}
      layout="multiline"
      intent={outcome.intent}
      role={outcome.intent === "error" ? "alert" : "status"}
    >
      <MessageBarBody className={s.body}>{outcome.text}</MessageBarBody>
      {onDismiss && (
        <MessageBarActions>
          <Button size="small" appearance="transparent" onClick={onDismiss}>
            关闭
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
