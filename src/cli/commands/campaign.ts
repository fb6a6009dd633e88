import { CampaignError, parseCampaignJson } from "../../domain";
import type { CliArgs } from "../args";
import { describeCampaign } from "../campaignText";
import { escapeControls } from "../escape";
import { EXIT_OK, EXIT_UNUSABLE, UnusableInputError, type CliIO } from "../io";
import { readBytes } from "../readInput";

/**
 * `campaign check FILE`: validates the graduate school's campaign file with the engine's own parser and
 * prints what it means. Exit 0 when valid (warnings do not change that), 2 when invalid, naming every
 * wrong key, so a script can refuse to install a file before the server ever reads it.
 */
export async function campaignCommand(args: CliArgs, io: CliIO): Promise<number> {
  const [sub, file, ...rest] = args.positionals;
  if (sub !== "check") {
    throw new UnusableInputError(
      sub === undefined
        ? "campaign 需要子命令：campaign check 配置文件.json"
        : `campaign 没有子命令“${sub}”，可用：check`,
      "usage: campaign check FILE",
    );
  }
  if (!file || rest.length) {
    throw new UnusableInputError(
      "用法：campaign check 配置文件.json（一个文件）",
      "usage: campaign check FILE",
    );
  }
  const text = new TextDecoder("utf-8").decode(await readBytes(io.cwd, file, "活动配置"));
  const print = (lines: string[]) => io.stdout(lines.map(escapeControls).join("\n") + "\n");
  try {
    const campaign = parseCampaignJson(text);
    // Valid JSON by now: the raw document says which colleges the file itself lists.
    const doc: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
    const { lines, warnings } = describeCampaign(campaign, doc);
    const out = [`活动配置 ${file} 有效，含义如下：`, ...lines];
    if (warnings.length)
      out.push("", `请留意（${warnings.length} 处）：`, ...warnings.map((w) => `  - ${w}`));
    print(out);
    return EXIT_OK;
  } catch (e) {
    if (!(e instanceof CampaignError)) throw e;
    print([
      `活动配置 ${file} 有误（${e.issues.length} 处），服务器不会采用它：`,
      ...e.issues.map((i) => `  - ${i}`),
    ]);
    return EXIT_UNUSABLE;
  }
}
