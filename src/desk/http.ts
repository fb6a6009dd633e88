/**
 * What every desk request shares: the answer as the page reads it, field checks, and a refusal in
 * Chinese. The paths and JSON shapes themselves live in deskApi.ts.
 */

export const MESSAGES = {
  unreachable: "无法连接服务器",
  wrongKey: "密钥不对",
  unreadable: "服务器的答复无法识别",
} as const;

/** What the page needs of a fetch answer (a real Response fits). */
export interface DeskResponse {
  status: number;
  json(): Promise<unknown>;
  blob(): Promise<Blob>;
  headers: { get(name: string): string | null };
}
export type DeskFetch = (url: string, init?: RequestInit) => Promise<DeskResponse>;

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const num = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? v : undefined;
export const CJK = /[\u3400-\u9fff]/;

/** undefined: the value is not a list whose every item the reader accepts. */
export function listOf<T>(v: unknown, read: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: T[] = [];
  for (const item of v) {
    const r = read(item);
    if (r === undefined) return undefined;
    out.push(r);
  }
  return out;
}

/** The answer's own message when it is Chinese; a plain Chinese sentence otherwise (never English or a stack). */
export function refusal(status: number, body: unknown): string {
  if (status === 401 || status === 403) return MESSAGES.wrongKey;
  const message = isObj(body) ? str(body.message) : undefined;
  if (message && CJK.test(message)) return message;
  if (status === 404) return "服务器没有这项功能（404），请确认服务器已更新";
  return status >= 500 ? `服务器出错（${status}），请稍后再试` : `服务器拒绝了请求（${status}）`;
}

export async function bodyOf(res: DeskResponse): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

/** "attachment; filename*=UTF-8''%E5%90%88….xlsx" or filename="…" → the name; undefined otherwise. */
export function fileNameFrom(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1].trim() || undefined;
}
