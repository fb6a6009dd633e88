import { promises as fs } from "node:fs";
import path from "node:path";
import type { CliArgs } from "../args";
import { escapeControls } from "../escape";
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, UnusableInputError, type CliIO } from "../io";
import type { AnyBody } from "../../server/apiTypes";
import { DEFAULT_TEMPLATE, templateColumn } from "../../domain/template";
import { apiUrl, fetchProfile, serverBase } from "../serverClient";

/**
 * `send <submission.xlsx> --server URL --key KEY --college NAME [--sender-name N --sender-email E] [--wait]`:
 * uploads a list to the host server (SPEC §8) and reports the outcome in Chinese. Without --sender-*,
 * the sender is the secretary profile the college saved on the server (GET …/profile with the key).
 * Exit: 0 accepted (queued or sent); 1 refused because the list has errors, or sending failed;
 * 2 unusable invocation (no file, wrong key, server unreachable, file refused as not an xlsx or too big).
 */
export interface SendOptions {
  file: string;
  server: string;
  key: string;
  college: string;
  senderName?: string;
  senderEmail?: string;
  wait?: boolean;
}

export function sendFromArgs(args: CliArgs, io: CliIO): Promise<number> {
  const v = args.values;
  const file = args.positionals[0];
  if (!file || !v.server || !v.key || !v.college) {
    throw new UnusableInputError(
      "send 需要 <提交名单.xlsx> --server 地址 --key 密钥 --college 学院",
      "send needs FILE --server --key --college",
    );
  }
  return sendCommand(
    {
      file,
      server: v.server,
      key: v.key,
      college: v.college,
      senderName: v["sender-name"],
      senderEmail: v["sender-email"],
      wait: v.wait,
    },
    io,
  );
}

/** How long --wait polls before leaving the submission to the server's retries. */
export const WAIT_LIMIT_MS = 60_000;
const POLL_MS = 1000;

function fail(io: CliIO, zh: string, en: string): number {
  io.stderr(`${escapeControls(zh)} (${en})\n`);
  return EXIT_UNUSABLE;
}

async function readBody(res: Response): Promise<AnyBody> {
  try {
    return (await res.json()) as AnyBody;
  } catch {
    return {};
  }
}

function describeStatus(body: AnyBody): string {
  if (body.status === "sent") {
    if (body.delivery === "outbox")
      return `已保存到服务器发件箱：${body.note ?? "服务器未配置邮件服务器，由管理员转发"}`;
    return `已发送${body.messageId ? `，邮件编号 ${body.messageId}` : ""}`;
  }
  if (body.status === "failed") return `发送失败：${body.error ?? "原因不明"}`;
  const retry = body.attempts ? `（已尝试 ${body.attempts} 次${body.error ? `：${body.error}` : ""}）` : "";
  return `已排队，服务器正在发送并会自动重试${retry}`;
}

/**
 * The sender: as typed, the rest from the profile the secretary saved on the server. The profile's
 * mobile goes with the profile's name only (a typed name may be someone else's).
 */
async function resolveSender(
  opts: SendOptions,
): Promise<{ name: string; email: string; phone?: string; fromServer: boolean }> {
  if (opts.senderName && opts.senderEmail)
    return { name: opts.senderName, email: opts.senderEmail, fromServer: false };
  const stored = await fetchProfile(opts.server, opts.key, opts.college);
  if (!stored) {
    throw new UnusableInputError(
      `服务器上还没有${opts.college}的研究生秘书资料：请先在任务窗格的“设置”中保存，或用 --sender-name 和 --sender-email 给出姓名和邮箱`,
      "no stored profile; give --sender-name and --sender-email",
    );
  }
  return {
    name: opts.senderName || stored.secretaryName,
    email: opts.senderEmail || stored.email,
    phone: opts.senderName ? undefined : stored.mobile,
    fromServer: true,
  };
}

