import type { Summary } from "../domain";
import type { HostStatus, SecretaryProfile } from "../excel/hostApi";
import type { PaneSettings } from "./storage";

/** Why "send" is not possible yet, in words (undefined: it is). The same rule enables the button. */
export function sendBlocker(args: {
  status: HostStatus;
  summary: Summary | undefined;
  skipInvalid: boolean;
  settings: PaneSettings;
  /** The server the pane talks to (settings, else its own origin). */
  serverUrl: string | undefined;
  profile: SecretaryProfile | undefined;
}): string | undefined {
  const { status, summary, skipInvalid, settings, serverUrl, profile } = args;
  if (status.kind !== "ready" || !summary) return "请先打开名单所在的工作表，等待检查完成。";
  if (summary.rows === 0) return "名单中还没有学生。";
  if (summary.errors > 0 && !skipInvalid)
    return `名单中还有 ${summary.errors} 个错误：请先改正，或勾选“跳过有错误的行”。`;
  if (summary.readyRows === 0) return "没有可以提交的行：每一行都有错误。";
  if (!serverUrl || !settings.accessKey) return "请先在“设置”中填写服务器地址和访问密钥。";
  if (!profile?.college || !profile.secretaryName || !profile.email)
    return "请先在“设置”中填写并保存学院资料（学院、秘书姓名、邮箱）。";
  return undefined;
}
