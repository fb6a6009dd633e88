import {
  buildCaptured,
  buildRoster,
  DEFAULT_CAMPAIGN,
  idMatchKey,
  levelResolver,
  ListFileError,
  studentNoKey,
  upgradeLegacy15,
  type CellValue,
  type Grid,
} from "../../src/domain";
import { check, checkOne, idFor, legacyIdFor, only, student, where } from "./helpers";

const toFullwidth = (s: string): string =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/**
 * A roster as the student-records system exports it: a title row, its own headers (证件号码, 学生姓名),
 * aliases (硕士) and sloppy cells (full-width digits, look-alike dots, spaces).
 */
function rosterGrid(): Grid {
  const rows: CellValue[][] = [
    ["兰州大学2018届毕业研究生学籍信息"],
    ["学生姓名", "学号", "证件号码", "层次", "性别"],
    ["张伟", "220150900", idFor(0, "男"), "硕士", "男"],
    ["张芳", toFullwidth("220150901"), ` ${idFor(1, "女")} `, "硕士研究生", "女"],
    ["阿卜杜•热合曼", "220150902", idFor(2, "男").toLowerCase(), "博士", "男"],
    ["张秀", "220150903", legacyIdFor(3, "女"), "硕士生", "女"],
    [null, null, null, null, null],
    ["李四", "220150999", idFor(99, "女"), "硕士", "女"],
  ];
  return { rows };
}

const roster = buildRoster(rosterGrid(), levelResolver(DEFAULT_CAMPAIGN));

describe("buildRoster", () => {
  it("finds the header below a title and normalises every value", () => {
    expect(roster.size).toBe(5);
    expect(roster.byStudentNo.get("220150900")).toEqual({
      studentNo: "220150900",
      idNumber: idFor(0, "男"),
      name: "张伟",
      level: "硕士研究生",
    });
    expect(roster.byStudentNo.get("220150901")).toMatchObject({
      idNumber: idFor(1, "女"),
      level: "硕士研究生",
    });
    expect(roster.byStudentNo.get("220150902")).toMatchObject({ name: "阿卜杜·热合曼", level: "博士研究生" });
    expect(roster.byStudentNo.get("220150903")).toMatchObject({
      idNumber: upgradeLegacy15(legacyIdFor(3, "女")),
    });
    expect(roster.byIdNumber.get(idFor(2, "男"))).toBe("220150902");
  });

  it("counts repeated 学号 and keeps the first", () => {
    const grid = rosterGrid();
    const rows = [...grid.rows, ["王五", "220150900", idFor(5), "博士", "男"]];
    const r = buildRoster({ rows }, levelResolver(DEFAULT_CAMPAIGN));
    expect(r.duplicateStudentNos).toBe(1);
    expect(r.byStudentNo.get("220150900")?.name).toBe("张伟");
  });

  it("refuses a sheet without a header or without a 学号 column", () => {
    expect(() => buildRoster({ rows: [["名单"], ["a", "b"]] }, (v) => v)).toThrow(ListFileError);
    expect(() =>
      buildRoster(
        {
          rows: [
            ["姓名", "身份证号"],
            ["张三", idFor(0)],
          ],
        },
        (v) => v,
      ),
    ).toThrow(/学号/);
  });
});

describe("match keys", () => {
  it("normalise IDs and 学号 like the list does", () => {
    expect(idMatchKey(` ${toFullwidth(idFor(1))}`)).toBe(idFor(1));
    expect(idMatchKey(legacyIdFor(1))).toBe(upgradeLegacy15(legacyIdFor(1)));
    expect(studentNoKey("２２０ １５０９０１")).toBe("220150901");
  });

  it("levelResolver resolves aliases, spacing and leaves unknown values", () => {
    const resolve = levelResolver(DEFAULT_CAMPAIGN);
    expect(resolve("硕士")).toBe("硕士研究生");
    expect(resolve("博士生")).toBe("博士研究生");
    expect(resolve("博士 研究生")).toBe("博士研究生");
    expect(resolve("本科")).toBe("本科");
  });
});

