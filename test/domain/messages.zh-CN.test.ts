import { makeProblem, PROBLEM_CODES, SEVERITY, type ProblemCode, type ProblemParams } from "../../src/domain";
import { renderMessage } from "../../src/domain/messages.zh-CN";

/** Representative params for every code (the type makes this table complete). */
const SAMPLES: { [C in ProblemCode]: ProblemParams[C][] } = {
  "header.missing": [{ header: "学号" }],
  "header.duplicate": [{ header: "身份证号", columns: ["F", "O"] }],
  "normalize.whitespace": [{ header: "姓名" }],
  "normalize.fullwidth": [{ header: "学号" }],
  "normalize.case": [{ header: "身份证号" }],
  "normalize.dot": [{ header: "姓名" }],
  "normalize.alias": [{ header: "培养层次", from: "硕士", to: "硕士研究生" }],
  "id.numeric": [{}],
  "id.format": [
    { length: 17 },
    { length: 9, doc: "residencePermit" },
    { length: 10, doc: "hkMacauPermit" },
    { length: 9, doc: "taiwanPermit" },
    { length: 4, doc: "passport" },
    { length: 17, doc: "foreignPermanent" },
  ],
  "id.region": [{ region: "99" }],
  "id.birthdate": [
    { date: "1990-02-30", reason: "invalid" },
    { date: "2018-01-01", reason: "future" },
    { date: "1899-12-31", reason: "early" },
  ],
  "id.age": [
    { date: "2002-01-01", age: 15, min: 16, max: 80 },
    { date: "1930-01-01", age: 87, min: 16, max: 80 },
  ],
  "id.foreign": [
    { looksLike: "passport" },
    { looksLike: "hkMacauPermit" },
    { looksLike: "foreignPermanent" },
  ],
  "docType.value": [{ value: "学生证", allowed: ["居民身份证", "护照"] }],
  "id.checksum": [{ expected: "X", actual: "1" }],
  "id.legacy15": [{ upgraded: "110105199003071234" }],
  "gender.idMismatch": [{ gender: "女", idGender: "男" }],
  "cell.required": [{ header: "姓名" }, { header: "采集地点", mode: "异地采集" }],
  "cell.tooLong": [{ header: "备注", length: 40_000, limit: 32_767 }],
  "name.chars": [
    { reason: "digit", char: "3" },
    { reason: "latin", char: "A" },
    { reason: "space" },
    { reason: "punct", char: "，" },
    { reason: "empty" },
    { reason: "other", char: "さ" },
  ],
  "gender.value": [{ value: "M" }],
  "studentNo.format": [
    { value: "ab12", reason: "chars", pattern: "^\\d{8,15}$" },
    { value: "1234", reason: "pattern", pattern: "^\\d{8,15}$" },
  ],
  "level.value": [{ value: "本科", allowed: ["博士研究生", "硕士研究生"] }],
  "gradDate.value": [{ value: "2019年6月", allowed: ["2018年6月", "2018年12月"] }],
  "mode.value": [{ value: "网上", allowed: ["现场采集", "异地采集", "补拍"] }],
  "college.value": [{ value: "计算机学院" }, { value: "文学院", expected: "信息科学与工程学院" }],
  "offsite.address": [{ mode: "异地采集", expected: "甘肃省兰州市城关区天水南路222号" }],
  "offsite.recipient": [{ mode: "补拍", expected: "赵老师" }],
  "offsite.phone": [
    { mode: "异地采集", expected: "13912345678", reason: "differs" },
    { mode: "异地采集", expected: "", reason: "format" },
  ],
  "onsite.mailFields": [{ mode: "现场采集" }],
  "dup.studentNo": [
    { value: "220150900", sameAs: 3 },
    { value: "220150900", sameAs: 4, total: 2 },
    { value: "220150900", sameAs: 4, total: 8 },
  ],
  "dup.idNumber": [{ sameAs: 3 }, { sameAs: 9, total: 5 }],
  "roster.unknown": [{ studentNo: "220150907" }],
  "roster.idMismatch": [{ studentNo: "220150900", expectedTail: "123X" }],
  "roster.idElsewhere": [{ otherStudentNo: "220150901" }],
  "roster.nameMismatch": [{ expected: "张伟", actual: "张玮" }],
  "roster.levelMismatch": [{ expected: "硕士研究生", actual: "博士研究生" }],
  "captured.already": [{ by: "studentNo" }, { by: "idNumber" }],
};

const cases = PROBLEM_CODES.flatMap((code) =>
  (SAMPLES[code] as ProblemParams[ProblemCode][]).map((params, i) => [code, i, params] as const),
);

