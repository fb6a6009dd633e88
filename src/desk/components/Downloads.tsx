import { useState } from "react";
import { Button } from "@fluentui/react-components";
import type { DeskApi } from "../deskApi";
import type { Outcome } from "./Notice";

/**
 * The merged list for Xinhua. A plain link cannot carry the key header, so the file is fetched with it
 * and handed to the browser as a Blob.
 */
export function Downloads(props: {
  api: DeskApi;
  saveFile(blob: Blob, fileName: string): void;
  onOutcome(outcome: Outcome): void;
}) {
  const [busy, setBusy] = useState<"xlsx" | "csv" | undefined>();

  async function download(kind: "xlsx" | "csv") {
    if (busy) return;
    setBusy(kind);
    const answer = await props.api.download(kind);
    setBusy(undefined);
    if (!answer.ok) {
      props.onOutcome({ intent: "error", text: answer.message });
      return;
    }
    props.saveFile(answer.value.blob, answer.value.fileName);
    props.onOutcome({ intent: "success", text: `已下载 ${answer.value.fileName}` });
  }

  return (
    <>
      <Button disabled={!!busy} onClick={() => void download("xlsx")}>
        {busy === "xlsx" ? "正在下载…" : "下载合并名单（Excel）"}
      </Button>
      <Button disabled={!!busy} onClick={() => void download("csv")}>
        {busy === "csv" ? "正在下载…" : "下载合并名单（CSV）"}
      </Button>
    </>
  );
}
