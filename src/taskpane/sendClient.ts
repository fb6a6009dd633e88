import type { Problem } from "../domain";
import type { AcceptedBody, SubmissionStatusBody } from "../server/apiTypes";

/**
 * The pane's side of SPEC §8: upload the submission, read the answer, poll its status. Bodies:
 * src/server/apiTypes.ts.
 */

/** A submission as the server reports it (fields a client cannot count on are optional). */
export type SubmissionStatus = Pick<SubmissionStatusBody, "id" | "status" | "attempts"> &
  Partial<Omit<AcceptedBody, "id" | "status" | "attempts">>;

export interface SendRequest {
  serverUrl: string;
  accessKey: string;
  fileName: string;
  bytes: Uint8Array;
  college: string;
  senderName: string;
  senderEmail: string;
  /** The version of the campaign the pane checked with (GET /api/campaign), when it had one. */
  campaignVersion?: string;
}

/** A 422's own count of what it found (the server's check of the file it received). */
export interface RefusalSummary {
  rows: number;
  errors: number;
  warnings: number;
}

export type SendResult =
  | { kind: "accepted"; submission: SubmissionStatus }
  | { kind: "badKey"; message: string }
  | {
      kind: "refused";
      message: string;
      /** Rows of the submission file the server received (header in row 1), not of the list. */
      problems: Problem[];
      summary?: RefusalSummary;
      /** The server checks with another campaign version than the one the pane sent. */
      campaignChanged: boolean;
    }
  | { kind: "rejected"; status: number; message: string }
  | { kind: "network"; message: string };

type FetchLike = (input: string, init?: RequestInit) => Promise<Pick<Response, "status" | "json">>;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "pyk.lzu.edu.cn/" → undefined (scheme required); "https://host/base/" → "https://host/base". */
export function normalizeServerUrl(input: string): string | undefined {
  const text = input.trim();
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}

async function readJson(res: Pick<Response, "json">): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await res.json();
    return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function text(v: unknown): string | undefined {
  return typeof v === "string" && v ? v : undefined;
}

function asStatus(body: Record<string, unknown>): SubmissionStatus | undefined {
  const id = text(body.id);
  const status = body.status;
  if (!id || (status !== "queued" && status !== "sent" && status !== "failed")) return undefined;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  const delivery = body.delivery === "smtp" || body.delivery === "outbox" ? body.delivery : undefined;
  return {
    id,
    status,
    attempts: num(body.attempts) ?? 0,
    messageId: text(body.messageId),
    error: text(body.error),
    note: text(body.note),
    delivery,
    headCount: num(body.headCount),
    feeTotal: num(body.feeTotal),
    fileName: text(body.fileName),
    submitTo: text(body.submitTo),
    duplicate: body.duplicate === true,
    message: text(body.message),
  };
}

/** The server's problems, kept only when they have the shape the problem list needs. */
function asProblems(v: unknown): Problem[] {
  if (!Array.isArray(v)) return [];
  return v.filter(
    (p): p is Problem =>
      !!p &&
      typeof p === "object" &&
      typeof (p as Problem).row === "number" &&
      typeof (p as Problem).column === "string" &&
      typeof (p as Problem).code === "string" &&
      ((p as Problem).severity === "error" || (p as Problem).severity === "warning") &&
      typeof (p as Problem).message === "string",
  );
}

function asSummary(v: unknown): RefusalSummary | undefined {
  if (!v || typeof v !== "object") return undefined;
  const { rows, errors, warnings } = v as Record<string, unknown>;
  const count = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 0;
  return count(rows) && count(errors) && count(warnings)
    ? { rows: rows as number, errors: errors as number, warnings: warnings as number }
    : undefined;
}

export async function postSubmission(fetchImpl: FetchLike, req: SendRequest): Promise<SendResult> {
  const form = new FormData();
  form.append("file", new Blob([req.bytes as BlobPart], { type: XLSX_TYPE }), req.fileName);
  form.append("college", req.college);
  form.append("senderName", req.senderName);
  form.append("senderEmail", req.senderEmail);
  if (req.campaignVersion) form.append("campaignVersion", req.campaignVersion);
  let res: Pick<Response, "status" | "json">;
  try {
    res = await fetchImpl(`${req.serverUrl}/api/submissions`, {
      method: "POST",
      body: form,
      headers: { "X-Access-Key": req.accessKey },
    });
  } catch {
    return { kind: "network", message: `无法连接服务器（${req.serverUrl}），请检查网络和服务器地址` };
  }
  const body = await readJson(res);
  const serverMessage = text(body.message);
  if (res.status === 202) {
    const submission = asStatus(body);
    if (submission) return { kind: "accepted", submission };
    return { kind: "rejected", status: 202, message: "服务器的答复无法识别，请联系研究生院确认是否已收到" };
  }
  if (res.status === 401)
    return { kind: "badKey", message: "访问密钥不对：请在“设置”中核对本学院的访问密钥" };
  if (res.status === 422)
    return {
      kind: "refused",
      message: serverMessage ?? "名单中有错误，服务器拒收",
      problems: asProblems(body.problems),
      summary: asSummary(body.summary),
      campaignChanged: body.campaignChanged === true,
    };
  if (serverMessage) return { kind: "rejected", status: res.status, message: serverMessage };
  return {
    kind: "rejected",
    status: res.status,
    message: res.status >= 500 ? `服务器出错（${res.status}），请稍后再试` : `服务器拒收（${res.status}）`,
  };
}

export async function fetchStatus(
  fetchImpl: FetchLike,
  serverUrl: string,
  accessKey: string,
  id: string,
): Promise<SubmissionStatus | undefined> {
  try {
    const res = await fetchImpl(`${serverUrl}/api/submissions/${encodeURIComponent(id)}`, {
      headers: { "X-Access-Key": accessKey },
    });
    if (res.status !== 200) return undefined;
    return asStatus(await readJson(res));
  } catch {
    return undefined;
  }
}

export function isSettled(s: SubmissionStatus): boolean {
  return s.status === "sent" || s.status === "failed";
}

export type Intent = "success" | "info" | "warning" | "error";

/** The outcome in words. */
export function describeSubmission(s: SubmissionStatus, submitTo: string): { text: string; intent: Intent } {
  const head = `已提交，编号 ${s.id}`;
  const repeat = s.duplicate ? "（这份名单今天已经提交过，未重复发送）" : "";
  if (s.status === "sent" && s.delivery === "outbox") {
    return {
      text: `${head}${repeat}：${s.note ?? "服务器未配置邮件服务器，邮件已保存到服务器发件箱，由管理员转发"}`,
      intent: "success",
    };
  }
  if (s.status === "sent") {
    const mid = s.messageId ? `（邮件编号 ${s.messageId}）` : "";
    return { text: `${head}${repeat}：邮件已发送至 ${s.submitTo ?? submitTo}${mid}`, intent: "success" };
  }
  if (s.status === "failed") {
    return {
      text: `${head}${repeat}，但发送失败：${s.error ?? "原因不明"}。请联系研究生院。`,
      intent: "error",
    };
  }
  const tried = s.attempts ? `（已尝试 ${s.attempts} 次${s.error ? `：${s.error}` : ""}）` : "";
  return { text: `${head}${repeat}：已排队，服务器正在发送，失败会自动重试${tried}`, intent: "info" };
}
