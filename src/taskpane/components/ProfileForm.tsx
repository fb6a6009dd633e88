import { useState } from "react";
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { findCollege, type Campaign } from "../../domain";
import type { SecretaryProfile } from "../../excel/hostApi";
import { trimProfile, validateProfile, type ProfileErrors } from "../../domain/profile";
import { formatDateTime } from "../format";
import { useAction } from "../useAction";
import type { ProfileSave, ServerProfileState } from "../useProfile";
import { OutcomeText } from "./OutcomeText";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", justifyContent: "flex-start" },
});

const EMPTY: SecretaryProfile = { college: "", secretaryName: "", mobile: "", email: "", mailAddress: "" };

/** A college change prefills the fields still empty or still holding the previous college's defaults. */
export function withCollege(draft: SecretaryProfile, campaign: Campaign, name: string): SecretaryProfile {
  const before = findCollege(campaign, draft.college);
  const after = findCollege(campaign, name);
  const pick = (current: string, old: string | undefined, next: string | undefined) =>
    !current || current === old ? (next ?? "") : current;
  return {
    ...draft,
    college: name,
    mailAddress: pick(draft.mailAddress, before?.mailAddress, after?.mailAddress),
    secretaryName: pick(draft.secretaryName, before?.recipient, after?.recipient),
    mobile: pick(draft.mobile, before?.recipientPhone, after?.recipientPhone),
  };
}

/** What the form says about the server's copy of the profile (nothing without a key). */
function serverNote(server: ServerProfileState): { intent: "error" | "info"; text: string } | undefined {
  if (server.kind === "error")
    return {
      intent: "error",
      text: `无法读取服务器上的学院资料：${server.message}。下面是本工作簿中的副本；保存时会先重新读取服务器上的资料，读取成功之前不会覆盖它。`,
    };
  if (server.kind === "loaded")
    return {
      intent: "info",
      text: server.exists
        ? `学院资料保存在研究生院服务器上${server.updatedAt ? `（${formatDateTime(server.updatedAt)} 更新）` : ""}。`
        : "服务器上还没有本学院的资料：保存后存到服务器上。",
    };
  return undefined;
}

/**
 * The college profile: who sends, and where off-site photos go. Kept on the server when the pane has
 * the college's key, and in workbook.settings in any case (the checks work offline).
 */
export function ProfileForm(props: {
  campaign: Campaign;
  profile: SecretaryProfile | undefined;
  server: ServerProfileState;
  onSave(profile: SecretaryProfile): Promise<ProfileSave>;
}) {
  const s = useStyles();
  const { campaign } = props;
  const [draft, setDraft] = useState<SecretaryProfile>(props.profile ?? EMPTY);
  const [errors, setErrors] = useState<ProfileErrors>({});
  const save = useAction(async () => {
    const clean = trimProfile(draft);
    const found = validateProfile(clean);
    setErrors(found);
    if (Object.keys(found).length)
      return { intent: "error" as const, text: "学院资料没有保存：请改正标出的项。" };
    const saved = await props.onSave(clean);
    if (saved.kind === "reloaded") {
      setDraft(saved.profile);
      return {
        intent: "warning" as const,
        text: "服务器上已有本学院的资料，已载入表单，没有保存：请核对后再点“保存学院资料”。",
      };
    }
    setDraft(clean);
    return {
      intent: "success" as const,
      text:
        saved.where === "server"
          ? "学院资料已保存到服务器，名单将按新的资料重新检查。"
          : "学院资料已保存，名单将按新的资料重新检查。",
    };
  }, "学院资料没有保存，请重试");

  const field = (key: keyof SecretaryProfile) => ({
    validationState: errors[key] ? ("error" as const) : ("none" as const),
    validationMessage: errors[key],
  });
  const set = (key: keyof SecretaryProfile) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const note = serverNote(props.server);

  return (
    <form
      className={s.form}
      aria-label="学院资料"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save.trigger();
      }}
    >
      {note &&
        (note.intent === "error" ? (
          <MessageBar layout="multiline" intent="error">
            <MessageBarBody>{note.text}</MessageBarBody>
          </MessageBar>
        ) : (
          <Text size={200}>{note.text}</Text>
        ))}
      <Field label="学院" required {...field("college")}>
        <Select
          value={draft.college}
          onChange={(_, data) => setDraft((d) => withCollege(d, campaign, data.value))}
        >
          <option value="">请选择学院</option>
          {campaign.colleges.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="秘书姓名" required {...field("secretaryName")}>
        <Input value={draft.secretaryName} onChange={(_, d) => set("secretaryName")(d.value)} />
      </Field>
      <Field label="手机" required hint="11 位手机号，填入异地采集行的收件人电话" {...field("mobile")}>
        <Input
          type="tel"
          inputMode="numeric"
          value={draft.mobile}
          onChange={(_, d) => set("mobile")(d.value)}
        />
      </Field>
      <Field label="邮箱" required {...field("email")}>
        <Input type="email" value={draft.email} onChange={(_, d) => set("email")(d.value)} />
      </Field>
      <Field label="邮寄地址" required hint="异地采集和补拍的照片寄到这里" {...field("mailAddress")}>
        <Textarea
          resize="vertical"
          value={draft.mailAddress}
          onChange={(_, d) => set("mailAddress")(d.value)}
        />
      </Field>
      <div className={s.actions}>
        <Button type="submit" appearance="primary" disabled={save.busy}>
          {save.busy ? "正在保存…" : "保存学院资料"}
        </Button>
      </div>
      <OutcomeText outcome={save.outcome} />
    </form>
  );
}
