import fc from "fast-check";
import {
  buildSubmission,
  DEFAULT_TEMPLATE,
  ListChecker,
  marksFromProblems,
  MARK_FILL,
  offsiteFillEdits,
  safeFixEdits,
  SAFE_FIX_CODES,
  type CellEdit,
  type CellValue,
  type CheckOptions,
  type Grid,
  type Problem,
} from "../../src/domain";
import { defaultMailAddress } from "../../src/domain/colleges.default";
import { poolRow } from "./arbitraries";
import {
  COLLEGE,
  HEADERS,
  idFor,
  KEYS,
  listGrid,
  options,
  student,
  TITLE,
  toCells,
  type RowValues,
} from "./helpers";

const PROFILE = { recipient: "赵老师", recipientPhone: "13912345678" };
const ADDRESS = defaultMailAddress(COLLEGE);
const CHOSEN: Partial<CheckOptions> = { college: COLLEGE, profile: PROFILE };

function loaded(grid: Grid, extra: Partial<CheckOptions> = CHOSEN): ListChecker {
  const checker = new ListChecker(options(extra));
  expect(checker.load(grid).ok).toBe(true);
  return checker;
}

function applyEdits(grid: Grid, edits: readonly CellEdit[]): Grid {
  const rows = grid.rows.map((r) => [...r]);
  for (const e of edits) {
    const row = rows[e.row - 1];
    while (row.length <= e.col) row.push(null);
    row[e.col] = e.value;
  }
  return { rows };
}

const column = (key: string) => KEYS.indexOf(key);

describe("buildSubmission (SPEC §5)", () => {
  it("refuses a list with errors, naming the rows", () => {
    const checker = loaded(
      listGrid([student(0), student(1, { gender: "?" }), student(2), student(3, { studentNo: "x" })]),
    );
    expect(buildSubmission(checker)).toEqual({ ok: false, reason: "errors", errorRows: [4, 6] });
  });

  it("with skipInvalid leaves erroneous rows out and renumbers 序号", () => {
    const checker = loaded(
      listGrid([
        student(0, { seq: 7 }),
        student(1, { gender: "?" }),
        student(2, { seq: null }),
        student(3, { seq: "a" }),
      ]),
    );
    const out = buildSubmission(checker, { skipInvalid: true });
    if (!out.ok) throw new Error(out.reason);
    expect(out.skippedRows).toEqual([4]);
    expect(out.headCount).toBe(3);
    expect(out.feeTotal).toBe(39);
    expect(out.sheet.rows.map((r) => r[0])).toEqual(["1", "2", "3"]);
    expect(out.sheet.rows.map((r) => r[column("studentNo")])).toEqual([
      "220150900",
      "220150902",
      "220150903",
    ]);
  });

  it("writes canonical, normalised values in the template's column order", () => {
    let n = 0;
    while (!idFor(n).endsWith("X")) n++;
    const gender = Number(idFor(n)[16]) % 2 ? "男" : "女";
    const order = [...KEYS].reverse();
    const grid: Grid = {
      rows: [
        [TITLE],
        order.map((k) => HEADERS[KEYS.indexOf(k)]),
        toCells(
          student(n, {
            gender,
            name: " 阿卜杜•热合曼",
            studentNo: "２２０１ ５０９００",
            idNumber: idFor(n).toLowerCase(),
            level: "硕士",
            gradDate: "2018-06",
            mode: "现场",
            college: "信息科学与工程学院 ",
          }),
          order,
        ),
      ],
    };
    const out = buildSubmission(loaded(grid));
    if (!out.ok) throw new Error(out.reason);
    expect(out.sheet.columns.map((c) => c.header)).toEqual(HEADERS);
    expect(out.sheet.columns.filter((c) => c.text).map((c) => c.key)).toEqual([
      "studentNo",
      "idNumber",
      "recipientPhone",
    ]);
    expect(out.sheet.rows).toEqual([
      [
        "1",
        COLLEGE,
        "阿卜杜·热合曼",
        gender,
        "220150900",
        idFor(n),
        "硕士研究生",
        "2018年6月",
        "现场采集",
        "",
        "",
        "",
        "",
        "",
      ],
    ]);
  });

  it("fills mailing columns from the profile for 异地采集/补拍 and empties them for 现场采集", () => {
    const rows: RowValues[] = [
      student(0, {
        mode: "异地采集",
        site: "新华社四川分社",
        mailAddress: ADDRESS,
        recipient: "赵老师",
        recipientPhone: "139 1234 5678",
      }),
      student(1, {
        mode: "补拍",
        mailAddress: ` ${ADDRESS}`,
        recipient: "赵老师",
        recipientPhone: "13912345678",
      }),
      student(2, { mailAddress: "随便写的地址", recipient: "某人", recipientPhone: "13000000000" }),
    ];
    const out = buildSubmission(loaded(listGrid(rows)));
    if (!out.ok) throw new Error(out.reason);
    const mail = (r: string[]) => [
      r[column("mailAddress")],
      r[column("recipient")],
      r[column("recipientPhone")],
    ];
    expect(mail(out.sheet.rows[0])).toEqual([ADDRESS, "赵老师", "13912345678"]);
    expect(mail(out.sheet.rows[1])).toEqual([ADDRESS, "赵老师", "13912345678"]);
    expect(mail(out.sheet.rows[2])).toEqual(["", "", ""]);
    expect(out.sheet.rows[0][column("site")]).toBe("新华社四川分社");
  });

  it("names the file after the school, college, list title and head count", () => {
    const rows = Array.from({ length: 37 }, (_, i) => student(i));
    const out = buildSubmission(loaded(listGrid(rows)));
    if (!out.ok) throw new Error(out.reason);
    expect(out.sheet.fileName).toBe(
      "10730兰州大学_信息科学与工程学院_2018届毕业研究生图像采集名单_37人.xlsx",
    );
    expect(out.college).toBe(COLLEGE);
    expect(out.feeTotal).toBe(37 * 13);
    // Without a chosen college the rows' college names the file.
    const plain = buildSubmission(loaded(listGrid(rows.slice(0, 2)), {}));
    expect(plain.ok && plain.sheet.fileName).toBe(
      "10730兰州大学_信息科学与工程学院_2018届毕业研究生图像采集名单_2人.xlsx",
    );
  });

  it("refuses without a header, with header errors, or with nothing to submit", () => {
    const none = new ListChecker(options());
    none.load({ rows: [["x"]] });
    expect(buildSubmission(none)).toEqual({ ok: false, reason: "noHeader" });
    const missing = loaded({ rows: [HEADERS.filter((h) => h !== "学号"), toCells(student(0))] });
    expect(buildSubmission(missing)).toEqual({ ok: false, reason: "headerErrors" });
    expect(buildSubmission(loaded(listGrid([])))).toEqual({ ok: false, reason: "empty" });
    expect(buildSubmission(loaded(listGrid([student(0, { gender: "?" })])), { skipInvalid: true })).toEqual({
      ok: false,
      reason: "empty",
    });
  });
});

