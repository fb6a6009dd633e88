/**
 * Chinese ID numbers (SPEC §3.2): the 18-character resident ID of GB 11643-1999, the Hong Kong, Macau and
 * Taiwan residents' residence permit (same layout, region 810000/820000/830000), the 15-digit legacy ID,
 * and the 2023 foreign permanent-residence card (9, a province, a nationality, the birth date, a sequence
 * and the same MOD 11-2 check character).
 *
 * Region, birth date and checksum are checked independently and every defect is reported (issue 8 §5):
 * a typo in the date must not hide a wrong check character. An age outside 16..80 at the capture date is
 * a valid number all the same: it is a note (`age`) on a good verdict, never a defect.
 *
 * Input is an already-normalised string (half-width, no spaces, uppercase X). The engine checks every row
 * on every edit, so the hot path reads each character once with charCodeAt and uses precomputed tables:
 * no regular expressions, no substrings, and no allocation on success beyond the verdict itself.
 */

export type IdKind = "resident" | "permit" | "legacy15" | "foreignPR";

export interface YMD {
  y: number;
  m: number;
  d: number;
}

/** One defect of a well-shaped number; several may be found in the same number. */
export type IdDefect =
  | { code: "id.region"; region: string }
  | { code: "id.birthdate"; date: string; reason: "invalid" | "future" | "early" }
  | { code: "id.checksum"; expected: string; actual: string };

/** A real birth date whose age at the capture date is outside the plausible range. */
export interface AgeNote {
  date: string;
  age: number;
}

export type IdVerdict =
  | { ok: true; kind: IdKind; birth: YMD; sex: "男" | "女"; upgraded?: string; age?: AgeNote }
  | { ok: false; code: "id.format"; length: number }
  | { ok: false; code: "id.defects"; kind: IdKind; defects: IdDefect[]; sex: "男" | "女"; age?: AgeNote };

/** Plausible ages at the capture date: outside them an ID is still valid, with a warning (id.age). */
export const MIN_AGE = 16;
export const MAX_AGE = 80;
/** No one alive was born before this year: an earlier birth date is a typo. */
const MIN_BIRTH_YEAR = 1900;

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
 * Checks one resident ID, residence permit or legacy ID against SPEC §3.2 at the capture day. A wrong
 * shape (length, characters) is the whole verdict; otherwise region, birth date and checksum are each
 * checked and every defect is listed.
 */
export function checkIdNumber(id: string, captureDay: YMD): IdVerdict {
  const len = id.length;
  if (len === 18) return check18(id, captureDay, false);
  if (len === 15) return check15(id, captureDay);
  return { ok: false, code: "id.format", length: len };
}

/** The 2023 foreign permanent-residence card: 18 characters beginning with 9, laid out like an ID. */
export function checkForeignPermanentId(id: string, captureDay: YMD): IdVerdict {
  if (id.length !== 18 || id.charCodeAt(0) !== CODE_0 + 9)
    return { ok: false, code: "id.format", length: id.length };
  return check18(id, captureDay, true);
}

/** Not a decimal digit (c is a char code minus "0"); `>>> 0` folds the c < 0 test into one compare. */
function notDigit(c: number): boolean {
  return c >>> 0 > 9;
}