describe("renderMessage (zh-CN)", () => {
  it("covers every code exactly (no stale or missing codes)", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...PROBLEM_CODES].sort());
    expect(PROBLEM_CODES).toHaveLength(38);
  });

  it.each(cases)("%s (#%i) renders a clean Chinese message", (code, _i, params) => {
    const message = renderMessage(code, params as never);
    expect(message.trim().length).toBeGreaterThan(5);
    expect(message).toMatch(/\p{Script=Han}/u);
    expect(message).not.toMatch(/undefined|null|NaN|\[object|\$\{/);
    // Every string param the secretary needs to see appears in the message.
    for (const key of [
      "header",
      "value",
      "studentNo",
      "expected",
      "actual",
      "otherStudentNo",
      "region",
      "mode",
    ] as const) {
      const v = (params as Record<string, unknown>)[key];
      if (typeof v === "string" && v) expect(message).toContain(v);
    }
  });

  it("a duplicate names one other row; the group's first row also says how many rows share the value", () => {
    expect(renderMessage("dup.studentNo", { value: "1", sameAs: 4 })).toBe(
      "学号“1”重复，与第4行相同。每位学生只能报一次。",
    );
    // A pair needs no count: both rows name each other.
    expect(renderMessage("dup.studentNo", { value: "1", sameAs: 4, total: 2 })).toBe(
      "学号“1”重复，与第4行相同。每位学生只能报一次。",
    );
    expect(renderMessage("dup.studentNo", { value: "1", sameAs: 4, total: 100_000 })).toBe(
      "学号“1”重复：共100000行填了这个学号，与第4行等99999行相同。每位学生只能报一次。",
    );
    expect(renderMessage("dup.idNumber", { sameAs: 9 })).toBe("身份证号重复，与第9行相同。");
    expect(renderMessage("dup.idNumber", { sameAs: 9, total: 5 })).toBe(
      "身份证号重复：共5行填了这个身份证号，与第9行等4行相同。",
    );
  });

  it("distinguishes the variants of one code", () => {
    const birth = SAMPLES["id.birthdate"].map((p) => renderMessage("id.birthdate", p));
    expect(new Set(birth).size).toBe(birth.length);
    const formats = SAMPLES["id.format"].map((p) => renderMessage("id.format", p));
    expect(new Set(formats).size).toBe(formats.length);
    const foreign = SAMPLES["id.foreign"].map((p) => renderMessage("id.foreign", p));
    expect(new Set(foreign).size).toBe(foreign.length);
    const names = SAMPLES["name.chars"].map((p) => renderMessage("name.chars", p));
    expect(new Set(names).size).toBe(names.length);
    expect(renderMessage("captured.already", { by: "studentNo" })).not.toBe(
      renderMessage("captured.already", { by: "idNumber" }),
    );
  });
});

describe("makeProblem", () => {
  it("takes the severity from the code and renders the message", () => {
    expect(makeProblem(5, "idNumber", "id.legacy15", { upgraded: "1" }, "1")).toEqual({
      row: 5,
      column: "idNumber",
      code: "id.legacy15",
      severity: "warning",
      message: renderMessage("id.legacy15", { upgraded: "1" }),
      fix: "1",
    });
    expect(makeProblem(5, "gender", "gender.value", { value: "M" })).not.toHaveProperty("fix");
  });

  it("renders the new ID wordings exactly", () => {
    expect(renderMessage("id.age", { date: "2010-05-05", age: 7, min: 16, max: 80 })).toBe(
      "身份证号中的出生日期 2010-05-05 按采集日期计算为7周岁，不在常见的16–80周岁之间。号码本身有效，请对照学籍信息确认。",
    );
    expect(renderMessage("id.foreign", { looksLike: "passport" })).toBe(
      "这不是居民身份证号，看起来是护照号码。请对照学生档案确认；持其他证件的学生，可在名单中加一列“证件类型”注明。",
    );
    expect(renderMessage("id.format", { length: 10, doc: "hkMacauPermit" })).toBe(
      "证件号码格式不对（现为10位）：港澳居民来往内地通行证号码应为字母H或M加8位数字。",
    );
    expect(renderMessage("docType.value", { value: "学生证", allowed: ["居民身份证", "护照"] })).toBe(
      "证件类型“学生证”无法识别，只能填“居民身份证”、“护照”。",
    );
  });

  it("only normalisations, legacy IDs, implausible ages, foreign-looking numbers and on-site mailing cells are warnings", () => {
    const warnings = PROBLEM_CODES.filter((c) => SEVERITY[c] === "warning");
    expect(warnings.sort()).toEqual(
      [
        "id.age",
        "id.foreign",
        "id.legacy15",
        "normalize.alias",
        "normalize.case",
        "normalize.dot",
        "normalize.fullwidth",
        "normalize.whitespace",
        "onsite.mailFields",
      ].sort(),
    );
  });
});
