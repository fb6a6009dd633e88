import {
  buildSubmission,
  DEFAULT_CAMPAIGN,
  defaultModeNote,
  ListChecker,
  type CellValue,
  type KnownKey,
} from "../../src/domain";
import { COLLEGE, options, student, type RowValues } from "./helpers";

/**
 * Lists without 采集方式, 采集地点 or the mailing columns (issue 8 §2): no real list has them.
 * Every row is then 现场采集, told once in the summary; the mailing columns are needed only by the
 * rows that mail (异地采集/补拍).
 */
const COLUMNS: [KnownKey, string][] = [
  ["seq", "序号"],
  ["college", "学院"],
  ["name", "姓名"],
  ["gender", "性别"],
  ["studentNo", "学号"],
  ["idNumber", "身份证号"],
  ["level", "培养层次"],
  ["gradDate", "毕业时间"],
];

function load(rows: RowValues[], extra: [KnownKey, string][] = []) {
  const cols = [...COLUMNS, ...extra];
  const grid: CellValue[][] = [cols.map(([, h]) => h)];
  for (const r of rows) grid.push(cols.map(([k]) => r[k] ?? null));
  const checker = new ListChecker(options({ college: COLLEGE }));
  expect(checker.load({ rows: grid }).ok).toBe(true);
  return checker;
}

const students = (n: number) => Array.from({ length: n }, (_, i) => student(i));

describe("no 采集方式 column", () => {
  it("is clean: no header problem, no problem per row, every row 现场采集, said once in the summary", () => {
    const checker = load(students(3));
    expect(checker.problems()).toEqual([]);
    const summary = checker.summary();
    expect(summary.defaultMode).toBe("现场采集");
    expect(summary.byMode).toEqual({ 现场采集: 3 });
    expect(summary.readyRows).toBe(3);
    expect(defaultModeNote(summary.defaultMode!)).toBe(
      "名单中没有“采集方式”列：全部按“现场采集”处理，不需要邮寄地址、收件人和收件人电话。",
    );
  });

  it("the default is the campaign's first mode that neither mails nor needs a site", () => {
    const campaign = {
      ...DEFAULT_CAMPAIGN,
      modes: [
        { name: "补拍", aliases: [], mailToCollege: true, needsSite: false },
        { name: "校内拍摄", aliases: [], mailToCollege: false, needsSite: false },
      ],
    };
    const checker = new ListChecker({ campaign });
    checker.load({ rows: [COLUMNS.map(([, h]) => h), COLUMNS.map(([k]) => student(0)[k] ?? null)] });
    expect(checker.summary().defaultMode).toBe("校内拍摄");
  });

  it("a student's 手机号 column is no mailing field to clear when nobody chose the mode", () => {
    const rows = students(2).map((s, i) => ({ ...s, recipientPhone: `1390931000${i}` }));
    expect(load(rows, [["recipientPhone", "手机号"]]).problems()).toEqual([]);
  });

  it("the submission writes the canonical columns: 采集方式 现场采集, mailing and site empty", () => {
    const rows = students(1).map((s) => ({ ...s, recipientPhone: "13909310000" }));
    const built = buildSubmission(load(rows, [["recipientPhone", "手机号"]]));
    if (!built.ok) throw new Error(built.reason);
    const keys = built.sheet.columns.map((c) => c.key);
    const row = built.sheet.rows[0];
    const at = (k: string) => row[keys.indexOf(k)];
    expect(at("mode")).toBe("现场采集");
    expect(at("site")).toBe("");
    expect(at("mailAddress")).toBe("");
    expect(at("recipient")).toBe("");
    expect(at("recipientPhone")).toBe("");
    expect(at("studentNo")).toBe(student(0).studentNo);
  });
});

describe("a 采集方式 column without the mailing columns", () => {
  it("on-site rows only: clean, and no defaultMode in the summary", () => {
    const checker = load(students(2), [["mode", "采集方式"]]);
    expect(checker.problems()).toEqual([]);
    expect(checker.summary().defaultMode).toBeUndefined();
  });

  it("an off-site row reports its site and mailing fields on its own row, never on the header", () => {
    const rows = [student(0), student(1, { mode: "异地采集" })];
    const problems = load(rows, [["mode", "采集方式"]]).problems();
    expect(problems.every((p) => p.row === 3)).toBe(true);
    expect(problems.map((p) => `${p.column}:${p.code}`)).toEqual([
      "site:cell.required",
      "mailAddress:offsite.address",
      // The default profile of this college has an address but no recipient: those cells must be filled.
      "recipient:cell.required",
      "recipientPhone:cell.required",
    ]);
  });

  it("a filled mailing cell on a chosen 现场采集 row is still a warning", () => {
    const rows = [student(0, { recipientPhone: "13909310000" })];
    const problems = load(rows, [
      ["mode", "采集方式"],
      ["recipientPhone", "收件人电话"],
    ]).problems();
    expect(problems.map((p) => `${p.row}:${p.column}:${p.code}`)).toEqual([
      "2:recipientPhone:onsite.mailFields",
    ]);
  });
});
