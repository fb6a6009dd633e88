/**
 * Chinese ID numbers (SPEC §3.2): the 18-character resident ID of GB 11643-1999, the Hong Kong, Macau and
 * Taiwan residents' residence permit (same layout, region 810000/820000/830000) and the 15-digit legacy ID.
 *
 * Input is an already-normalised string (half-width, no spaces, uppercase X). The engine checks every row
 * on every edit, so the hot path is a single charCode loop over precomputed tables: no regular
 * expressions, no substrings, and no allocation on success beyond the verdict itself.
 */

export type IdKind = "resident" | "permit" | "legacy15";

export interface YMD {
  y: number;
  m: number;
  d: number;
}

export type IdVerdict =
  | { ok: true; kind: IdKind; birth: YMD; sex: "男" | "女"; upgraded?: string }
  | { ok: false; code: "id.format"; length: number }
  | { ok: false; code: "id.region"; region: string }
  | {
      ok: false;
      code: "id.birthdate";
      date: string;
      reason: "invalid" | "future" | "tooYoung" | "tooOld";
      age?: number;
    }
  | { ok: false; code: "id.checksum"; expected: string; actual: string };

/** Age bounds at the capture date (SPEC §3.2): below 16 or above 80 is an error. */
const MIN_AGE = 16;
const MAX_AGE = 80;

/** ISO 7064 MOD 11-2 weights for positions 1..17 (2^(18-i) mod 11). */
const WEIGHTS = new Int32Array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
const CHECK_CHARS = "10X98765432";
const CHECK_CODES = new Int32Array(11);
for (let i = 0; i < 11; i++) CHECK_CODES[i] = CHECK_CHARS.charCodeAt(i);

const CODE_0 = 48;
const CODE_X = 88;

/** Province-level codes (GB/T 2260 first two digits, plus 71 Taiwan, 81 HK, 82 Macau, 83 Taiwan permits). */
const PROVINCE = new Uint8Array(100);
for (const [lo, hi] of [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
  [71, 71],
  [81, 83],
]) {
  for (let p = lo; p <= hi; p++) PROVINCE[p] = 1;
}

/** Days per month, index 1..12; February is corrected for leap years at the call site. */
const DAYS_IN_MONTH = new Int32Array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);

function isLeapYear(y: number): boolean {
  return (y & 3) === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** A real Gregorian date; year 0 does not exist. */
function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const max = m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m];
  return d <= max;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

function pad4(n: number): string {
  return n < 10 ? "000" + n : n < 100 ? "00" + n : n < 1000 ? "0" + n : String(n);
}

/** Full years from birth to day. A 29 February birthday is reached on 1 March in common years. */
export function ageOn(birth: YMD, day: YMD): number {
  const beforeBirthday = day.m < birth.m || (day.m === birth.m && day.d < birth.d);
  return day.y - birth.y - (beforeBirthday ? 1 : 0);
}

/** Whether a two-character string is one of the province-level codes of SPEC §3.2. */
export function isProvinceCode(two: string): boolean {
  if (two.length !== 2) return false;
  const a = two.charCodeAt(0) - CODE_0;
  const b = two.charCodeAt(1) - CODE_0;
  if (a < 0 || a > 9 || b < 0 || b > 9) return false;
  return PROVINCE[a * 10 + b] === 1;
}

/** The MOD 11-2 check character for 17 digits. Throws on anything but 17 ASCII digits (a caller bug). */
export function idCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError("idCheckCharacter: expected 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = first17.charCodeAt(i) - CODE_0;
    if (c < 0 || c > 9) throw new RangeError("idCheckCharacter: expected 17 digits");
    sum += c * WEIGHTS[i];
  }
  return CHECK_CHARS[sum % 11];
}

/** The 18-character form of a 15-digit legacy ID: "19" before YYMMDD, then the check character. */
export function upgradeLegacy15(id15: string): string {
  if (id15.length !== 15) throw new RangeError("upgradeLegacy15: expected 15 digits");
  const first17 = id15.slice(0, 6) + "19" + id15.slice(6);
  return first17 + idCheckCharacter(first17);
}

/**
 * Checks one ID number against SPEC §3.2 at the capture day. Checks run in the order shape → region →
 * birth date → checksum, and the first failure is the verdict.
 */
