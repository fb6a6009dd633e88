import { rowsText } from "../domain/messages.zh-CN";
/**
 * How the pane writes dates, money and row lists in Chinese. Campaign times are China time (UTC+8 all
 * year, no daylight saving), so they are shown the same whatever time zone the secretary's machine has.
 */

const CHINA_OFFSET_MS = 8 * 3600_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Parts {
  y: number;
  m: number;
  d: number;
  time?: string;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function partsOf(iso: string): Parts | undefined {
  const dateOnly = DATE_ONLY.exec(iso);
  if (dateOnly) return { y: Number(dateOnly[1]), m: Number(dateOnly[2]), d: Number(dateOnly[3]) };
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const t = new Date(ms + CHINA_OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    time: `${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}`,
  };
}

/** "2017-10-30T11:00:00+08:00" → "2017年10月30日 11:00"; "2018-04-14" → "2018年4月14日". */
export function formatDateTime(iso: string): string {
  const p = partsOf(iso);
  if (!p) return iso;
  return `${p.y}年${p.m}月${p.d}日${p.time ? ` ${p.time}` : ""}`;
}

/** A window, without repeating the year (or the day) the end shares with the start. */
export function formatWindow(startIso: string, endIso: string): string {
  const s = partsOf(startIso);
  const e = partsOf(endIso);
  if (!s || !e) return `${startIso} 至 ${endIso}`;
  const start = formatDateTime(startIso);
  const sameDay = s.y === e.y && s.m === e.m && s.d === e.d;
  if (sameDay && e.time) return `${start}–${e.time}`;
  const endDate = s.y === e.y ? `${e.m}月${e.d}日` : `${e.y}年${e.m}月${e.d}日`;
  return `${start} 至 ${endDate}${e.time ? ` ${e.time}` : ""}`;
}

export function formatYuan(amount: number): string {
  return `${Number.isInteger(amount) ? amount : amount.toFixed(2)} 元`;
}

/** "第 8、12 行"; long lists are cut (the pane names fewer rows than the command line). One wording: rowsText. */
export function formatRows(rows: readonly number[], max = 8): string {
  return rowsText(rows, max);
}

const CJK = /[\u3400-\u9fff]/;

/**
 * The text to show for a failure: the Chinese part of our own errors ("中文原因 (English reason)"),
 * never a stack trace or an English library message.
 */
export function userMessage(error: unknown, fallback: string): string {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  if (!CJK.test(message)) return fallback;
  return message.replace(/\s*\([ -~]*\)\s*$/, "");
}

const DAY_MS = 86_400_000;

/**
 * How long until a deadline, for the summary: "还剩 3 天", "今天截止" (less than a day) or
 * "已过截止时间". A date without a time is due at the end of that day, China time.
 */
export function deadlineLeft(deadlineIso: string, now: Date): string | undefined {
  const dateOnly = DATE_ONLY.exec(deadlineIso);
  const due = dateOnly ? Date.parse(`${deadlineIso}T00:00:00+08:00`) + DAY_MS : Date.parse(deadlineIso);
  if (Number.isNaN(due)) return undefined;
  const left = due - now.getTime();
  if (left <= 0) return "已过截止时间";
  if (left < DAY_MS) return "今天截止";
  return `还剩 ${Math.floor(left / DAY_MS)} 天`;
}
