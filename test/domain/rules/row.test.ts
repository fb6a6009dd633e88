import { parseCampaign, upgradeLegacy15, type Problem } from "../../../src/domain";
import { defaultMailAddress } from "../../../src/domain/colleges.default";
import {
  check,
  checkOne,
  COLLEGE,
  idFor,
  legacyIdFor,
  only,
  student,
  where,
  withCheck,
  type RowValues,
} from "../helpers";

const PROFILE = { recipient: "赵老师", recipientPhone: "13912345678" };
const ADDRESS = defaultMailAddress(COLLEGE);
const WITH_PROFILE = { college: COLLEGE, profile: PROFILE };

/** A complete, correct off-site row for the chosen college's profile. */
function offsite(n: number, overrides: RowValues = {}): RowValues {
  return student(n, {
    mode: "异地采集",
    site: "新华社四川分社",
    mailAddress: ADDRESS,
    recipient: PROFILE.recipient,
    recipientPhone: PROFILE.recipientPhone,
    ...overrides,
  });
}

function one(problems: Problem[], code: string): Problem {
  const found = only(problems, code);
  expect(found).toHaveLength(1);
  return found[0];
}

describe("a correct row", () => {
  it("has no problems (on-site, off-site with a profile, make-up)", () => {
    expect(checkOne(student(0))).toEqual([]);
    expect(checkOne(student(1), WITH_PROFILE)).toEqual([]);
    expect(checkOne(offsite(2), WITH_PROFILE)).toEqual([]);
    expect(checkOne(offsite(3, { mode: "补拍", site: null }), WITH_PROFILE)).toEqual([]);
  });

  it("reports problems on the worksheet's own row number", () => {
    const problems = check([student(0), student(1, { gender: "X" })]);
    expect(problems.map((p) => [p.row, p.code])).toEqual([[4, "gender.value"]]);
  });
});

