import { useEffect, useRef, useState } from "react";
import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { createDeskApi, type CollegeRow, type DeskFetch } from "../deskApi";
import { Notice } from "./Notice";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    maxWidth: "26rem",
    margin: "10vh auto 0",
    padding: tokens.spacingHorizontalXL,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

/**
 * The desk key is checked by reading the colleges' table with it: a key the server refuses never
 * reaches the session's storage, and the table it unlocks is shown without a second request.
 */
export function SignIn(props: {
  fetchImpl: DeskFetch;
  baseUrl?: string;
  /** Why the page came back here (a key the server stopped accepting). */
  notice?: string;
  onSignedIn(key: string, colleges: CollegeRow[]): void;
}) {
  const s = useStyles();
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(props.notice);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  async function submit() {
    const trimmed = key.trim();
    if (!trimmed) {
      setError("请输入研究生院的访问密钥");
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const api = createDeskApi({ fetchImpl: props.fetchImpl, baseUrl: props.baseUrl, accessKey: trimmed });
    const answer = await api.colleges();
    setBusy(false);
    if (answer.ok) {
      props.onSignedIn(trimmed, answer.value);
      return;
    }
    setError(answer.message);
    input.current?.focus();
  }

  return (
    <form
      className={s.form}
      aria-labelledby="desk-signin-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <h1 id="desk-signin-title" className={s.title}>
        研究生院 · 采集名单汇总
      </h1>
      <Field label="研究生院访问密钥" hint="密钥只保存在本标签页中，关闭标签页或点击“退出”后清除">
        <Input
          ref={input}
          type="password"
          autoComplete="off"
          value={key}
          onChange={(_, d) => setKey(d.value)}
        />
      </Field>
      <Button type="submit" appearance="primary" disabled={busy}>
        {busy ? "正在登录…" : "登录"}
      </Button>
      <Notice outcome={error ? { intent: "error", text: error } : undefined} />
    </form>
  );
}