// Unrolled on purpose: each character is read exactly once (charCodeAt dominates the cost), and the
// weighted sum uses constant multipliers instead of a table load per digit.
function check18(id: string, captureDay: YMD, foreign: boolean): IdVerdict {
  const c0 = id.charCodeAt(0) - CODE_0;
  const c1 = id.charCodeAt(1) - CODE_0;
  const c2 = id.charCodeAt(2) - CODE_0;
  const c3 = id.charCodeAt(3) - CODE_0;
  const c4 = id.charCodeAt(4) - CODE_0;
  const c5 = id.charCodeAt(5) - CODE_0;
  const c6 = id.charCodeAt(6) - CODE_0;
  const c7 = id.charCodeAt(7) - CODE_0;
  const c8 = id.charCodeAt(8) - CODE_0;
  const c9 = id.charCodeAt(9) - CODE_0;
  const c10 = id.charCodeAt(10) - CODE_0;
  const c11 = id.charCodeAt(11) - CODE_0;
  const c12 = id.charCodeAt(12) - CODE_0;
  const c13 = id.charCodeAt(13) - CODE_0;
  const c14 = id.charCodeAt(14) - CODE_0;
  const c15 = id.charCodeAt(15) - CODE_0;
  const c16 = id.charCodeAt(16) - CODE_0;
  const last = id.charCodeAt(17);
  if (
    notDigit(c0) ||
    notDigit(c1) ||
    notDigit(c2) ||
    notDigit(c3) ||
    notDigit(c4) ||
    notDigit(c5) ||
    notDigit(c6) ||
    notDigit(c7) ||
    notDigit(c8) ||
    notDigit(c9) ||
    notDigit(c10) ||
    notDigit(c11) ||
    notDigit(c12) ||
    notDigit(c13) ||
    notDigit(c14) ||
    notDigit(c15) ||
    notDigit(c16) ||
    (notDigit(last - CODE_0) && last !== CODE_X)
  ) {
    return { ok: false, code: "id.format", length: 18 };
  }

  let defects: IdDefect[] | undefined;
  // The foreign card's province follows its leading 9 (then a 3-digit nationality code).
  if (foreign ? PROVINCE[c1 * 10 + c2] !== 1 || c1 >= 7 : PROVINCE[c0 * 10 + c1] !== 1) {
    (defects ??= []).push({ code: "id.region", region: foreign ? id.slice(1, 3) : id.slice(0, 2) });
  }

  const y = c6 * 1000 + c7 * 100 + c8 * 10 + c9;
  const m = c10 * 10 + c11;
  const d = c12 * 10 + c13;
  const birth = checkBirth(y, m, d, captureDay);
  if (birth !== undefined && birth.code === "id.birthdate") (defects ??= []).push(birth);

  // Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 (WEIGHTS), written out.
  const sum =
    7 * (c0 + c10) +
    9 * (c1 + c11) +
    10 * (c2 + c12) +
    5 * (c3 + c13) +
    8 * (c4 + c14) +
    4 * (c5 + c15) +
    2 * (c6 + c16) +
    c7 +
    6 * c8 +
    3 * c9;
  const expected = sum % 11;
  if (last !== CHECK_CODES[expected]) {
    (defects ??= []).push({ code: "id.checksum", expected: CHECK_CHARS[expected], actual: id[17] });
  }

  const kind: IdKind = foreign
    ? "foreignPR"
    : c0 === 8 && c1 >= 1 && c1 <= 3 && (c2 | c3 | c4 | c5) === 0
      ? "permit"
      : "resident";
  const sex = c16 & 1 ? "男" : "女";
  const age = birth !== undefined && birth.code === "age" ? birth.note : undefined;
  if (defects !== undefined) {
    return age
      ? { ok: false, code: "id.defects", kind, defects, sex, age }
      : { ok: false, code: "id.defects", kind, defects, sex };
  }
  const ok: IdVerdict = { ok: true, kind, birth: { y, m, d }, sex };
  if (age) ok.age = age;
  return ok;
}

function check15(id: string, captureDay: YMD): IdVerdict {
  for (let i = 0; i < 15; i++) {
    if (notDigit(id.charCodeAt(i) - CODE_0)) return { ok: false, code: "id.format", length: 15 };
  }
  const at = (i: number) => id.charCodeAt(i) - CODE_0;
  let defects: IdDefect[] | undefined;
  if (PROVINCE[at(0) * 10 + at(1)] !== 1)
    (defects ??= []).push({ code: "id.region", region: id.slice(0, 2) });
  const y = 1900 + at(6) * 10 + at(7);
  const m = at(8) * 10 + at(9);
  const d = at(10) * 10 + at(11);
  const birth = checkBirth(y, m, d, captureDay);
  if (birth !== undefined && birth.code === "id.birthdate") (defects ??= []).push(birth);
  const sex = at(14) & 1 ? "男" : "女";
  const age = birth !== undefined && birth.code === "age" ? birth.note : undefined;
  if (defects !== undefined) {
    return age
      ? { ok: false, code: "id.defects", kind: "legacy15", defects, sex, age }
      : { ok: false, code: "id.defects", kind: "legacy15", defects, sex };
  }
  const ok: IdVerdict = {
    ok: true,
    kind: "legacy15",
    birth: { y, m, d },
    sex,
    upgraded: upgradeLegacy15(id),
  };
  if (age) ok.age = age;
  return ok;
}

type BirthFinding = Extract<IdDefect, { code: "id.birthdate" }> | { code: "age"; note: AgeNote };

/** The birth date's defect, its age note, or undefined when the date is real and the age plausible. */
function checkBirth(y: number, m: number, d: number, captureDay: YMD): BirthFinding | undefined {
  if (!isRealDate(y, m, d)) return { code: "id.birthdate", date: isoDate(y, m, d), reason: "invalid" };
  if (y < MIN_BIRTH_YEAR) return { code: "id.birthdate", date: isoDate(y, m, d), reason: "early" };
  // Dates as yyyymmdd integers: their difference divided by 10000 is the age in full years.
  const birthKey = y * 10000 + m * 100 + d;
  const dayKey = captureDay.y * 10000 + captureDay.m * 100 + captureDay.d;
  if (birthKey > dayKey) return { code: "id.birthdate", date: isoDate(y, m, d), reason: "future" };
  if (dayKey - birthKey < MIN_AGE * 10000 || dayKey - birthKey >= (MAX_AGE + 1) * 10000) {
    return { code: "age", note: { date: isoDate(y, m, d), age: ageOn({ y, m, d }, captureDay) } };
  }
  return undefined;
}

function isoDate(y: number, m: number, d: number): string {
  return pad4(y) + "-" + pad2(m) + "-" + pad2(d);
}
