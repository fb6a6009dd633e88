import { MessageBar, MessageBarBody } from "@fluentui/react-components";

export type Outcome = { intent: "success" | "info" | "warning" | "error"; text: string };

/** An outcome in words, announced to screen readers (an error at once, the rest politely). */
export function Notice({ outcome }: { outcome: Outcome | undefined }) {
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
