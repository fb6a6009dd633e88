import {
  columnLetter,
  DEFAULT_TEMPLATE,
  ListChecker,
  locateHeader,
  type CellValue,
  type Grid,
} from "../../src/domain";
import { HEADERS, KEYS, options, student, TITLE, toCells } from "./helpers";

const find = (grid: Grid) => locateHeader(grid, DEFAULT_TEMPLATE);

describe("locateHeader (SPEC §2)", () => {
  it("finds the header on row 1 and maps every column", () => {
    const h = find({ rows: [HEADERS] })!;
    expect(h.row).toBe(1);
    expect([...h.columns.entries()]).toEqual(KEYS.map((k, i) => [k, i]));
    expect(h.duplicates.size).toBe(0);
    expect(h.unknown).toEqual([]);
  });

  it("skips title rows above the header (up to row 10)", () => {
    expect(find({ rows: [[TITLE], HEADERS] })?.row).toBe(2);
    const blanks: CellValue[][] = Array.from({ length: 8 }, (_, i) => (i === 0 ? [TITLE] : []));
    expect(find({ rows: [...blanks, ["制表单位：信息科学与工程学院"], HEADERS] })?.row).toBe(10);
    expect(find({ rows: [...blanks, [], [], HEADERS] })).toBeUndefined(); // row 11
  });

  it("accepts aliases, spacing, full-width forms and any order", () => {
    const aliased = [
      "编号",
      "学生学号",
      "学生姓名",
      "身份证号码",
      "学历层次",
      "性 别",
      "毕业年月",
      "拍摄方式",
      "培养单位",
      " 拍摄地点 ",
      "照片邮寄地址",
      "收件人姓名",
      "联系电话",
      "备注",
    ];
    const h = find({ rows: [aliased] })!;
    expect(h.columns.get("studentNo")).toBe(1);
    expect(h.columns.get("name")).toBe(2);
    expect(h.columns.get("idNumber")).toBe(3);
    expect(h.columns.get("gender")).toBe(5);
    expect(h.columns.get("college")).toBe(8);
    expect(h.columns.get("site")).toBe(9);
    expect(h.columns.get("recipientPhone")).toBe(12);
    expect(h.columns.size).toBe(14);
    expect(find({ rows: [["学\u3000号", "姓名\u00a0", "\ufeff性别"]] })?.columns.get("studentNo")).toBe(0);
    for (const alias of ["证件号码", "公民身份号码", "身份证"]) {
      expect(find({ rows: [["学号", alias, "姓名"]] })?.columns.get("idNumber")).toBe(1);
    }
  });

  it("keeps extra columns aside as unknown", () => {
    const h = find({ rows: [["学号", "民族", "姓名", "身份证号", "政治面貌"]] })!;
    expect(h.unknown).toEqual([
      { col: 1, text: "民族" },
      { col: 4, text: "政治面貌" },
    ]);
    expect(h.columns.get("idNumber")).toBe(3);
  });

  it("needs at least three template headers", () => {
    expect(find({ rows: [["学号", "姓名"]] })).toBeUndefined();
    expect(find({ rows: [["学号", "姓名", "性别"]] })?.row).toBe(1);
    expect(find({ rows: [] })).toBeUndefined();
  });

  it("records a header used twice with every column", () => {
    const h = find({ rows: [["姓名", "学号", "身份证号", "学生学号", "学号"]] })!;
    expect(h.columns.get("studentNo")).toBe(1);
    expect(h.duplicates.get("studentNo")).toEqual([1, 3, 4]);
  });
});

describe("header problems through the checker", () => {
  it("noHeader when fewer than three headers are found", () => {
    const checker = new ListChecker(options());
    expect(checker.load({ rows: [["名单"], ["学号", "姓名"], ["220150900", "张三"]] })).toEqual({
      ok: false,
      reason: "noHeader",
    });
    expect(checker.problems()).toEqual([]);
  });

  it("header.missing for each missing required column, none for optional, site or mailing ones", () => {
    const headers = HEADERS.filter((h) => !["培养层次", "采集地点", "序号", "备注", "邮寄地址"].includes(h));
    const checker = new ListChecker(options());
    expect(checker.load({ rows: [headers] }).ok).toBe(true);
    const problems = checker.problems();
    // 采集地点 and 邮寄地址 are needed only by 异地采集/补拍 rows, which report them cell by cell.
    expect(problems.map((p) => [p.row, p.column, p.code, p.severity])).toEqual([
      [1, "level", "header.missing", "error"],
    ]);
    expect(problems[0].message).toContain("培养层次");
    expect(checker.hasHeaderError()).toBe(true);
  });

  it("header.duplicate names the columns", () => {
    const checker = new ListChecker(options());
    checker.load({ rows: [[TITLE], [...HEADERS, "身份证号码"]] });
    const problems = checker.problems();
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([[2, "idNumber", "header.duplicate"]]);
    const last = columnLetter(HEADERS.length); // the column after the template's last
    expect(problems[0].message).toBe(`表头“身份证号”出现了多次（F、${last}列），请只保留一列。`);
  });

  it("a header row of 16,384 identical headers: every column kept, five named", () => {
    const row = Array.from({ length: 16_384 }, () => "身份证号");
    const header = locateHeader({ rows: [row] }, DEFAULT_TEMPLATE, { minMatches: 1 });
    expect(header?.columns.get("idNumber")).toBe(0);
    const cols = header?.duplicates.get("idNumber") ?? [];
    expect(cols).toHaveLength(16_384);
    expect(cols[16_383]).toBe(16_383);
    const checker = new ListChecker(options());
    checker.load({ rows: [[...HEADERS.slice(0, 5), ...row]] });
    expect(checker.problems().find((p) => p.code === "header.duplicate")?.message).toBe(
      "表头“身份证号”出现了多次（F、G、H、I、J等16384列），请只保留一列。",
    );
  });

  it("a complete header has no header problems; data is read by header, not position", () => {
    const order = [...KEYS].reverse();
    const headers = order.map((k) => HEADERS[KEYS.indexOf(k)]);
    const checker = new ListChecker(options());
    checker.load({
      rows: [
        ["民族", ...headers],
        ["汉", ...toCells(student(0), order)],
      ],
    });
    expect(checker.problems()).toEqual([]);
    expect(checker.rows()[0].value.get("studentNo")).toBe("220150900");
  });

  it("skips entirely blank rows", () => {
    const checker = new ListChecker(options());
    checker.load({ rows: [HEADERS, [], toCells(student(0)), [null, "  ", ""], toCells(student(1))] });
    expect(checker.rows().map((r) => r.row)).toEqual([3, 5]);
    expect(checker.problems()).toEqual([]);
  });
});
