import {
  DEFAULT_CAMPAIGN,
  DEFAULT_TEMPLATE,
  idCheckCharacter,
  ListChecker,
  listColumns,
  type CellValue,
  type CheckOptions,
  type Grid,
  type KnownKey,
  type Problem,
} from "../../src/domain";

/** Test fixtures: grids in the default template with valid, checksum-correct ID numbers. */

export const COLLEGE = "信息科学与工程学院";
// Xinhua's columns: a list as the blank template has it (证件类型 is a list's own addition).
export const HEADERS: string[] = listColumns(DEFAULT_TEMPLATE).map((c) => c.header);
export const KEYS: string[] = listColumns(DEFAULT_TEMPLATE).map((c) => c.key);
export const TITLE = "2018年毕业研究生图像信息采集名单";

export function colOf(key: KnownKey): number {
  const i = KEYS.indexOf(key);
  if (i < 0) throw new Error(`no column ${key}`);
  return i;
}

/** A full 18-character ID: the 17 given digits plus their MOD 11-2 check character. */
export function withCheck(first17: string): string {
  return first17 + idCheckCharacter(first17);
}

/**
 * A valid resident ID for person `n` (0..499): region 110105, a birth date in the 1990s and a
 * sequence whose last digit carries the sex.
 */
export function idFor(n: number, sex: "男" | "女" = "男", region = "110105"): string {
  const year = 1990 + (n % 8);
  const month = String(1 + (n % 12)).padStart(2, "0");
  const day = String(1 + (n % 28)).padStart(2, "0");
  const seq = String(((n * 2) % 1000) + (sex === "男" ? 1 : 0)).padStart(3, "0");
  return withCheck(`${region}${year}${month}${day}${seq}`);
}

/** A valid 15-digit legacy ID (6 region + YYMMDD + 3, odd last digit for men). */
export function legacyIdFor(n: number, sex: "男" | "女" = "男"): string {
  const seq = String(((n * 2) % 1000) + (sex === "男" ? 1 : 0)).padStart(3, "0");
  return `620102${70 + (n % 20)}0${1 + (n % 9)}15${seq}`;
}

export type RowValues = Partial<Record<KnownKey, CellValue>>;

/** A valid 现场采集 row for student `n`, with overrides. */
export function student(n: number, overrides: RowValues = {}): RowValues {
  const gender = n % 2 === 0 ? "男" : "女";
  return {
    seq: n + 1,
    college: COLLEGE,
    name: "张" + "伟芳娜秀英敏静丽强磊"[n % 10],
    gender,
    studentNo: String(220150900 + n),
    idNumber: idFor(n, gender),
    level: "硕士研究生",
    gradDate: "2018年6月",
    mode: "现场采集",
    ...overrides,
  };
}

/** One worksheet row in the default template's column order (or `headers` order). */
export function toCells(values: RowValues, keys: readonly string[] = KEYS): CellValue[] {
  return keys.map((k) => {
    const v = values[k as KnownKey];
    return v === undefined ? null : v;
  });
}

/** Header on row 2 below a title, data from row 3 (as the real template has it). */
export function listGrid(rows: readonly RowValues[], opts: { title?: boolean } = {}): Grid {
  const top: CellValue[][] = opts.title === false ? [HEADERS] : [[TITLE], HEADERS];
  return { rows: [...top, ...rows.map((r) => toCells(r))] };
}

/** Worksheet row of the i-th data row of listGrid (with title). */
export const rowOf = (i: number): number => i + 3;

export function options(extra: Partial<CheckOptions> = {}): CheckOptions {
  return { campaign: DEFAULT_CAMPAIGN, ...extra };
}

export function check(rows: readonly RowValues[], extra: Partial<CheckOptions> = {}): Problem[] {
  const checker = new ListChecker(options(extra));
  const outcome = checker.load(listGrid(rows));
  if (!outcome.ok) throw new Error("no header");
  return checker.problems();
}

/** Problems of one student row checked alone (worksheet row 3). */
export function checkOne(values: RowValues, extra: Partial<CheckOptions> = {}): Problem[] {
  return check([values], extra);
}

export function codes(problems: readonly Problem[]): string[] {
  return problems.map((p) => p.code);
}

/** "column:code" pairs, the shape most assertions compare. */
export function where(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.column}:${p.code}`);
}

export function only(problems: readonly Problem[], code: string): Problem[] {
  return problems.filter((p) => p.code === code);
}