describe("offsiteFillEdits", () => {
  it("writes the profile into the mailing cells of 异地采集/补拍 rows only", () => {
    const grid = listGrid([
      student(0, { mode: "异地采集", site: "新华社四川分社" }),
      student(1),
      student(2, { mode: "补拍", mailAddress: ADDRESS, recipient: "钱老师" }),
    ]);
    const checker = loaded(grid);
    const edits = offsiteFillEdits(checker);
    expect(edits).toEqual([
      { row: 3, col: column("mailAddress"), value: ADDRESS },
      { row: 3, col: column("recipient"), value: "赵老师" },
      { row: 3, col: column("recipientPhone"), value: "13912345678" },
      { row: 5, col: column("recipient"), value: "赵老师" },
      { row: 5, col: column("recipientPhone"), value: "13912345678" },
    ]);
    const after = loaded(applyEdits(grid, edits));
    expect(after.problems()).toEqual([]);
    expect(offsiteFillEdits(after)).toEqual([]);
  });

  it("after filling, no mailing cell differs from a known profile value (property)", () => {
    fc.assert(
      fc.property(fc.array(poolRow, { minLength: 1, maxLength: 6 }), fc.boolean(), (rows, chosen) => {
        const extra = chosen ? CHOSEN : {};
        const grid: Grid = { rows: [[TITLE], HEADERS, ...rows] };
        const edits = offsiteFillEdits(loaded(grid, extra));
        const after = loaded(applyEdits(grid, edits), extra);
        const fixable = after.problems().filter((p) => p.code.startsWith("offsite.") && p.fix !== undefined);
        expect(fixable).toEqual([]);
        expect(offsiteFillEdits(after)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves cells alone that already match up to spacing and width, and fills nothing it does not know", () => {
    const grid = listGrid([
      student(0, {
        mode: "补拍",
        mailAddress: ` ${ADDRESS}`,
        recipient: "赵老师",
        recipientPhone: "139 1234 5678",
      }),
    ]);
    expect(offsiteFillEdits(loaded(grid))).toEqual([]);
    // Inner spacing and full-width digits: accepted by the check, so not rewritten by the fill either.
    const loose = ADDRESS.replace("天水南路222号", "天水南路 ２２２号");
    const spaced = loaded(
      listGrid([
        student(0, { mode: "补拍", mailAddress: loose, recipient: "赵 老师", recipientPhone: "13912345678" }),
      ]),
    );
    expect(spaced.problems()).toEqual([]);
    expect(offsiteFillEdits(spaced)).toEqual([]);
    // No profile: only the campaign's address is known.
    const edits = offsiteFillEdits(loaded(listGrid([student(0, { mode: "补拍" })]), {}));
    expect(edits).toEqual([{ row: 3, col: column("mailAddress"), value: ADDRESS }]);
  });
});

describe("safeFixEdits", () => {
  it("turns safe normalisations into one edit per cell; applying them clears every warning", () => {
    const grid = listGrid([
      student(0, {
        name: " 阿卜杜•热合曼 ",
        level: "硕士",
        studentNo: "２２０１５０９００",
        gradDate: "201806",
      }),
      student(1, { idNumber: ` ${idFor(1, "女")}`, mode: "现场", college: "政治与行政学院", gender: "女性" }),
      student(2, { gender: "?" }),
    ]);
    const checker = loaded(grid, {});
    const problems = checker.problems();
    const edits = safeFixEdits(problems, (k) => checker.header?.columns.get(k));
    expect(edits).toEqual([
      { row: 3, col: column("name"), value: "阿卜杜·热合曼" },
      { row: 3, col: column("studentNo"), value: "220150900" },
      { row: 3, col: column("level"), value: "硕士研究生" },
      { row: 3, col: column("gradDate"), value: "2018年6月" },
      { row: 4, col: column("college"), value: "政治与国际关系学院" },
      { row: 4, col: column("gender"), value: "女" },
      { row: 4, col: column("idNumber"), value: idFor(1, "女") },
      { row: 4, col: column("mode"), value: "现场采集" },
    ]);
    const after = loaded(applyEdits(grid, edits), {});
    expect(after.problems().map((p) => [p.row, p.code])).toEqual([[5, "gender.value"]]);
  });

  it("fix-all never changes a verdict: afterwards no safe normalisation is left and the errors are the same (property)", () => {
    fc.assert(
      fc.property(fc.array(poolRow, { minLength: 1, maxLength: 6 }), fc.boolean(), (rows, chosen) => {
        const extra = chosen ? CHOSEN : {};
        const grid: Grid = { rows: [[TITLE], HEADERS, ...rows] };
        const checker = loaded(grid, extra);
        const edits = safeFixEdits(checker.problems(), (k) => checker.header?.columns.get(k));
        const after = loaded(applyEdits(grid, edits), extra);
        // Messages quote what was written (an alias before, the canonical name after): compare verdicts.
        const errors = (c: ListChecker) =>
          c
            .problems()
            .filter((p) => p.severity === "error")
            .map((p) => [p.row, p.column, p.code, p.fix]);
        expect(after.problems().filter((p) => SAFE_FIX_CODES.has(p.code))).toEqual([]);
        expect(errors(after)).toEqual(errors(checker));
        expect(safeFixEdits(after.problems(), (k) => after.header?.columns.get(k))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("ignores problems that are not safe normalisations, and columns not in the sheet", () => {
    const p: Problem[] = [
      { row: 3, column: "idNumber", code: "id.legacy15", severity: "warning", message: "m", fix: "x" },
      { row: 3, column: "name", code: "roster.nameMismatch", severity: "error", message: "m", fix: "x" },
      {
        row: 3,
        column: "nowhere",
        code: "normalize.whitespace",
        severity: "warning",
        message: "m",
        fix: "x",
      },
    ];
    expect(safeFixEdits(p, (k) => (k === "nowhere" ? undefined : 1))).toEqual([]);
    expect(SAFE_FIX_CODES.has("normalize.alias")).toBe(true);
  });
});

describe("marksFromProblems", () => {
  it("one mark per cell, the worst severity, every message once", () => {
    const problems: Problem[] = [
      { row: 1, column: "level", code: "header.missing", severity: "error", message: "缺列" },
      { row: 3, column: "name", code: "normalize.dot", severity: "warning", message: "点" },
      { row: 3, column: "name", code: "roster.nameMismatch", severity: "error", message: "不一致" },
      { row: 3, column: "name", code: "roster.nameMismatch", severity: "error", message: "不一致" },
      { row: 4, column: "gender", code: "normalize.alias", severity: "warning", message: "别名" },
      { row: 0, column: "gender", code: "gender.value", severity: "error", message: "无行" },
    ];
    const cols = new Map([
      ["name", 2],
      ["gender", 3],
    ]);
    expect(marksFromProblems(problems, (k) => cols.get(k))).toEqual([
      { row: 3, col: 2, severity: "error", note: "点\n不一致" },
      { row: 4, col: 3, severity: "warning", note: "别名" },
    ]);
    expect(MARK_FILL.error).not.toBe(MARK_FILL.warning);
  });

  it("marks the cells of a real check", () => {
    const checker = loaded(listGrid([student(0, { name: "张3", gender: "女" })]), {});
    const marks = marksFromProblems(checker.problems(), (k) => checker.header?.columns.get(k));
    expect(marks.map((m) => [m.row, m.col, m.severity])).toEqual([
      [3, column("name"), "error"],
      [3, column("gender"), "error"],
    ]);
  });
});

// Keep DEFAULT_TEMPLATE's text columns in step with the submission (学号, 身份证号, phone are text cells).
test("template marks 学号, 身份证号 and phone as text", () => {
  const text: CellValue[] = DEFAULT_TEMPLATE.columns.filter((c) => c.text).map((c) => c.header);
  expect(text).toEqual(["学号", "身份证号", "收件人电话"]);
});