describe("roster rules (SPEC §3.4)", () => {
  const withRoster = { roster };

  it("rows that agree with the roster (after normalisation) have no problems", () => {
    const problems = check(
      [
        student(0),
        student(1),
        student(2, { name: "阿卜杜·热合曼", level: "博士研究生" }),
        student(3, { idNumber: upgradeLegacy15(legacyIdFor(3, "女")) }),
      ],
      withRoster,
    );
    expect(problems).toEqual([]);
  });

  it("roster.unknown: 学号 not in the roster", () => {
    const p = only(checkOne(student(7), withRoster), "roster.unknown");
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ column: "studentNo", severity: "error" });
    expect(p[0].message).toContain("220150907");
  });

  it("roster.idMismatch: marks both cells, the fix sits on the ID cell", () => {
    const problems = checkOne(student(0, { idNumber: idFor(50, "男") }), withRoster);
    expect(where(problems)).toEqual(["studentNo:roster.idMismatch", "idNumber:roster.idMismatch"]);
    expect(problems[0].fix).toBeUndefined();
    expect(problems[1].fix).toBe(idFor(0, "男"));
    expect(problems[1].message).toContain(idFor(0, "男").slice(-4));
  });

  it("roster.idMismatch catches a wrong check character too", () => {
    const id = idFor(0, "男");
    const wrong = id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
    const problems = checkOne(student(0, { idNumber: wrong }), withRoster);
    expect(where(problems)).toEqual([
      "studentNo:roster.idMismatch",
      "idNumber:id.checksum",
      "idNumber:roster.idMismatch",
    ]);
  });

  it("roster.idElsewhere: the ID belongs to another 学号", () => {
    // Student 0's 学号 with student 1's ID (a swapped pair): both verdicts.
    const problems = checkOne(student(0, { idNumber: idFor(1, "女"), gender: "女" }), withRoster);
    expect(where(problems)).toEqual([
      "studentNo:roster.idMismatch",
      "idNumber:roster.idElsewhere",
      "idNumber:roster.idMismatch",
    ]);
    expect(only(problems, "roster.idElsewhere")[0].message).toContain("220150901");
    // An unknown 学号 with a known ID.
    const unknown = checkOne(student(8, { idNumber: idFor(2, "男") }), withRoster);
    expect(where(unknown)).toEqual(["studentNo:roster.unknown", "idNumber:roster.idElsewhere"]);
  });

  it("roster.nameMismatch: compares normalised names; fix = the roster's", () => {
    const problems = checkOne(student(0, { name: "张玮" }), withRoster);
    expect(where(problems)).toEqual(["name:roster.nameMismatch"]);
    expect(problems[0].fix).toBe("张伟");
    // Look-alike dot in the list, bullet in the roster: the same name.
    expect(where(checkOne(student(2, { name: "阿卜杜.热合曼", level: "博士" }), withRoster))).toEqual([
      "name:normalize.dot",
      "level:normalize.alias",
    ]);
  });

  it("roster.levelMismatch: compares resolved levels", () => {
    const problems = checkOne(student(0, { level: "博士研究生" }), withRoster);
    expect(where(problems)).toEqual(["level:roster.levelMismatch"]);
    expect(problems[0].fix).toBe("硕士研究生");
    expect(where(checkOne(student(0, { level: "硕士" }), withRoster))).toEqual(["level:normalize.alias"]);
  });

  it("matches a full-width 学号 in the list", () => {
    expect(where(checkOne(student(1, { studentNo: toFullwidth("220150901") }), withRoster))).toEqual([
      "studentNo:normalize.fullwidth",
    ]);
  });

  it("matches a 15-digit ID in the list against the roster's 18-digit form", () => {
    expect(where(checkOne(student(3, { idNumber: legacyIdFor(3, "女") }), withRoster))).toEqual([
      "idNumber:id.legacy15",
    ]);
  });
});

