import { checkSubmissionGrid, collegeFromFileName, DEFAULT_CAMPAIGN, type Grid } from "../../src/domain";
import { COLLEGE, idFor, listGrid, student } from "./helpers";

const at = (
  key: string,
  sub: { columns: readonly { key: string }[]; rows: readonly (readonly string[])[] },
) => sub.rows.map((r) => r[sub.columns.findIndex((c) => c.key === key)]);

describe("checkSubmissionGrid", () => {
  it("takes the college its rows name and every clean row, with the rows they came from", () => {
    const r = checkSubmissionGrid(listGrid([student(0), student(1), student(2)]), DEFAULT_CAMPAIGN);
    if (!r.ok) throw new Error(r.reason);
    expect(r.submission.college).toBe(COLLEGE);
    expect(at("studentNo", r.submission)).toEqual(["220150900", "220150901", "220150902"]);
    expect(r.submission.sourceRows).toEqual([3, 4, 5]);
    expect(r.leftOutRows).toEqual([]);
  });

  it("leaves rows with errors out and names them", () => {
    const grid = listGrid([student(0), student(1, { gender: "?" }), student(2)]);
    const r = checkSubmissionGrid(grid, DEFAULT_CAMPAIGN);
    if (!r.ok) throw new Error(r.reason);
    expect(at("studentNo", r.submission)).toEqual(["220150900", "220150902"]);
    expect(r.submission.sourceRows).toEqual([3, 5]);
    expect(r.leftOutRows).toEqual([4]);
    expect(r.problems.filter((p) => p.severity === "error").map((p) => [p.row, p.code])).toEqual([
      [4, "gender.value"],
    ]);
  });

  it("a college named by the file turns rows of another college into errors", () => {
    const r = checkSubmissionGrid(listGrid([student(0)]), DEFAULT_CAMPAIGN, { college: "法学院" });
    expect(r).toMatchObject({ ok: false, reason: "empty" });
    expect(r.problems.map((p) => p.code)).toEqual(["college.value"]);
  });

  it("in a file naming several colleges, the most named one is the file's; the others are left out", () => {
    const grid = listGrid([student(0), student(1, { college: "文学院" }), student(2)]);
    const r = checkSubmissionGrid(grid, DEFAULT_CAMPAIGN);
    if (!r.ok) throw new Error(r.reason);
    expect(r.submission.college).toBe(COLLEGE);
    expect(r.leftOutRows).toEqual([4]);
  });

  it("accepts a college's own mailing address (the built-in one is not the graduate school's to impose)", () => {
    const offsite = {
      mode: "异地采集",
      site: "新华社四川分社",
      mailAddress: "甘肃省兰州市城关区某路1号",
      recipient: "赵老师",
      recipientPhone: "13912345678",
    };
    const r = checkSubmissionGrid(listGrid([student(0, offsite)]), DEFAULT_CAMPAIGN);
    if (!r.ok) throw new Error(r.reason);
    expect(at("mailAddress", r.submission)).toEqual(["甘肃省兰州市城关区某路1号"]);
    // An empty mailing cell is still an error.
    const bare = checkSubmissionGrid(listGrid([student(0, { ...offsite, recipient: "" })]), DEFAULT_CAMPAIGN);
    expect(bare.ok).toBe(false);
    expect(bare.problems.map((p) => `${p.column}:${p.code}`)).toEqual(["recipient:cell.required"]);
  });

  it("refuses a sheet without a header", () => {
    const grid: Grid = { rows: [["随便"], ["什么", "都行"]] };
    expect(checkSubmissionGrid(grid, DEFAULT_CAMPAIGN)).toEqual({
      ok: false,
      reason: "noHeader",
      problems: [],
    });
  });

  it("keeps IDs as the text the engine normalised", () => {
    const r = checkSubmissionGrid(
      listGrid([student(3, { idNumber: ` ${idFor(3, "女")} ` })]),
      DEFAULT_CAMPAIGN,
    );
    if (!r.ok) throw new Error(r.reason);
    expect(at("idNumber", r.submission)).toEqual([idFor(3, "女")]);
  });
});

describe("collegeFromFileName", () => {
  it("reads the college of a §5 file name, under its current name", () => {
    const c = DEFAULT_CAMPAIGN;
    expect(collegeFromFileName(c, "10730兰州大学_文学院_2018届毕业研究生图像采集名单_37人.xlsx")).toBe(
      "文学院",
    );
    expect(collegeFromFileName(c, "/收件箱/10730兰州大学_政治与行政学院_名单_3人.xls")).toBe(
      "政治与国际关系学院",
    );
    expect(collegeFromFileName(c, "文学院.xlsx")).toBeUndefined();
    expect(collegeFromFileName(c, "10730兰州大学_魔法学院_名单_3人.xlsx")).toBeUndefined();
  });
});
