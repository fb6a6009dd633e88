import { useState } from "react";
import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { normalizeServerUrl } from "../sendClient";
import type { PaneSettings } from "../storage";
import { useAction } from "../useAction";
import { OutcomeText } from "./OutcomeText";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

/** Where "send" goes and the college's access key (kept in the pane's storage on this computer). */
export function ServerSettings(props: {
  settings: PaneSettings;
  /** The server used when the address is left empty (the one that served the pane). */
  origin?: string;
  onSave(settings: PaneSettings): void;
}) {
  const s = useStyles();
  const [server, setServer] = useState(props.settings.serverUrl);
  const [key, setKey] = useState(props.settings.accessKey);
  const [serverError, setServerError] = useState<string | undefined>();
  const save = useAction(async () => {
    const url = server.trim() ? normalizeServerUrl(server) : "";
    if (url === undefined) {
      setServerError("地址应以 https:// 或 http:// 开头，例如 https://pyk.example.edu.cn");
      return { intent: "error" as const, text: "发送设置没有保存：服务器地址不对。" };
    }
    setServerError(undefined);
    props.onSave({ ...props.settings, serverUrl: url, accessKey: key.trim() });
    setServer(url);
    return { intent: "success" as const, text: "发送设置已保存。" };
  }, "发送设置没有保存");
  return (
    <form
      className={s.form}
      aria-label="发送设置"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save.trigger();
      }}
    >
      <Field
        label="服务器地址"
        hint={props.origin ? `研究生院提供的地址；留空则使用 ${props.origin}` : "研究生院提供的地址"}
        validationState={serverError ? "error" : "none"}
        validationMessage={serverError}
      >
        <Input type="url" value={server} onChange={(_, d) => setServer(d.value)} />
      </Field>
      <Field label="访问密钥" hint="研究生院发给本学院的密钥，只保存在本机">
        <Input type="password" autoComplete="off" value={key} onChange={(_, d) => setKey(d.value)} />
      </Field>
      <div>
        <Button type="submit" disabled={save.busy}>
          保存发送设置
        </Button>
      </div>
      <OutcomeText outcome={save.outcome} />
    </form>
  );
}
