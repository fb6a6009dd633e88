import type { Breakdown, SendStatus } from "./deskApi";

/**
 * How the desk writes statuses, money, head counts, the countdown and ID numbers. Times are China time
 * (UTC+8 all year), whatever zone the desk's machine is in; money is added in 分 so that totals are exact.
 */

export const STATUS_LABELS: Record<SendStatus, string> = {
  none: "未提交",
  queued: "已提交 · 待发送",
  sent: "已发送",
  failed: "发送失败",
};

/** A submission in a college's history is always submitted: only its sending state is news. */
export const SUBMISSION_STATUS_LABELS: Record<Exclude<SendStatus, "none">, string> = {
  queued: "待发送",
  sent: "已发送",
  failed: "发送失败",
};

const CHINA_OFFSET_MS = 8 * 3600_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "2026-10-30T03:00:00Z" → "2026年10月30日 11:00" (China time); what cannot be read is shown as sent. */
export function formatChinaTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const t = new Date(ms + CHINA_OFFSET_MS);
  return (
    `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ` +
    `${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}`
  );
}

/** 元 → 分, rounded (0.1 + 0.2 must not become 0.30000000000000004 元). */
export const toFen = (yuan: number): number => Math.round(yuan * 100);

/** 分 → "1,300.00" (a minus sign for a negative amount). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "−" : "";
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${whole}.${pad2(abs % 100)}`;
}

export const formatYuan = (yuan: number): string => formatFen(toFen(yuan));

/** {"博士": 3, "硕士": 10} → "博士 3、硕士 10"; nothing to count → "—". */
export function formatBreakdown(b: Breakdown | undefined): string {
  const parts = b ? Object.entries(b).filter(([, n]) => n > 0) : [];
  return parts.length ? parts.map(([k, n]) => `${k} ${n}`).join("、") : "—";
}

/** Sums breakdowns key by key, keys in first-seen order. */
export function addBreakdowns(list: readonly (Breakdown | undefined)[]): Breakdown {
  const out: Breakdown = {};
  for (const b of list) if (b) for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/** "还剩 3 天 5 小时" until the deadline, "已过截止时间" from it on; whole hours, rounded down. */
export function countdown(deadlineIso: string, nowMs: number): string | undefined {
  const deadline = Date.parse(deadlineIso);
  if (Number.isNaN(deadline)) return undefined;
  const left = deadline - nowMs;
  if (left <= 0) return "已过截止时间";
  const hours = Math.floor(left / 3600_000);
  if (hours === 0) return "还剩不到 1 小时";
  return `还剩 ${Math.floor(hours / 24)} 天 ${hours % 24} 小时`;
}

/**
 * An ID number with its middle hidden (on screen the desk shows every college's students): an
 * 18- or 15-digit resident ID keeps its first 6 and last 4 characters, a shorter document number its
 * first and last 2, a very short one nothing.
 */
export function maskIdNumber(id: string): string {
  const v = id.trim();
  const [head, tail] = v.length >= 15 ? [6, 4] : v.length >= 6 ? [2, 2] : [0, 0];
  return v.slice(0, head) + "*".repeat(v.length - head - tail) + v.slice(v.length - tail);
}
