import {
  crossCollegeDuplicates,
  DEFAULT_CAMPAIGN,
  mergeSubmissions,
  parseCampaign,
  upgradeLegacy15,
  type MergedList,
} from "../../src/domain";
import { idFor, legacyIdFor } from "./helpers";
import { of, raw, submissionOf } from "./mergeHelpers";

const WEN = "文学院"; // first college of the default campaign
const ZHE = "哲学社会学院"; // third
const FA = "法学院"; // sixth

const column = (m: MergedList, key: string) => m.columns.findIndex((c) => c.key === key);
const pick = (m: MergedList, rows: string[][], ...keys: string[]) =>
  rows.map((r) => keys.map((k) => r[column(m, k)]));

describe("mergeSubmissions", () => {
  // Submitted out of order: 法学院 first, each college's rows unsorted.
  const fa = submissionOf(FA, [of(FA, 5), of(FA, 3)]);
  const wen = submissionOf(WEN, [of(WEN, 7), of(WEN, 1), of(WEN, 2, { gradDate: "2018年12月" })]);

  it("sorts by college in campaign order then 学号, renumbers 序号 and keeps IDs as strings", () => {
    const m = mergeSubmissions(DEFAULT_CAMPAIGN, [fa, wen]);
    expect(pick(m, m.rows, "seq", "college", "studentNo", "idNumber")).toEqual([
      ["1", WEN, "220150901", idFor(1, "女")],
      ["2", WEN, "220150902", idFor(2, "男")],
      ["3", WEN, "220150907", idFor(7, "女")],
      ["4", FA, "220150903", idFor(3, "女")],
      ["5", FA, "220150905", idFor(5, "女")],
    ]);
    expect(m.columns.map((c) => c.header)).toEqual(fa.columns.map((c) => c.header));
    expect(m.columns.filter((c) => c.text).map((c) => c.key)).toEqual([
      "studentNo",
      "idNumber",
      "recipientPhone",
    ]);
    expect(m.students).toBe(5);
    expect(m.duplicates).toEqual([]);
  });

  it("splits by graduation batch in campaign order, 序号 from 1 in each", () => {
    const m = mergeSubmissions(DEFAULT_CAMPAIGN, [fa, wen]);
    expect(m.groups.map((g) => g.batch)).toEqual(["2018年6月", "2018年12月"]);
    expect(pick(m, m.groups[0].rows, "seq", "studentNo")).toEqual([
      ["1", "220150901"],
      ["2", "220150907"],
      ["3", "220150903"],
      ["4", "220150905"],
    ]);
    expect(pick(m, m.groups[1].rows, "seq", "studentNo", "gradDate")).toEqual([
      ["1", "220150902", "2018年12月"],
    ]);
  });

  it("keeps one group with every row when the campaign has one batch", () => {
    const campaign = parseCampaign({ gradBatches: ["2018年6月"] });
    const m = mergeSubmissions(campaign, [submissionOf(FA, [of(FA, 5), of(FA, 3)], campaign)]);
    expect(m.groups).toEqual([{ batch: "2018年6月", rows: m.rows }]);
  });

  it("puts rows outside the campaign's batches in a last group", () => {
    const odd = raw(WEN, [["甲", "220150001", idFor(1)]]);
    const withDate = {
      ...odd,
      columns: [...odd.columns, { key: "gradDate" }],
      rows: [[...odd.rows[0], "2019年6月"]],
    };
    const m = mergeSubmissions(DEFAULT_CAMPAIGN, [withDate, fa]);
    expect(m.groups.map((g) => [g.batch, g.rows.length])).toEqual([
      ["2018年6月", 2],
      [undefined, 1],
    ]);
  });

  it("counts heads by level, mode and batch and the fee per college", () => {
    const m = mergeSubmissions(DEFAULT_CAMPAIGN, [
      fa,
      submissionOf(WEN, [
        of(WEN, 7),
        of(WEN, 1, { level: "博士研究生" }),
        of(WEN, 2, { gradDate: "2018年12月" }),
      ]),
    ]);
    expect(m.totals).toEqual([
      {
        college: WEN,
        students: 3,
        byLevel: { 硕士研究生: 2, 博士研究生: 1 },
        byMode: { 现场采集: 3 },
        byBatch: { "2018年6月": 2, "2018年12月": 1 },
        feeDue: 39,
      },
      {
        college: FA,
        students: 2,
        byLevel: { 硕士研究生: 2 },
        byMode: { 现场采集: 2 },
        byBatch: { "2018年6月": 2 },
        feeDue: 26,
      },
    ]);
    expect(m.feeDue).toBe(65);
    expect(m.feePaid).toBeUndefined();
  });

  it("sets registered payments against the fee due, naming a college that paid without a list", () => {
    const payments = new Map([
      [FA, 10],
      [ZHE, 13],
      [WEN, 39],
    ]);
    const m = mergeSubmissions(DEFAULT_CAMPAIGN, [fa, wen], { payments });
    expect(m.totals.map((t) => [t.college, t.students, t.feeDue, t.feePaid, t.balance])).toEqual([
      [WEN, 3, 39, 39, 0],
      [ZHE, 0, 0, 13, -13],
      [FA, 2, 26, 10, 16],
    ]);
    expect([m.feeDue, m.feePaid]).toEqual([65, 62]);
  });

  it("reckons fees to the fen", () => {
    const campaign = parseCampaign({ feePerPerson: 12.1 });
    const m = mergeSubmissions(campaign, [
      raw(
        WEN,
        [0, 1, 2].map((n) => [`s${n}`, `2201500${n}0`, idFor(n)]),
      ),
    ]);
    expect(m.totals[0].feeDue).toBe(36.3);
  });

  it("writes 证件类型 only when some submission fills it", () => {
    expect(mergeSubmissions(DEFAULT_CAMPAIGN, [fa]).columns.some((c) => c.key === "docType")).toBe(false);
    const withDoc = {
      ...fa,
      columns: [...fa.columns, { key: "docType" }],
      rows: fa.rows.map((r) => [...r, "居民身份证"]),
    };
    const m = mergeSubmissions(DEFAULT_CAMPAIGN, [withDoc, wen]);
    expect(m.columns[m.columns.length - 1].key).toBe("docType");
    expect(pick(m, m.rows, "college", "docType").map((r) => r.join(":"))).toEqual([
      `${WEN}:`,
      `${WEN}:`,
      `${WEN}:`,
      `${FA}:居民身份证`,
      `${FA}:居民身份证`,
    ]);
  });

  it("reports a student in two colleges once, with both rows", () => {
    const m = mergeSubmissions(DEFAULT_CAMPAIGN, [submissionOf(FA, [of(FA, 3), of(FA, 1)]), wen]);
    expect(m.duplicates).toEqual([
      {
        key: "studentNo",
        value: "220150901",
        colleges: [WEN, FA],
        sameIdNumber: true,
        rows: [
          { college: WEN, row: 3, name: "张芳", studentNo: "220150901", idNumber: idFor(1, "女") },
          { college: FA, row: 3, name: "张芳", studentNo: "220150901", idNumber: idFor(1, "女") },
        ],
      },
    ]);
  });
});

