import { parseArgs } from "node:util";
import { MAX_SHEET_ROWS } from "../files/readErrors";
import { UnusableInputError } from "./io";

export type CommandName =
  "check" | "fill" | "build" | "template" | "keygen" | "send" | "campaign" | "merge" | "help";

export interface CliArgs {
  command: CommandName;
  positionals: string[];
  values: {
    roster?: string;
    captured?: string;
    config?: string;
    college?: string;
    format?: string;
    output?: string;
    csv?: string;
    annotated?: string;
    "skip-invalid"?: boolean;
    keys?: string;
    desk?: boolean;
    name?: string;
    campaign?: string;
    server?: string;
    key?: string;
    "sender-name"?: string;
    "sender-email"?: string;
    wait?: boolean;
    help?: boolean;
  };
}

const OPTIONS = {
  roster: { type: "string" },
  captured: { type: "string" },
  config: { type: "string" },
  college: { type: "string" },
  format: { type: "string" },
  output: { type: "string", short: "o" },
  csv: { type: "string" },
  annotated: { type: "string" },
  "skip-invalid": { type: "boolean" },
  keys: { type: "string" },
  desk: { type: "boolean" },
  name: { type: "string" },
  campaign: { type: "string" },
  server: { type: "string" },
  key: { type: "string" },
  "sender-name": { type: "string" },
  "sender-email": { type: "string" },
  wait: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** Which options each command takes: anything else is a usage error, not silently ignored. */
export const ALLOWED: Record<CommandName, readonly string[]> = {
  check: ["roster", "captured", "config", "server", "key", "college", "format"],
  fill: ["config", "server", "key", "college", "output", "roster", "captured"],
  build: [
    "roster",
    "captured",
    "config",
    "server",
    "key",
    "college",
    "output",
    "annotated",
    "skip-invalid",
    "format",
  ],
  template: ["config", "server", "output"],
  keygen: ["college", "keys", "campaign", "desk", "name"],
  send: ["server", "key", "college", "sender-name", "sender-email", "wait"],
  campaign: [],
  merge: ["config", "output", "csv"],
  help: [],
};

export const USAGE = `用法 (usage): npm run --silent cli -- <命令> …

  check <名单> [--roster 学籍名单] [--captured 已采集名单] [--config 配置.json | --server 地址 [--key 密钥]] [--college 学院] [--format text|json]
        检查名单，报告每一行的问题
  fill <名单> --college 学院 [--config 配置.json | --server 地址 [--key 密钥]] [--roster 学籍名单] [--captured 已采集名单] -o 输出.xlsx
        为“异地采集”“补拍”的学生填写学院的邮寄地址、收件人和电话
  build <名单> [同 check 的选项] -o 提交名单.xlsx [--annotated 标注副本.xlsx] [--skip-invalid]
        生成可提交的名单（只含没有错误的行）
  template -o 模板.xlsx [--config 配置.json | --server 地址]
        生成空白名单模板（文本格式的证件号列、下拉列表）
  keygen --college 学院|--desk [--name 使用人] --keys 密钥文件.json [--campaign 活动配置.json]
        为学院生成新的提交密钥（文件中只保存其 scrypt 哈希）；学院须在服务器所用的活动配置中
        （--campaign，或环境变量 CAMPAIGN；都没有时用内置学院列表）。
        --desk：为研究生院的工作台（/desk.html）生成密钥，它不能替学院提交；--name 写进下载记录（默认“研究生院”）
  send <提交名单.xlsx> --server 地址 --key 密钥 --college 学院 [--sender-name 姓名 --sender-email 邮箱] [--wait]
        把名单提交到研究生院的服务器；不写 --sender-* 时用服务器上保存的本学院秘书资料
  campaign check <活动配置.json>
        检查研究生院的活动配置文件，并列出它的含义（日期、费用、学院及其采集时段和邮寄地址）
  merge <文件夹> -o 合并名单.xlsx [--csv 合并名单.csv] [--config 配置.json]
        研究生院合并各学院的提交名单（文件夹中的 .xlsx、.xls、.csv），报告同一学生出现在两个学院

--config 和 --server 二选一：本机的活动配置文件，或研究生院服务器正在使用的活动配置（与任务窗格相同）；
有 --key 和 --college 时，邮寄信息用服务器上保存的本学院秘书资料。都不写时用内置的活动配置。

<名单> 可以是 .xlsx、.xls、.csv 或 .txt，最多 ${MAX_SHEET_ROWS} 行。退出码：0 没有错误；1 有错误（或拒绝生成）；2 输入无法使用。`;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UnusableInputError(`命令行参数有误：${(e as Error).message}`, "bad command-line arguments");
  }
  const [command, ...positionals] = parsed.positionals;
  if (!command || parsed.values.help || command === "help")
    return { command: "help", positionals: [], values: {} };
  if (!(command in ALLOWED)) {
    throw new UnusableInputError(
      `未知的命令“${command}”，可用：check、fill、build、template、keygen、send、campaign、merge`,
      `unknown command "${command}"`,
    );
  }
  const name = command as CommandName;
  for (const key of Object.keys(parsed.values)) {
    if (!ALLOWED[name].includes(key)) {
      throw new UnusableInputError(
        `命令 ${name} 不接受选项 --${key}`,
        `option --${key} is not valid for ${name}`,
      );
    }
  }
  return { command: name, positionals, values: parsed.values as CliArgs["values"] };
}
