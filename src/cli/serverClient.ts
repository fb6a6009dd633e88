import { z } from "zod";
import { CampaignError, parseCampaign, type Campaign, type SecretaryProfile } from "../domain";
import { campaignAnswerSchema } from "../server/apiTypes";
import { UnusableInputError } from "./io";

/**
 * The command line as a client of the graduate school's server: the campaign it checks with
 * (GET /api/campaign) and a college's stored secretary profile (GET /api/colleges/:college/profile).
 * Every failure becomes one Chinese+English line (exit 2): the secretary learns whether the address,
 * the network, the key or the server is at fault.
 */

/** A server that accepted the connection but never answers must not hang the command. */
export const SERVER_TIMEOUT_MS = 20_000;

export interface ServedCampaign {
  campaign: Campaign;
  version: string;
  source: "file" | "default";
  loadedAt: string;
  submitTo: string;
  origin: string;
}

/** The --server value as a base URL; a path prefix (a server behind /capture/ on the proxy) is kept. */
export function serverBase(url: string): URL {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new UnusableInputError(
      `服务器地址不对：${url}（应形如 https://capture.example.edu.cn）`,
      "bad --server URL",
    );
  }
  if (base.protocol !== "http:" && base.protocol !== "https:")
    throw new UnusableInputError(
      `服务器地址不对：${url}（应以 http:// 或 https:// 开头）`,
      "bad --server URL",
    );
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  base.search = "";
  base.hash = "";
  return base;
}

/** `path` without its leading slash, resolved under the base's path. */
export function apiUrl(base: URL, path: string): URL {
  return new URL(path.replace(/^\/+/, ""), base);
}

interface JsonAnswer {
  status: number;
  body: unknown;
}

/** GETs a JSON answer; the body is `undefined` when it is not JSON. */
async function getJson(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { headers: { Accept: "application/json", ...headers }, signal });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, body };
  } catch (e) {
    if ((e as Error).name === "TimeoutError") {
      throw new UnusableInputError(
        `服务器 ${url.origin} 在 ${Math.ceil(timeoutMs / 1000)} 秒内没有回答，请稍后再试或联系研究生院`,
        "server timed out",
      );
    }
    throw new UnusableInputError(`无法连接服务器 ${url.origin}：请检查地址和网络`, "server unreachable");
  }
}

function messageOf(body: unknown): string | undefined {
  const m = (body as { message?: unknown } | undefined)?.message;
  return typeof m === "string" && m.trim() ? m.trim() : undefined;
}

function notOurServer(origin: string, what: string): UnusableInputError {
  return new UnusableInputError(
    `服务器 ${origin} 的回答看不懂（没有${what}）：地址是研究生院的名单助手服务器吗？`,
    "unexpected answer from the server",
  );
}

export async function fetchCampaign(server: string, timeoutMs = SERVER_TIMEOUT_MS): Promise<ServedCampaign> {
  const base = serverBase(server);
  const { status, body } = await getJson(apiUrl(base, "api/campaign"), {}, timeoutMs);
  if (status === 404 && body === undefined) throw notOurServer(base.origin, "活动配置");
  if (status === 404) {
    throw new UnusableInputError(
      `服务器 ${base.origin} 不提供活动配置（${messageOf(body) ?? "HTTP 404"}）：它可能是旧版本的名单助手服务器，请改用 --config 配置文件`,
      "the server has no /api/campaign",
    );
  }
  if (status !== 200) {
    throw new UnusableInputError(
      `服务器 ${base.origin} 没有给出活动配置：${messageOf(body) ?? `HTTP ${status}`}`,
      `GET /api/campaign answered ${status}`,
    );
  }
  const answer = campaignAnswerSchema.safeParse(body);
  if (!answer.success) throw notOurServer(base.origin, "活动配置");
  let campaign: Campaign;
  try {
    // Parsed again here: the command line never checks with a document nobody validated.
    campaign = parseCampaign(answer.data.campaign);
  } catch (e) {
    if (!(e instanceof CampaignError)) throw e;
    throw new UnusableInputError(
      `服务器 ${base.origin} 给出的活动配置有误：${e.issues.join("；")}`,
      "the server's campaign is invalid",
    );
  }
  return { ...answer.data, campaign, origin: base.origin };
}

const profileAnswerSchema = z.object({
  college: z.string(),
  profile: z
    .object({
      college: z.string(),
      secretaryName: z.string(),
      mobile: z.string(),
      email: z.string(),
      mailAddress: z.string(),
    })
    .nullable(),
  updatedAt: z.string().optional(),
});

/** The college's stored profile; `null` when the secretary has not saved one on the server yet. */
export async function fetchProfile(
  server: string,
  key: string,
  college: string,
  timeoutMs = SERVER_TIMEOUT_MS,
): Promise<SecretaryProfile | null> {
  const base = serverBase(server);
  const url = apiUrl(base, `api/colleges/${encodeURIComponent(college)}/profile`);
  const { status, body } = await getJson(url, { "X-Access-Key": key }, timeoutMs);
  const said = messageOf(body);
  if (status === 401) throw new UnusableInputError(said ?? "访问密钥不对", "wrong access key");
  if (status === 403)
    throw new UnusableInputError(said ?? `这个访问密钥不是“${college}”的`, "the key is another college's");
  if (status === 404 && body !== undefined)
    throw new UnusableInputError(said ?? `服务器不认识学院“${college}”`, "GET profile answered 404");
  if (status === 429) throw new UnusableInputError(said ?? "请求过于频繁，请稍后再试", "rate limited");
  if (status === 404) throw notOurServer(base.origin, "学院资料");
  if (status !== 200) {
    throw new UnusableInputError(
      `服务器 ${base.origin} 没有给出学院资料：${said ?? `HTTP ${status}`}`,
      `GET profile answered ${status}`,
    );
  }
  const answer = profileAnswerSchema.safeParse(body);
  if (!answer.success) throw notOurServer(base.origin, "学院资料");
  return answer.data.profile;
}