describe("crossCollegeDuplicates", () => {
  it("reports 学号 and 身份证号 separately when they point at different rows", () => {
    const a = raw(WEN, [
      ["甲", "220150001", idFor(1)],
      ["乙", "220150002", idFor(2)],
    ]);
    const b = raw(FA, [
      ["丙", "220150001", idFor(3)],
      ["丁", "220150004", idFor(2)],
    ]);
    expect(crossCollegeDuplicates([a, b])).toEqual([
      {
        key: "studentNo",
        value: "220150001",
        colleges: [WEN, FA],
        rows: [
          { college: WEN, row: 2, name: "甲", studentNo: "220150001", idNumber: idFor(1) },
          { college: FA, row: 2, name: "丙", studentNo: "220150001", idNumber: idFor(3) },
        ],
      },
      {
        key: "idNumber",
        value: idFor(2),
        colleges: [WEN, FA],
        rows: [
          { college: WEN, row: 3, name: "乙", studentNo: "220150002", idNumber: idFor(2) },
          { college: FA, row: 3, name: "丁", studentNo: "220150004", idNumber: idFor(2) },
        ],
      },
    ]);
  });

  it("leaves duplicates inside one college to the list check", () => {
    const a = raw(WEN, [
      ["甲", "220150001", idFor(1)],
      ["甲", "220150001", idFor(1)],
    ]);
    expect(crossCollegeDuplicates([a, raw(FA, [["乙", "220150002", idFor(2)]])])).toEqual([]);
  });

  it("matches a 15-digit legacy ID with its 18-digit form, and a lower-case x", () => {
    const legacy = legacyIdFor(4);
    const upper = idFor(9).replace(/.$/, "X");
    const a = raw(WEN, [
      ["甲", "220150001", legacy],
      ["乙", "220150002", upper],
    ]);
    const b = raw(FA, [
      ["甲", "220150003", upgradeLegacy15(legacy)],
      ["乙", "220150004", upper.toLowerCase()],
    ]);
    const found = crossCollegeDuplicates([a, b]);
    expect(found.map((d) => [d.key, d.value, d.rows.map((r) => r.row)])).toEqual([
      ["idNumber", upgradeLegacy15(legacy), [2, 2]],
      ["idNumber", upper, [3, 3]],
    ]);
  });

  it("names the rows a submission came from when it says so", () => {
    const a = { ...raw(WEN, [["甲", "220150001", idFor(1)]]), sourceRows: [17] };
    const found = crossCollegeDuplicates([a, raw(FA, [["甲", "220150001", idFor(5)]])]);
    expect(found[0].rows.map((r) => [r.college, r.row])).toEqual([
      [WEN, 17],
      [FA, 2],
    ]);
  });

  it("makes one group of 35 colleges × 2,000 rows holding one 身份证号", () => {
    const id = idFor(1);
    const colleges = DEFAULT_CAMPAIGN.colleges.slice(0, 35).map((c) => c.name);
    expect(colleges).toHaveLength(35);
    const subs = colleges.map((college, ci) =>
      raw(
        college,
        Array.from({ length: 2000 }, (_, i): [string, string, string] => [
          "张三",
          String(220100000000 + ci * 10000 + i),
          id,
        ]),
      ),
    );
    const m = mergeSubmissions(DEFAULT_CAMPAIGN, subs);
    expect(m.duplicates).toHaveLength(1);
    const [group] = m.duplicates;
    expect(group.key).toBe("idNumber");
    expect(group.value).toBe(id);
    expect(group.colleges).toEqual(colleges);
    expect(group.rows).toHaveLength(70_000);
    expect(group.rows[69_999]).toEqual({
      college: colleges[34],
      row: 2001,
      name: "张三",
      studentNo: String(220100000000 + 34 * 10000 + 1999),
      idNumber: id,
    });
    expect(m.rows).toHaveLength(70_000);
    expect(m.rows[69_999][0]).toBe("70000");
  });
});

describe("mergeSubmissions with allColleges", () => {
  it("totals every campaign college, 0 for those without a list, a college outside the campaign last", () => {
    const outside = raw("继续教育学院", [["甲", "220150001", idFor(1)]]);
    const m = mergeSubmissions(DEFAULT_CAMPAIGN, [outside, submissionOf(FA, [of(FA, 3)])], {
      allColleges: true,
    });
    expect(m.totals.map((t) => t.college)).toEqual([
      ...DEFAULT_CAMPAIGN.colleges.map((c) => c.name),
      "继续教育学院",
    ]);
    expect(m.totals.filter((t) => t.students > 0).map((t) => [t.college, t.students, t.feeDue])).toEqual([
      [FA, 1, 13],
      ["继续教育学院", 1, 13],
    ]);
    expect(m.totals[0]).toEqual({
      college: WEN,
      students: 0,
      byLevel: {},
      byMode: {},
      byBatch: {},
      feeDue: 0,
    });
    expect(pick(m, m.rows, "seq", "college")).toEqual([
      ["1", FA],
      ["2", "继续教育学院"],
    ]);
  });
});
