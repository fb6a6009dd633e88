/**
 * Graduation batch (issue 8 §3): the template asks "2018年6月"; secretaries also type 2018-06, 2018.6,
 * 2018/6, 201806, 2018年6月30日, "2018届", or Excel stores a date (the readers give "2018-06-30"). Each
 * resolves to the campaign's batch it denotes; anything ambiguous or outside every batch does not.
 *
 * Every pattern is anchored, its repetitions bounded or separated by literals: linear on any cell.
 */
const FULLWIDTH_DIGITS = /[\uff10-\uff19\uff0d\uff0e\uff0f]/g;
const YEAR_MONTH =
  /^(\d{4})\s*[年\-./]\s*(\d{1,2})\s*(?:月份?(?:\s*(\d{1,2})\s*[日号])?|[\-./]\s*(\d{1,2})\s*日?(?:T\d{2}:\d{2}(?::\d{2})?)?)?(?:毕业)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})?$/;
const CLASS_YEAR = /^(\d{4})\s*届(?:毕业生?)?$/;
const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A year and month a value names, the class year of "2018届", or undefined. */
export type GradValue = { y: number; m: number } | { classOf: number };

export function parseGradDate(text: string): GradValue | undefined {
  const s = text.replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  const c = CLASS_YEAR.exec(s);
  if (c) return { classOf: Number(c[1]) };
  const ym = YEAR_MONTH.exec(s);
  const m = ym ?? COMPACT.exec(s);
  if (!m) return undefined;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  const dayText = ym ? (ym[3] ?? ym[4]) : m[3];
  if (dayText !== undefined) {
    const day = Number(dayText);
    // 29 February is accepted in any year: the month is what counts, the day only has to exist.
    if (day < 1 || day > DAYS[month]) return undefined;
  }
  return { y: Number(m[1]), m: month };
}

/** The campaign's batches by year*100+month, and its June batches by year (for "2018届"). */
interface BatchIndex {
  exact: Set<string>;
  byMonth: Map<number, string | null>;
  juneOf: Map<number, string | null>;
}

const INDEXES = new WeakMap<readonly string[], BatchIndex>();

function batchIndex(batches: readonly string[]): BatchIndex {
  let idx = INDEXES.get(batches);
  if (idx) return idx;
  idx = { exact: new Set(batches), byMonth: new Map(), juneOf: new Map() };
  for (const b of batches) {
    const v = parseGradDate(b);
    if (!v || !("y" in v)) continue;
    const key = v.y * 100 + v.m;
    // Two batches naming the same month make that month ambiguous (null).
    idx.byMonth.set(key, idx.byMonth.has(key) ? null : b);
    if (v.m === 6) idx.juneOf.set(v.y, idx.juneOf.has(v.y) ? null : b);
  }
  INDEXES.set(batches, idx);
  return idx;
}

/**
 * The batch a value denotes, or undefined. `fromNumber`: the cell held a number, so "2018.1" may have
 * been 2018.10 before Excel dropped the zero: a one-digit month 1 after a dot is ambiguous.
 */
export function gradBatchOf(
  value: string,
  batches: readonly string[],
  fromNumber = false,
): string | undefined {
  const idx = batchIndex(batches);
  if (idx.exact.has(value)) return value;
  if (fromNumber && /^\d{4}\.1$/.test(value)) return undefined;
  const v = parseGradDate(value);
  if (!v) return undefined;
  const found = "classOf" in v ? idx.juneOf.get(v.classOf) : idx.byMonth.get(v.y * 100 + v.m);
  return found ?? undefined;
}
