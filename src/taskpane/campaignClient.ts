import { parseCampaign, type Campaign } from "../domain";
import type { CampaignAnswer } from "../server/apiTypes";
import { userMessage } from "./format";

/**
 * GET /api/campaign: the campaign the graduate school's server checks with. The answer is parsed again
 * with parseCampaign: a client never checks a list against a document it has not validated itself.
 */

/** A campaign as the server served it (also what the pane caches for offline use). */
export interface ServedCampaign {
  /** The document as served: parsed again whenever it is read back from the cache. */
  document: Record<string, unknown>;
  campaign: Campaign;
  version: string;
  /** When the server last (re)read its campaign. */
  loadedAt: string;
  /** The one address the server sends submissions to (its SUBMIT_TO). */
  submitTo: string;
  /** When this pane fetched it (ISO). */
  fetchedAt: string;
  /** The server it came from. */
  serverUrl: string;
}

export type CampaignFetch = { ok: true; served: ServedCampaign } | { ok: false; message: string };

type FetchLike = (input: string, init?: RequestInit) => Promise<Pick<Response, "status" | "json">>;

/** How long the pane waits for the server before it checks with its cached or built-in campaign. */
export const CAMPAIGN_TIMEOUT_MS = 10_000;

function text(v: unknown): string | undefined {
  return typeof v === "string" && v ? v : undefined;
}

/** The answer's fields, checked one by one (the pane imports no server code, only its types). */
export function readServed(
  body: unknown,
  serverUrl: string,
  fetchedAt: string,
): ServedCampaign | { error: string } {
  if (!body || typeof body !== "object") return { error: "服务器的活动配置无法识别" };
  const b = body as Partial<Record<keyof CampaignAnswer, unknown>>;
  const document = b.campaign;
  const version = text(b.version);
  const submitTo = text(b.submitTo);
  if (!document || typeof document !== "object" || Array.isArray(document) || !version || !submitTo)
    return { error: "服务器的活动配置无法识别" };
  try {
    return {
      document: document as Record<string, unknown>,
      campaign: parseCampaign(document),
      version,
      loadedAt: text(b.loadedAt) ?? fetchedAt,
      submitTo,
      fetchedAt,
      serverUrl,
    };
  } catch (e) {
    return { error: userMessage(e, "服务器的活动配置有误") };
  }
}

/** Fetches and validates the served campaign; never throws. */
export async function fetchCampaign(
  fetchImpl: FetchLike,
  serverUrl: string,
  now: () => Date = () => new Date(),
): Promise<CampaignFetch> {
  const unreachable = `无法连接服务器（${serverUrl}）`;
  const abort = typeof AbortController === "function" ? new AbortController() : undefined;
  const timer = abort ? setTimeout(() => abort.abort(), CAMPAIGN_TIMEOUT_MS) : undefined;
  try {
    const res = await fetchImpl(`${serverUrl}/api/campaign`, { signal: abort?.signal });
    if (res.status !== 200)
      return {
        ok: false,
        message:
          res.status === 404
            ? `服务器（${serverUrl}）不提供活动配置`
            : `服务器答复 ${res.status}，未取得活动配置`,
      };
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { ok: false, message: "服务器的活动配置无法识别" };
    }
    const served = readServed(body, serverUrl, now().toISOString());
    return "error" in served ? { ok: false, message: served.error } : { ok: true, served };
  } catch {
    return { ok: false, message: unreachable };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