export function checkIdNumber(id: string, captureDay: YMD): IdVerdict {
  const len = id.length;
  let sum = 0;
  if (len === 18) {
    // Digits 1..17, summing the checksum on the way; the 18th is a digit or X.
    for (let i = 0; i < 17; i++) {
      const c = id.charCodeAt(i) - CODE_0;
      if (c < 0 || c > 9) return { ok: false, code: "id.format", length: len };
      sum += c * WEIGHTS[i];
    }
    const last = id.charCodeAt(17);
    if (!((last >= CODE_0 && last <= CODE_0 + 9) || last === CODE_X)) {
      return { ok: false, code: "id.format", length: len };
    }
  } else if (len === 15) {
    for (let i = 0; i < 15; i++) {
      const c = id.charCodeAt(i) - CODE_0;
      if (c < 0 || c > 9) return { ok: false, code: "id.format", length: len };
    }
  } else {
    return { ok: false, code: "id.format", length: len };
  }

  const d0 = id.charCodeAt(0) - CODE_0;
  const d1 = id.charCodeAt(1) - CODE_0;
  if (PROVINCE[d0 * 10 + d1] !== 1) return { ok: false, code: "id.region", region: id.slice(0, 2) };

  let y: number;
  let p: number; // index of the month's first digit
  if (len === 18) {
    y =
      (id.charCodeAt(6) - CODE_0) * 1000 +
      (id.charCodeAt(7) - CODE_0) * 100 +
      (id.charCodeAt(8) - CODE_0) * 10 +
      (id.charCodeAt(9) - CODE_0);
    p = 10;
  } else {
    y = 1900 + (id.charCodeAt(6) - CODE_0) * 10 + (id.charCodeAt(7) - CODE_0);
    p = 8;
  }
  const m = (id.charCodeAt(p) - CODE_0) * 10 + (id.charCodeAt(p + 1) - CODE_0);
  const d = (id.charCodeAt(p + 2) - CODE_0) * 10 + (id.charCodeAt(p + 3) - CODE_0);
  if (!isRealDate(y, m, d)) return birthdateError(y, m, d, "invalid");

  // Dates as yyyymmdd integers: the difference divided by 10000 is the age in full years.
  const birthKey = y * 10000 + m * 100 + d;
  const dayKey = captureDay.y * 10000 + captureDay.m * 100 + captureDay.d;
  if (birthKey > dayKey) return birthdateError(y, m, d, "future");
  if (dayKey - birthKey < MIN_AGE * 10000) return birthdateError(y, m, d, "tooYoung", captureDay);
  if (dayKey - birthKey >= (MAX_AGE + 1) * 10000) return birthdateError(y, m, d, "tooOld", captureDay);

  if (len === 15) {
    const sex = (id.charCodeAt(14) - CODE_0) & 1 ? "男" : "女";
    return { ok: true, kind: "legacy15", birth: { y, m, d }, sex, upgraded: upgradeLegacy15(id) };
  }

  const expected = sum % 11;
  if (id.charCodeAt(17) !== CHECK_CODES[expected]) {
    return { ok: false, code: "id.checksum", expected: CHECK_CHARS[expected], actual: id[17] };
  }
  const sex = (id.charCodeAt(16) - CODE_0) & 1 ? "男" : "女";
  const permit =
    d0 === 8 &&
    d1 >= 1 &&
    d1 <= 3 &&
    id.charCodeAt(2) === CODE_0 &&
    id.charCodeAt(3) === CODE_0 &&
    id.charCodeAt(4) === CODE_0 &&
    id.charCodeAt(5) === CODE_0;
  return { ok: true, kind: permit ? "permit" : "resident", birth: { y, m, d }, sex };
}

function birthdateError(
  y: number,
  m: number,
  d: number,
  reason: "invalid" | "future" | "tooYoung" | "tooOld",
  captureDay?: YMD,
): IdVerdict {
  const date = pad4(y) + "-" + pad2(m) + "-" + pad2(d);
  if (captureDay === undefined) return { ok: false, code: "id.birthdate", date, reason };
  return { ok: false, code: "id.birthdate", date, reason, age: ageOn({ y, m, d }, captureDay) };
}
