/**
 * Campaign dates as the IT staff and the secretaries read them: in China time (Asia/Shanghai), whatever
 * the time zone of the machine that prints them. A bare date ("2018-04-14") is a calendar day, not an
 * instant, and is printed as it is written.
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const SHANGHAI = new Intl.DateTimeFormat("en-US", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "2017-10-30T11:00:00+08:00" → "2017年10月30日 11:00"; "2018-04-14" → "2018年4月14日"; undefined when not a date. */
export function chinaDateTime(text: string): string | undefined {
  const day = DATE_ONLY.exec(text);
  if (day) return `${Number(day[1])}年${Number(day[2])}月${Number(day[3])}日`;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  const part: Record<string, string> = {};
  for (const p of SHANGHAI.formatToParts(new Date(ms))) part[p.type] = p.value;
  return `${part.year}年${part.month}月${part.day}日 ${part.hour}:${part.minute}`;
}
