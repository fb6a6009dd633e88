import {
  buildRoster,
  buildSubmission,
  DEFAULT_CAMPAIGN,
  levelResolver,
  ListChecker,
  type CellValue,
  type Grid,
  type Problem,
} from "../../src/domain";
import { DOC_TYPE_NAMES, docTypeOf, looksLikeForeignDocument } from "../../src/domain/documents";
import { HEADERS, KEYS, student, toCells, where, withCheck, type RowValues } from "./helpers";

// 9, province 11, nationality 840, born 1995-03-08, sequence 002 (even: a woman).
const FOREIGN_PR = withCheck("91184019950308002");

type Row = RowValues & { docType?: CellValue };

/** A list whose header is the template's, with or without the 证件类型 column. */
function grid(rows: readonly Row[], withDocType: boolean): Grid {
  const keys = withDocType ? [...KEYS, "docType"] : KEYS;
  const headers = withDocType ? [...HEADERS, "证件类型"] : HEADERS;
  return { rows: [headers, ...rows.map((r) => toCells(r, keys))] };
}

function run(
  rows: readonly Row[],
  withDocType: boolean,
  extra = {},
): { checker: ListChecker; problems: Problem[] } {
  const checker = new ListChecker({ campaign: DEFAULT_CAMPAIGN, ...extra });
  if (!checker.load(grid(rows, withDocType)).ok) throw new Error("no header");
  return { checker, problems: checker.problems() };
}

const problemsOf = (row: Row, withDocType = true, extra = {}) => run([row], withDocType, extra).problems;

describe("docTypeOf", () => {
  it("knows the six documents and the usual ways of writing them", () => {
    expect(DOC_TYPE_NAMES).toEqual([
      "居民身份证",
      "港澳台居民居住证",
      "港澳居民来往内地通行证",
      "台湾居民来往大陆通行证",
      "护照",
      "外国人永久居留身份证",
    ]);
    expect(docTypeOf("身份证")?.name).toBe("居民身份证");
    expect(docTypeOf("回乡证")?.name).toBe("港澳居民来往内地通行证");
    expect(docTypeOf("台胞证")?.name).toBe("台湾居民来往大陆通行证");
    expect(docTypeOf(" 护 照 ")?.name).toBe("护照");
    expect(docTypeOf("外国人永久居留证")?.name).toBe("外国人永久居留身份证");
    expect(docTypeOf("学生证")).toBeUndefined();
  });
});

