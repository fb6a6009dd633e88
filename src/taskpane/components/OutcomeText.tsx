import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { ActionOutcome } from "../useAction";

/** An action's outcome in words, announced to screen readers. */
export function OutcomeText({ outcome }: { outcome: ActionOutcome | undefined }) {
  if (!outcome) return null;
  return (
    <MessageBar
      layout="multiline"
      intent={outcome.intent}
      role={outcome.intent === "error" ? "alert" : "status"}
    >
      <MessageBarBody>{outcome.text}</MessageBarBody>
    </MessageBar>
  );
}
