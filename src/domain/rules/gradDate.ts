/**
 * Graduation batch: the template asks "2018年6月"; secretaries also type 2018-06, 2018.6, 201806,
 * or Excel turns it into a date (read as "2018-06-01"). All of these resolve to the canonical form.
 */
const FULLWIDTH_DIGITS = /[\uff10-\uff19\uff0d\uff0e\uff0f]/g;
const YEAR_MONTH = /^(\d{4})\s*[年\-./]\s*(\d{1,2})\s*(?:月(?:份)?|[\-./]\s*\d{1,2}\s*日?)?(?:毕业)?$/;
const COMPACT = /^(\d{4})(\d{2})$/;

export function canonicalGradDate(text: string): string | undefined {
  const s = text.replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  const m = YEAR_MONTH.exec(s) ?? COMPACT.exec(s);
  if (!m) return undefined;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  return `${m[1]}年${month}月`;
}