describe("ID numbers (SPEC §3.2)", () => {
  it("id.numeric: an ID typed as a number", () => {
    const p = one(checkOne(student(0, { idNumber: 110105199003071230 })), "id.numeric");
    expect(p).toMatchObject({ row: 3, column: "idNumber", severity: "error" });
    expect(p.message).toContain("文本");
    expect(only(checkOne(student(0)), "id.numeric")).toEqual([]);
  });

  it("id.format: wrong length or characters", () => {
    const id = idFor(0);
    for (const bad of [
      id.slice(0, 17),
      id + "1",
      id.slice(0, 10) + "A" + id.slice(11),
      id.slice(0, 17) + "Y",
    ]) {
      const p = one(checkOne(student(0, { idNumber: bad })), "id.format");
      expect(p).toMatchObject({ column: "idNumber", severity: "error" });
    }
    expect(only(checkOne(student(0)), "id.format")).toEqual([]);
  });

  it("id.region: not a province-level code", () => {
    const p = one(checkOne(student(0, { idNumber: idFor(0, "男", "990105") })), "id.region");
    expect(p.message).toContain("99");
    expect(only(checkOne(student(0, { idNumber: idFor(0, "男", "650102") })), "id.region")).toEqual([]);
  });

  it("id.birthdate: impossible date, after the capture date, before 1900", () => {
    for (const first17 of [
      "11010519900230001", // 30 February
      "11010520180101001", // after the capture date
      "11010518991231001", // before 1900
    ]) {
      one(checkOne(student(0, { idNumber: withCheck(first17) })), "id.birthdate");
    }
    // 16 on the capture day itself, 80 on the capture day: both fine.
    expect(where(checkOne(student(0, { idNumber: withCheck("11010520011101001") })))).toEqual([]);
    expect(where(checkOne(student(0, { idNumber: withCheck("11010519371101001") })))).toEqual([]);
  });

  it("id.age: 15 or 81 at the capture date is a warning on a valid ID, never an error", () => {
    for (const [first17, age] of [
      ["11010520011102001", 15],
      ["11010519361031001", 81],
    ] as const) {
      const problems = checkOne(student(0, { idNumber: withCheck(first17) }));
      expect(where(problems)).toEqual(["idNumber:id.age"]);
      expect(problems[0]).toMatchObject({ severity: "warning" });
      expect(problems[0].message).toContain(`${age}周岁`);
    }
  });

  it("reports every defect of one ID: region, impossible date and checksum together", () => {
    const first17 = "99010519900230001";
    const check18 = withCheck(first17);
    const wrong = first17 + (check18[17] === "0" ? "1" : "0");
    expect(where(checkOne(student(0, { idNumber: wrong })))).toEqual([
      "idNumber:id.birthdate",
      "idNumber:id.checksum",
      "idNumber:id.region",
    ]);
  });

  it("an implausible age no longer hides a wrong check character", () => {
    const id = withCheck("11010520100505001");
    const wrong = id.slice(0, 17) + (id[17] === "0" ? "1" : "0");
    expect(where(checkOne(student(0, { idNumber: wrong })))).toEqual([
      "idNumber:id.age",
      "idNumber:id.checksum",
    ]);
  });

  it("id.checksum: the message gives the expected character", () => {
    const id = idFor(0);
    const wrong = id.slice(0, 17) + (id[17] === "0" ? "1" : "0");
    const p = one(checkOne(student(0, { idNumber: wrong })), "id.checksum");
    expect(p.message).toContain(`“${id[17]}”`);
    expect(p.severity).toBe("error");
  });

  it("id.legacy15: a valid 15-digit ID is a warning whose fix is the 18-digit form", () => {
    const old = legacyIdFor(4);
    const p = one(checkOne(student(0, { idNumber: old })), "id.legacy15");
    expect(p).toMatchObject({ column: "idNumber", severity: "warning", fix: upgradeLegacy15(old) });
    // "19" before YYMMDD, then the MOD 11-2 check character (weights 2^(17-i) mod 11, computed here).
    const first17 = `${old.slice(0, 6)}19${old.slice(6)}`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
    expect(p.fix).toBe(first17 + "10X98765432"[sum % 11]);
    expect(where(checkOne(student(0, { idNumber: old })))).toEqual(["idNumber:id.legacy15"]);
    // An invalid 15-digit ID (month 13) is not a legacy ID.
    expect(where(checkOne(student(0, { idNumber: "620102801315001" })))).toEqual(["idNumber:id.birthdate"]);
  });

  it("accepts Hong Kong, Macau and Taiwan residence permits", () => {
    for (const region of ["810000", "820000", "830000"]) {
      expect(checkOne(student(0, { idNumber: idFor(0, "男", region) }))).toEqual([]);
      expect(checkOne(student(1, { idNumber: idFor(1, "女", region) }))).toEqual([]);
    }
  });

  it("gender.idMismatch: 性别 disagrees with the ID's sex digit (15 and 18 digits)", () => {
    const p = one(checkOne(student(0, { gender: "女", idNumber: idFor(0, "男") })), "gender.idMismatch");
    expect(p).toMatchObject({ column: "gender", severity: "error" });
    expect(p.message).toContain("男");
    one(checkOne(student(0, { gender: "男", idNumber: legacyIdFor(0, "女") })), "gender.idMismatch");
    expect(
      only(checkOne(student(0, { gender: "女", idNumber: idFor(0, "女") })), "gender.idMismatch"),
    ).toEqual([]);
    // No verdict from an ID that is itself wrong.
    expect(codesOf(checkOne(student(0, { gender: "女", idNumber: idFor(0, "男").slice(0, 17) })))).toEqual([
      "id.format",
    ]);
  });

  it("normalises before checking: lower-case x, spaces, full-width digits", () => {
    let id = idFor(0);
    let n = 0;
    while (!id.endsWith("X")) id = idFor(++n);
    const gender = Number(id[16]) % 2 ? "男" : "女";
    expect(where(checkOne(student(0, { gender, idNumber: id.toLowerCase() })))).toEqual([
      "idNumber:normalize.case",
    ]);
    const spaced = `${id.slice(0, 6)} ${id.slice(6)}`;
    expect(where(checkOne(student(0, { gender, idNumber: spaced })))).toEqual([
      "idNumber:normalize.whitespace",
    ]);
    const p = checkOne(student(0, { gender, idNumber: ` ${id.toLowerCase()}` }));
    expect(p.every((q) => q.fix === id)).toBe(true);
  });
});