describe("with a 证件类型 column (issue 8 §4)", () => {
  it.each([
    ["居民身份证", undefined],
    ["护照", "E12345678"],
    ["护照", "AB1234567"],
    ["护照", "12345"],
    ["港澳居民来往内地通行证", "H12345678"],
    ["港澳居民来往内地通行证", "M87654321"],
    ["台湾居民来往大陆通行证", "12345678"],
    ["外国人永久居留身份证", FOREIGN_PR],
  ])("%s %s is accepted", (doc, number) => {
    const row: Row = { ...student(0), docType: doc };
    if (number) {
      row.idNumber = number;
      row.gender = "女"; // travel documents carry no sex digit; the foreign card's says 女
    }
    expect(where(problemsOf(row))).toEqual([]);
  });

  it("accepts a residence permit and refuses a resident ID written as one", () => {
    const permit = withCheck("81000019940823002");
    expect(where(problemsOf({ ...student(1), docType: "港澳台居民居住证", idNumber: permit }))).toEqual([]);
    const p = problemsOf({ ...student(0), docType: "港澳台居民居住证" });
    expect(where(p)).toEqual(["idNumber:id.format"]);
    expect(p[0].message).toContain("810000");
  });

  it.each([
    ["护照", "E123"], // 4 characters
    ["护照", "E1234567-8"],
    ["护照", "E123456789012345678"], // 19
    ["港澳居民来往内地通行证", "H1234567"],
    ["港澳居民来往内地通行证", "12345678"],
    ["台湾居民来往大陆通行证", "T12345678"],
    ["台湾居民来往大陆通行证", "1234567"],
    ["外国人永久居留身份证", "11010519491231002X"],
  ])("%s %s is id.format naming the document's format", (doc, number) => {
    const problems = problemsOf({ ...student(0), docType: doc, idNumber: number, name: "Anna Berg" });
    expect(where(problems)).toEqual(["idNumber:id.format"]);
    expect(problems[0].message).toContain(doc === "护照" ? "护照号码应为" : `${doc}号码应为`);
  });

  it("checks the foreign card's check character and birth date", () => {
    const wrong = FOREIGN_PR.slice(0, 17) + (FOREIGN_PR[17] === "0" ? "1" : "0");
    expect(
      where(problemsOf({ ...student(0), docType: "外国人永久居留身份证", idNumber: wrong, gender: "女" })),
    ).toEqual(["idNumber:id.checksum"]);
    // The card carries a sex digit: 男 against an even sequence is a mismatch.
    expect(
      where(
        problemsOf({ ...student(0), docType: "外国人永久居留身份证", idNumber: FOREIGN_PR, gender: "男" }),
      ),
    ).toEqual(["gender:gender.idMismatch"]);
  });

  it("gender.idMismatch only where the document carries a sex digit", () => {
    expect(
      where(problemsOf({ ...student(0), gender: "女", docType: "护照", idNumber: "E12345678" })),
    ).toEqual([]);
    expect(
      where(problemsOf({ ...student(0), gender: "男", docType: "护照", idNumber: "E12345678" })),
    ).toEqual([]);
    expect(where(problemsOf({ ...student(0), gender: "女", docType: "居民身份证" }))).toEqual([
      "gender:gender.idMismatch",
    ]);
  });

  it("an alias is a safe normalisation to the canonical name", () => {
    const problems = problemsOf({ ...student(0), docType: "身份证" });
    expect(problems).toMatchObject([
      { column: "docType", code: "normalize.alias", severity: "warning", fix: "居民身份证" },
    ]);
  });

  it("an unknown value is an error listing the accepted ones, and the number is not judged", () => {
    const problems = problemsOf({ ...student(0), docType: "学生证", idNumber: "E12345678" });
    expect(where(problems)).toEqual(["docType:docType.value"]);
    for (const name of DOC_TYPE_NAMES) expect(problems[0].message).toContain(`“${name}”`);
  });

  it("a blank 证件类型 cell is judged as if the column were absent", () => {
    expect(where(problemsOf({ ...student(0), docType: null }))).toEqual([]);
    expect(where(problemsOf({ ...student(0), docType: null, idNumber: "E12345678" }))).toEqual([
      "idNumber:id.foreign",
    ]);
  });

  it("Latin-letter names are fine for holders of other documents, not for a resident ID", () => {
    for (const name of [
      "John Smith",
      "Anne-Marie O'Neil",
      "José María",
      "Jean·Pierre",
      "NGUYEN VAN AN",
      "D’Arcy",
    ]) {
      expect([
        name,
        where(problemsOf({ ...student(0), name, docType: "护照", idNumber: "E12345678" })),
      ]).toEqual([name, []]);
    }
    expect(where(problemsOf({ ...student(0), name: "Zhang Wei", docType: "居民身份证" }))).toEqual([
      "name:name.chars",
    ]);
    expect(where(problemsOf({ ...student(0), name: "Zhang Wei" }, false))).toEqual(["name:name.chars"]);
    // Digits, a doubled space or a trailing hyphen are not names on any document.
    for (const name of ["John2 Smith", "John  Smith", "John-", "王John"]) {
      expect(where(problemsOf({ ...student(0), name, docType: "护照", idNumber: "E12345678" }))).toEqual([
        "name:name.chars",
      ]);
    }
  });

  it("a lowercase passport number is upper-cased as a safe fix", () => {
    const problems = problemsOf({ ...student(0), docType: "护照", idNumber: "e12345678" });
    expect(problems).toMatchObject([{ column: "idNumber", code: "normalize.case", fix: "E12345678" }]);
  });
});

