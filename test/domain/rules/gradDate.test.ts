import { parseCampaign } from "../../../src/domain";
import { gradBatchOf, parseGradDate } from "../../../src/domain/rules/gradDate";
import { checkOne, student, where } from "../helpers";

const DEFAULT_BATCHES = ["2018年6月", "2018年12月"];

describe("graduation dates as people type them (issue 8 §3)", () => {
  it.each([
    ["2018-06", "2018年6月"],
    ["2018.6", "2018年6月"],
    ["2018/6", "2018年6月"],
    ["201806", "2018年6月"],
    ["20180630", "2018年6月"],
    ["2018年6月30日", "2018年6月"],
    ["2018年6月30号", "2018年6月"],
    ["2018-06-30", "2018年6月"], // an Excel date cell, as the readers deliver it
    ["2018-06-30T09:30:00", "2018年6月"], // a date cell with a time
    ["2018/6/30", "2018年6月"],
    ["2018届", "2018年6月"],
    ["2018届毕业生", "2018年6月"],
    ["2018.12", "2018年12月"],
    ["2018年12月20日", "2018年12月"],
  ])("%j is the batch %s", (typed, batch) => {
    expect(gradBatchOf(typed, DEFAULT_BATCHES)).toBe(batch);
    const problems = checkOne(student(0, { gradDate: typed }));
    expect(where(problems)).toEqual(["gradDate:normalize.alias"]);
    expect(problems[0]).toMatchObject({ severity: "warning", fix: batch });
  });

  it.each([
    "2018", // a year alone: June or December
    "2019届", // no June batch in 2019
    "2018年7月1日", // outside every batch
    "2018年6月31日", // no such day
    "2018-13-01",
    "2018年0月",
    "201813",
    "六月",
  ])("%j stays gradDate.value", (typed) => {
    expect(gradBatchOf(typed, DEFAULT_BATCHES)).toBeUndefined();
    expect(where(checkOne(student(0, { gradDate: typed })))).toEqual(["gradDate:gradDate.value"]);
  });

  it("2018届 needs exactly one June batch of that year", () => {
    expect(gradBatchOf("2018届", ["2018年12月"])).toBeUndefined();
    expect(gradBatchOf("2018届", ["2018年6月", "2018-06"])).toBeUndefined();
    expect(gradBatchOf("2019届", ["2018年6月", "2019年6月"])).toBe("2019年6月");
  });

  it("maps to the campaign's own spelling of a batch", () => {
    const batches = ["2019-06", "2019-12"];
    expect(gradBatchOf("2019年6月", batches)).toBe("2019-06");
    expect(gradBatchOf("2019届", batches)).toBe("2019-06");
    const campaign = parseCampaign({ gradBatches: batches });
    const problems = checkOne(student(0, { gradDate: "2019.12" }), { campaign });
    expect(problems).toMatchObject([{ code: "normalize.alias", fix: "2019-12" }]);
  });

  it("a number 2018.1 may have been 2018.10: ambiguous, never a batch", () => {
    const batches = ["2018年1月", "2018年10月"];
    expect(gradBatchOf("2018.1", batches, true)).toBeUndefined();
    expect(gradBatchOf("2018.1", batches, false)).toBe("2018年1月");
    const campaign = parseCampaign({ gradBatches: batches });
    expect(where(checkOne(student(0, { gradDate: 2018.1 }), { campaign }))).toEqual([
      "gradDate:gradDate.value",
    ]);
    // 2018.6 as a number is unambiguous.
    expect(where(checkOne(student(0, { gradDate: 2018.6 })))).toEqual(["gradDate:normalize.alias"]);
    // 201806 typed as a number.
    expect(where(checkOne(student(0, { gradDate: 201806 })))).toEqual(["gradDate:normalize.alias"]);
  });

  it("parses full-width digits and reads year and month", () => {
    expect(parseGradDate("２０１８年６月")).toEqual({ y: 2018, m: 6 });
    expect(parseGradDate("2018届")).toEqual({ classOf: 2018 });
    expect(parseGradDate("2018-02-29")).toEqual({ y: 2018, m: 2 });
  });

  // 50,000 characters: a quadratic pattern would run for minutes and hit jest's timeout.
  it("stays linear on hostile cells", () => {
    const spaces = "2018-6" + " ".repeat(50_000) + "x";
    const digits = "2018年" + "1".repeat(50_000);
    expect(parseGradDate(spaces)).toBeUndefined();
    expect(parseGradDate(digits)).toBeUndefined();
  });
});
