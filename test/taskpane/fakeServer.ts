import type { CampaignInput } from "../../src/domain";
import type { SecretaryProfile } from "../../src/excel/hostApi";

/**
 * The host server's API as the pane sees it through fetchImpl: GET /api/campaign, GET/PUT
 * /api/colleges/:college/profile and POST /api/submissions (+ status polls), answered from fields the
 * test sets, every request recorded. No timers: each answer is an already-resolved promise.
 */

export interface Reply {
  status: number;
  body?: unknown;
}

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** JSON bodies parsed; FormData as given. */
  body: unknown;
}

export const LOADED_AT = "2026-09-01T08:00:00.000Z";

export function campaignReply(
  campaign: CampaignInput,
  version = "c0ffee0000000001",
  submitTo?: string,
): Reply {
  return {
    status: 200,
    body: {
      campaign,
      version,
      source: "file",
      loadedAt: LOADED_AT,
      submitTo: submitTo ?? (campaign.submitTo as string | undefined) ?? "pyk@lzu.edu.cn",
    },
  };
}

export function profileReply(profile: SecretaryProfile | null, updatedAt?: string): Reply {
  return {
    status: 200,
    body: {
      college: profile?.college ?? "",
      profile,
      ...(updatedAt ? { updatedAt } : {}),
    },
  };
}

export class FakeServer {
  readonly requests: Recorded[] = [];
  /** GET /api/campaign. */
  campaign: Reply | Error = campaignReply({});
  /** GET …/profile (null: none on the server). */
  profile: Reply | Error = profileReply(null);
  /** PUT …/profile; by default the server stores the body and answers with it. */
  put: ((body: Record<string, string>, college: string) => Reply) | Error = (body, college) =>
    profileReply({ college, ...body } as SecretaryProfile, "2026-10-20T02:30:00.000Z");
  /** POST /api/submissions and status polls, in order (the last one repeats). */
  readonly submissions: (Reply | Error)[] = [];

  readonly fetch = (async (input: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const raw = init?.body;
    const body = typeof raw === "string" ? (JSON.parse(raw) as unknown) : raw;
    const headers = { ...((init?.headers as Record<string, string> | undefined) ?? {}) };
    this.requests.push({ method, url: input, headers, body });
    const reply = this.answer(method, input, body);
    if (reply instanceof Error) throw reply;
    return { status: reply.status, json: async () => reply.body } as Response;
  }) as unknown as typeof fetch;

  /** Requests to one kind of endpoint. */
  to(kind: "campaign" | "profile" | "submissions"): Recorded[] {
    return this.requests.filter((r) => endpoint(r.url) === kind);
  }

  private answer(method: string, url: string, body: unknown): Reply | Error {
    switch (endpoint(url)) {
      case "campaign":
        return this.campaign;
      case "profile": {
        if (method === "GET") return this.profile;
        if (this.put instanceof Error) return this.put;
        const college = decodeURIComponent(/\/api\/colleges\/([^/]+)\/profile$/.exec(url)![1]);
        return this.put(body as Record<string, string>, college);
      }
      default: {
        const next = this.submissions.length > 1 ? this.submissions.shift()! : this.submissions[0];
        return next ?? { status: 500, body: { message: "测试没有准备答复" } };
      }
    }
  }
}

function endpoint(url: string): "campaign" | "profile" | "submissions" {
  if (url.endsWith("/api/campaign")) return "campaign";
  if (/\/api\/colleges\/[^/]+\/profile$/.test(url)) return "profile";
  return "submissions";
}