describe("without a 证件类型 column", () => {
  it.each([
    ["E12345678", "护照号码"],
    ["AB1234567", "护照号码"],
    ["H12345678", "港澳居民来往内地通行证号码"],
    [FOREIGN_PR, "外国人永久居留身份证号码"],
  ])("%s is id.foreign, a warning naming what it looks like", (number, looks) => {
    const problems = problemsOf({ ...student(0), idNumber: number, name: "Anna Berg" }, false);
    expect(where(problems)).toEqual(["idNumber:id.foreign"]);
    expect(problems[0].severity).toBe("warning");
    expect(problems[0].message).toContain(looks);
  });

  it("digits only (a 学号, a truncated ID) or an ID with a misplaced X stay id.format", () => {
    for (const number of ["220150900", "1101051990010100", "11010519900101X", "ABCDEFG"]) {
      expect([number, where(problemsOf({ ...student(0), idNumber: number }, false))]).toEqual([
        number,
        ["idNumber:id.format"],
      ]);
    }
    expect(looksLikeForeignDocument("12345678X")).toBeUndefined();
    expect(looksLikeForeignDocument("G1234567X")).toBe("passport");
  });

  it("two rows with one passport number are duplicates", () => {
    const rows = [
      { ...student(0), idNumber: "E12345678" },
      { ...student(1), idNumber: "E12345678" },
    ];
    expect(where(run(rows, false).problems).filter((w) => w.endsWith("dup.idNumber"))).toHaveLength(2);
  });
});

describe("the roster decides (issue 8 §4, §6)", () => {
  function roster(rows: (string | null)[][], headers = ["学号", "姓名", "身份证号", "证件类型"]) {
    return buildRoster({ rows: [headers, ...rows] }, levelResolver(DEFAULT_CAMPAIGN));
  }
  const sno = student(0).studentNo as string;

  it("no warning when the roster's number for the 学号 is this one", () => {
    const r = roster([[sno, "Anna Berg", "E12345678", null]]);
    expect(
      where(problemsOf({ ...student(0), name: "Anna Berg", idNumber: "E12345678" }, false, { roster: r })),
    ).toEqual([]);
  });

  it("roster.idMismatch, not id.foreign, when the roster holds another number", () => {
    const r = roster([[sno, "Anna Berg", "E99999999", null]]);
    const problems = problemsOf({ ...student(0), name: "Anna Berg", idNumber: "E12345678" }, false, {
      roster: r,
    });
    expect(where(problems)).toEqual(["studentNo:roster.idMismatch", "idNumber:roster.idMismatch"]);
    expect(problems[1].fix).toBe("E99999999");
  });

  it("the roster's 证件类型 is the document the list's number is checked against", () => {
    const r = roster([[sno, "Anna Berg", "12345678", "台胞证"]]);
    expect(
      where(problemsOf({ ...student(0), name: "Anna Berg", idNumber: "12345678" }, false, { roster: r })),
    ).toEqual([]);
    const bad = roster([[sno, "Anna Berg", "1234567", "台湾居民来往大陆通行证"]]);
    const problems = problemsOf({ ...student(0), name: "Anna Berg", idNumber: "1234567" }, false, {
      roster: bad,
    });
    expect(where(problems)).toEqual(["idNumber:id.format"]);
    expect(problems[0].message).toContain("8位数字");
  });
});

describe("the submission keeps 证件类型 only when the list had it (issue 8 §4)", () => {
  it("writes the column after Xinhua's columns, with canonical values", () => {
    const { checker } = run(
      [
        { ...student(0), docType: "身份证" },
        { ...student(1), docType: "护照", idNumber: "E12345678", name: "Anna Berg" },
      ],
      true,
    );
    const out = buildSubmission(checker);
    if (!out.ok) throw new Error(out.reason);
    const headers = out.sheet.columns.map((c) => c.header);
    expect(headers.indexOf("证件类型")).toBe(headers.length - 1);
    const col = headers.indexOf("证件类型");
    const id = headers.indexOf("身份证号");
    expect(out.sheet.rows.map((r) => [r[col], r[id]])).toEqual([
      ["居民身份证", student(0).idNumber],
      ["护照", "E12345678"],
    ]);
  });

  it("writes Xinhua's columns alone for a list without it, or with the column left empty", () => {
    for (const [rows, withDocType] of [
      [[student(0)], false],
      [[{ ...student(0), docType: null }], true],
    ] as const) {
      const out = buildSubmission(run(rows, withDocType).checker);
      if (!out.ok) throw new Error(out.reason);
      expect(out.sheet.columns.map((c) => c.header)).toEqual(HEADERS);
    }
  });
});