export async function sendCommand(opts: SendOptions, io: CliIO): Promise<number> {
  let base: URL;
  try {
    base = serverBase(opts.server);
  } catch (e) {
    if (e instanceof UnusableInputError) return fail(io, e.zh, e.en);
    throw e;
  }
  if (!opts.key) return fail(io, "缺少 --key：请填写本学院的访问密钥", "missing --key");
  if (!opts.college) return fail(io, "缺少 --college：请填写学院全称", "missing --college");
  const file = path.resolve(io.cwd, opts.file);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return fail(io, `无法读取文件：${opts.file}`, "cannot read the file");
  }

  let sender: Awaited<ReturnType<typeof resolveSender>>;
  try {
    sender = await resolveSender(opts);
  } catch (e) {
    if (e instanceof UnusableInputError) return fail(io, e.zh, e.en);
    throw e;
  }
  if (sender.fromServer)
    io.stdout(escapeControls(`联系人：${sender.name} <${sender.email}>（服务器上保存的学院资料）`) + "\n");

  const form = new FormData();
  form.append(
    "file",
    new Blob([new Uint8Array(bytes)], {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }),
    path.basename(file),
  );
  form.append("college", opts.college);
  form.append("senderName", sender.name);
  form.append("senderEmail", sender.email);
  if (sender.phone) form.append("senderPhone", sender.phone);
  const endpoint = apiUrl(base, "api/submissions");
  let res: Response;
  try {
    res = await fetch(endpoint, { method: "POST", body: form, headers: { "X-Access-Key": opts.key } });
  } catch {
    return fail(io, `无法连接服务器 ${base.origin}`, "server unreachable");
  }
  const body = await readBody(res);
  // The server's message already states the fact in full ("访问密钥不对…", "名单超过 … 行…"): it is printed
  // as it is; the CLI's own wording only stands in when the server gave none.
  const said = (fallback: string) => body.message ?? fallback;
  const reason = body.message ?? `HTTP ${res.status}`;
  switch (res.status) {
    case 202:
      break;
    case 401:
      return fail(io, said("访问密钥不对"), "wrong access key");
    case 422: {
      const problems = body.problems ?? [];
      io.stdout(`服务器拒收：${escapeControls(reason)}\n`);
      for (const p of problems.filter((x) => x.severity === "error")) {
        io.stdout(
          escapeControls(
            `  第 ${p.row} 行 [${templateColumn(DEFAULT_TEMPLATE, p.column)?.header ?? p.column}] ${p.message}${p.fix !== undefined ? `（建议改为：${p.fix}）` : ""}`,
          ) + "\n",
        );
      }
      return EXIT_ERRORS;
    }
    case 413:
      return fail(io, said("文件过大，服务器拒收"), "file too large");
    case 415:
      return fail(io, `服务器拒收：${reason}`, "not an xlsx workbook");
    case 429:
      return fail(io, said("提交过于频繁，请稍后再试"), "rate limited");
    default:
      return fail(io, `服务器拒收：${reason}`, `server answered ${res.status}`);
  }

  io.stdout(
    `已受理：提交编号 ${body.id}，${body.headCount ?? "?"} 人，采集费 ${body.feeTotal ?? "?"} 元，收件人 ${body.submitTo ?? "研究生院"}\n`,
  );
  if (body.duplicate) io.stdout("这份名单今天已经提交过，服务器没有重复发送邮件。\n");
  let current = body;
  if (opts.wait && current.status !== "sent" && current.status !== "failed") {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    const statusUrl = apiUrl(base, `api/submissions/${encodeURIComponent(body.id ?? "")}`);
    while (Date.now() < deadline && current.status !== "sent" && current.status !== "failed") {
      await new Promise((r) => setTimeout(r, POLL_MS));
      try {
        const r = await fetch(statusUrl, { headers: { "X-Access-Key": opts.key } });
        if (r.ok) current = await readBody(r);
      } catch {
        /* a transient network error: poll again */
      }
    }
  }
  io.stdout(`状态：${escapeControls(describeStatus(current))}\n`);
  return current.status === "failed" ? EXIT_ERRORS : EXIT_OK;
}
