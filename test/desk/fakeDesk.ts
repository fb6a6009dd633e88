import type { DeskFetch, DeskResponse } from "../../src/desk/deskApi";

/**
 * The desk API as the page sees it through its injected fetch: answers the test sets per
 * "METHOD /path", the desk key checked on every /api/desk/ request, every request recorded.
 * No timers: each answer is an already-resolved promise.
 */

export interface Reply {
  status: number;
  body?: unknown;
  /** For downloads. */
  blob?: Blob;
  headers?: Record<string, string>;
}

export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** JSON bodies parsed. */
  body: unknown;
}

export const DESK_KEY = "desk-0123456789abcdef";

export class FakeDesk {
  readonly requests: Recorded[] = [];
  readonly replies = new Map<string, Reply | ((r: Recorded) => Reply)>();
  /** Every request then fails as a dropped connection does. */
  unreachable = false;
  key = DESK_KEY;
  private readonly waiters: { route: string; seen: number; resolve: (r: Recorded) => void }[] = [];

  on(route: string, reply: Reply | ((r: Recorded) => Reply)): this {
    this.replies.set(route, reply);
    return this;
  }

  /** The requests made on a route ("POST /api/desk/reminders"). */
  made(route: string): Recorded[] {
    return this.requests.filter((r) => `${r.method} ${r.path}` === route);
  }

  /** Resolves when the route has been requested `count` times in all (at once if it already has). */
  called(route: string, count = 1): Promise<Recorded> {
    const made = this.made(route);
    if (made.length >= count) return Promise.resolve(made[count - 1]);
    return new Promise((resolve) => this.waiters.push({ route, seen: count, resolve }));
  }

  readonly fetch: DeskFetch = async (url, init = {}) => {
    if (this.unreachable) throw new TypeError("Failed to fetch");
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const method = (init.method ?? "GET").toUpperCase();
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : init.body;
    const rec: Recorded = { method, path: url, headers, body };
    this.requests.push(rec);
    const route = `${method} ${url}`;
    let reply: Reply;
    if (url.startsWith("/api/desk/") && headers["X-Access-Key"] !== this.key)
      reply = { status: 401, body: { status: 401, message: "访问密钥无效" } };
    else {
      const r = this.replies.get(route);
      reply =
        typeof r === "function"
          ? r(rec)
          : (r ?? { status: 404, body: { status: 404, message: "没有这个地址" } });
    }
    const n = this.made(route).length;
    for (const w of this.waiters.filter((x) => x.route === route && x.seen === n)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(rec);
    }
    return response(reply);
  };
}

function response(reply: Reply): DeskResponse {
  const headers = new Map(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status: reply.status,
    json: () =>
      reply.body === undefined
        ? Promise.reject(new SyntaxError("Unexpected end of JSON input"))
        : Promise.resolve(reply.body),
    blob: () => Promise.resolve(reply.blob ?? new Blob([JSON.stringify(reply.body ?? "")])),
    headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
  };
}