describe("other cells (SPEC §3.3)", () => {
  it("cell.required for every always-required column", () => {
    for (const key of [
      "college",
      "name",
      "gender",
      "studentNo",
      "idNumber",
      "level",
      "gradDate",
      "mode",
    ] as const) {
      for (const blank of [null, "", "   "]) {
        const problems = checkOne(student(0, { [key]: blank }));
        const p = one(problems, "cell.required");
        expect(p).toMatchObject({ column: key, severity: "error" });
      }
    }
    // seq and note are optional.
    expect(checkOne(student(0, { seq: null, note: null }))).toEqual([]);
  });

  it("cell.required for 采集地点 only when the mode needs it", () => {
    const p = one(checkOne(offsite(0, { site: null }), WITH_PROFILE), "cell.required");
    expect(p).toMatchObject({ column: "site" });
    expect(p.message).toContain("异地采集");
    expect(checkOne(offsite(0, { mode: "补拍", site: null }), WITH_PROFILE)).toEqual([]);
    expect(checkOne(student(0, { site: null }))).toEqual([]);
  });

  it("cell.required for mailing cells of off-site rows when there is no profile value", () => {
    // Default colleges have an address but no secretary: recipient and phone must be filled by hand.
    const problems = checkOne(student(0, { mode: "补拍" }));
    expect(where(problems)).toEqual([
      "mailAddress:offsite.address",
      "recipient:cell.required",
      "recipientPhone:cell.required",
    ]);
    const filled = checkOne(
      student(0, { mode: "补拍", mailAddress: ADDRESS, recipient: "钱老师", recipientPhone: "13800001111" }),
    );
    expect(filled).toEqual([]);
    // Without a profile the phone must still look like a mainland mobile.
    const bad = checkOne(
      student(0, { mode: "补拍", mailAddress: ADDRESS, recipient: "钱老师", recipientPhone: "0931-8912345" }),
    );
    expect(where(bad)).toEqual(["recipientPhone:offsite.phone"]);
    expect(bad[0].fix).toBeUndefined();
  });

  it("gender.value", () => {
    for (const g of ["M", "男生", "1"]) one(checkOne(student(0, { gender: g })), "gender.value");
    expect(checkOne(student(1, { gender: "女" }))).toEqual([]);
    expect(where(checkOne(student(0, { gender: "男性" })))).toEqual(["gender:normalize.alias"]);
    // Not a lookup in Object.prototype.
    for (const g of ["constructor", "toString", "__proto__"]) {
      expect(where(checkOne(student(0, { gender: g })))).toEqual(["gender:gender.value"]);
    }
  });

  it("studentNo.format: not ASCII digits, or not the campaign pattern", () => {
    one(checkOne(student(0, { studentNo: "ab12" })), "studentNo.format");
    one(checkOne(student(0, { studentNo: "2201509O1" })), "studentNo.format");
    one(checkOne(student(0, { studentNo: "1234567" })), "studentNo.format"); // 7 digits < 8
    one(checkOne(student(0, { studentNo: "1234567890123456" })), "studentNo.format"); // 16 > 15
    expect(checkOne(student(0, { studentNo: 220150901 }))).toEqual([]); // a number cell is fine
    expect(checkOne(student(0, { studentNo: "12345678" }))).toEqual([]);
    const campaign = parseCampaign({ studentNoPattern: "^2201\\d{5}$" });
    expect(checkOne(student(0, { studentNo: "220150901" }), { campaign })).toEqual([]);
    const p = one(checkOne(student(0, { studentNo: "320150901" }), { campaign }), "studentNo.format");
    expect(p.message).toContain("320150901");
    // Full-width digits are folded first: only a warning.
    expect(where(checkOne(student(0, { studentNo: "２２０１５０９００" })))).toEqual([
      "studentNo:normalize.fullwidth",
    ]);
  });

  it("level.value and level aliases", () => {
    for (const [alias, level] of [
      ["博士", "博士研究生"],
      ["博士生", "博士研究生"],
      ["硕士", "硕士研究生"],
      ["硕士生", "硕士研究生"],
    ]) {
      const problems = checkOne(student(0, { level: alias }));
      expect(where(problems)).toEqual(["level:normalize.alias"]);
      expect(problems[0]).toMatchObject({ severity: "warning", fix: level });
    }
    expect(checkOne(student(0, { level: "博士研究生" }))).toEqual([]);
    for (const bad of ["本科", "研究生", "博士后"]) one(checkOne(student(0, { level: bad })), "level.value");
  });

  it("gradDate: the accepted forms resolve to a batch", () => {
    for (const [form, batch] of [
      ["2018-06", "2018年6月"],
      ["2018.6", "2018年6月"],
      ["201806", "2018年6月"],
      ["2018-06-01", "2018年6月"],
      ["２０１８年６月", "2018年6月"],
      ["2018年06月", "2018年6月"],
      ["2018/12", "2018年12月"],
      ["2018-12-01", "2018年12月"],
    ]) {
      const problems = checkOne(student(0, { gradDate: form }));
      expect([form, where(problems)]).toEqual([form, ["gradDate:normalize.alias"]]);
      expect(problems[0].fix).toBe(batch);
    }
    expect(checkOne(student(0, { gradDate: "2018年12月" }))).toEqual([]);
  });

  it("gradDate.value: not one of the campaign's batches", () => {
    for (const bad of ["2019年6月", "2018年7月", "2018-13", "明年", "2018"]) {
      const p = one(checkOne(student(0, { gradDate: bad })), "gradDate.value");
      expect(p.message).toContain("2018年6月");
    }
  });

  it("mode.value and mode aliases", () => {
    expect(where(checkOne(student(0, { mode: "现场" })))).toEqual(["mode:normalize.alias"]);
    expect(where(checkOne(offsite(0, { mode: "异地" }), WITH_PROFILE))).toEqual(["mode:normalize.alias"]);
    expect(where(checkOne(offsite(0, { mode: "补采", site: null }), WITH_PROFILE))).toEqual([
      "mode:normalize.alias",
    ]);
    one(checkOne(student(0, { mode: "网上采集" })), "mode.value");
  });

  it("college.value: unknown college", () => {
    const p = one(checkOne(student(0, { college: "计算机学院" })), "college.value");
    expect(p.message).toContain("计算机学院");
    expect(checkOne(student(0, { college: "教育学院" }))).toEqual([]);
  });

  it("college.value: another college than the one being checked", () => {
    const p = one(checkOne(student(0, { college: "文学院" }), { college: COLLEGE }), "college.value");
    expect(p.message).toContain(COLLEGE);
    expect(checkOne(student(0), { college: COLLEGE })).toEqual([]);
    expect(checkOne(student(0, { college: "文学院" }))).toEqual([]);
  });

  it("the 2017 name 政治与行政学院 is an alias of 政治与国际关系学院", () => {
    const problems = checkOne(student(0, { college: "政治与行政学院" }), { college: "政治与国际关系学院" });
    expect(where(problems)).toEqual(["college:normalize.alias"]);
    expect(problems[0].fix).toBe("政治与国际关系学院");
    expect(checkOne(student(0, { college: "政治与行政学院" }), { college: "政治与行政学院" })).toHaveLength(
      1,
    );
  });

  it("offsite.*: mailing cells must equal the college profile; fix = the profile's value", () => {
    const problems = checkOne(
      offsite(0, { mailAddress: "四川省成都市", recipient: "张三", recipientPhone: "13900000000" }),
      WITH_PROFILE,
    );
    expect(where(problems)).toEqual([
      "mailAddress:offsite.address",
      "recipient:offsite.recipient",
      "recipientPhone:offsite.phone",
    ]);
    expect(problems.map((p) => p.fix)).toEqual([ADDRESS, PROFILE.recipient, PROFILE.recipientPhone]);
    expect(problems.every((p) => p.severity === "error")).toBe(true);
    // Empty cells differ too (and "fill" writes them).
    const empty = checkOne(
      offsite(0, { mailAddress: null, recipient: null, recipientPhone: null }),
      WITH_PROFILE,
    );
    expect(codesOf(empty)).toEqual(["offsite.address", "offsite.recipient", "offsite.phone"]);
    // Spacing and width differences are not differences.
    const spaced = offsite(0, {
      mailAddress: ` ${ADDRESS.replace("222", "２２２")}`,
      recipientPhone: "139 1234 5678",
    });
    expect(codesOf(checkOne(spaced, WITH_PROFILE)).filter((c) => c.startsWith("offsite"))).toEqual([]);
  });

  it("offsite.*: a campaign profile counts like a pane profile", () => {
    const campaign = parseCampaign({ colleges: [{ name: COLLEGE, ...PROFILE }] });
    expect(checkOne(offsite(0), { campaign })).toEqual([]);
    expect(codesOf(checkOne(offsite(0, { recipient: "钱老师" }), { campaign }))).toEqual([
      "offsite.recipient",
    ]);
  });

  it("onsite.mailFields: a 现场采集 row with mailing cells filled", () => {
    const problems = checkOne(student(0, { mailAddress: ADDRESS, recipientPhone: "13912345678" }));
    expect(where(problems)).toEqual(["mailAddress:onsite.mailFields", "recipientPhone:onsite.mailFields"]);
    expect(problems.every((p) => p.severity === "warning")).toBe(true);
    expect(checkOne(student(0, { site: "盘旋路校区" }))).toEqual([]);
  });
});

function codesOf(problems: Problem[]): string[] {
  return problems.map((p) => p.code);
}