describe("captured.already (SPEC §3.4)", () => {
  const capturedGrid: Grid = {
    rows: [
      ["已采集名单"],
      ["序号", "学号", "身份证号码", "姓名"],
      [1, "220150900", null, "张伟"],
      [2, null, legacyIdFor(1, "女"), "张芳"],
      [3, "２２０１５０９０５", ` ${idFor(5, "女")}`, "张英"],
    ],
  };
  const captured = buildCaptured(capturedGrid);

  it("indexes 学号 and IDs in their matching form", () => {
    expect(captured.size).toBe(3);
    expect([...captured.studentNos].sort()).toEqual(["220150900", "220150905"]);
    expect(captured.idNumbers.has(upgradeLegacy15(legacyIdFor(1, "女")))).toBe(true);
  });

  it("finds a student by 学号", () => {
    const problems = checkOne(student(0), { captured });
    expect(where(problems)).toEqual(["studentNo:captured.already"]);
    expect(problems[0].severity).toBe("error");
  });

  it("finds a student by ID (15-digit form on the captured list)", () => {
    const problems = checkOne(student(1, { idNumber: upgradeLegacy15(legacyIdFor(1, "女")) }), { captured });
    expect(where(problems)).toEqual(["idNumber:captured.already"]);
  });

  it("leaves students who did not capture alone", () => {
    expect(check([student(2), student(3)], { captured })).toEqual([]);
  });

  it("refuses a list with neither 学号 nor ID column", () => {
    expect(() => buildCaptured({ rows: [["姓名", "性别", "学院"]] })).toThrow(ListFileError);
  });
});

describe("roster.idMismatch for IDs that are themselves wrong", () => {
  it("offers the roster's ID as the fix for a malformed or numeric ID", () => {
    const short = checkOne(student(0, { idNumber: idFor(0, "男").slice(0, 17) }), { roster });
    expect(where(short)).toEqual([
      "studentNo:roster.idMismatch",
      "idNumber:id.format",
      "idNumber:roster.idMismatch",
    ]);
    expect(short[2].fix).toBe(idFor(0, "男"));
    const numeric = checkOne(student(0, { idNumber: Number(idFor(0, "男").slice(0, 17) + "0") }), { roster });
    expect(where(numeric)).toEqual([
      "studentNo:roster.idMismatch",
      "idNumber:id.numeric",
      "idNumber:roster.idMismatch",
    ]);
    // An empty ID is cell.required alone.
    expect(where(checkOne(student(0, { idNumber: null }), { roster }))).toEqual(["idNumber:cell.required"]);
  });
});

describe("roster and captured lists of repeated rows (issue 7 §2)", () => {
  const N = 20_000;
  const resolve = levelResolver(DEFAULT_CAMPAIGN);

  it(`${N.toLocaleString("en")} roster rows of one student index one entry; the list matches it`, () => {
    const rows: CellValue[][] = [["学号", "证件号码", "学生姓名", "层次"]];
    for (let i = 0; i < N; i++) rows.push(["220150900", idFor(0, "男"), "张伟", "硕士"]);
    const roster = buildRoster({ rows }, resolve);
    expect(roster.size).toBe(1);
    expect(roster.duplicateStudentNos).toBe(N - 1);
    expect([...roster.byIdNumber]).toEqual([[idFor(0, "男"), "220150900"]]);
    // The same student N times in the list: only the two duplicate problems per row, no roster problem.
    const list = Array.from({ length: N }, () => student(0));
    const problems = check(list, { roster });
    expect(problems).toHaveLength(2 * N);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(["dup.studentNo", "dup.idNumber"]));
  });

  it(`a roster whose ${N.toLocaleString("en")} 学号 share one ID keeps the ID's first owner`, () => {
    const rows: CellValue[][] = [["学号", "证件号码"]];
    for (let i = 0; i < N; i++) rows.push([String(220150000 + i), idFor(0, "男")]);
    const roster = buildRoster({ rows }, resolve);
    expect(roster.size).toBe(N);
    expect(roster.byIdNumber.size).toBe(1);
    expect(roster.byIdNumber.get(idFor(0, "男"))).toBe("220150000");
  });

  it(`${N.toLocaleString("en")} identical captured rows are one student`, () => {
    const rows: CellValue[][] = [["学号", "身份证号"]];
    for (let i = 0; i < N; i++) rows.push(["220150900", idFor(0, "男")]);
    const captured = buildCaptured({ rows });
    expect(captured.size).toBe(N);
    expect([...captured.studentNos]).toEqual(["220150900"]);
    expect([...captured.idNumbers]).toEqual([idFor(0, "男")]);
  });
});
