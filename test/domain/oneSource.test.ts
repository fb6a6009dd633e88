import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CAMPAIGN, parseCampaign } from "../../src/domain/campaign";
import { dropDownItems, inlineListSource, MAX_LIST_SOURCE } from "../../src/domain/dropDowns";
import { noHeaderText, rowsText } from "../../src/domain/messages.zh-CN";
import {
  DEFAULT_TEMPLATE,
  digitKeys,
  mailKeys,
  offsiteKeys,
  templateSchema,
} from "../../src/domain/template";

/** Each fact has one source (issue 11 §6): lists and limits, column roles, row lists, the words. */

describe("drop-down lists", () => {
  it("come from the campaign; a chosen college is the only item of 学院", () => {
    const lists = dropDownItems(DEFAULT_CAMPAIGN);
    expect(lists.get("gender")).toEqual(["男", "女"]);
    expect(lists.get("level")).toEqual(["博士研究生", "硕士研究生"]);
    expect(lists.get("gradDate")).toEqual(["2018年6月", "2018年12月"]);
    expect(lists.get("mode")).toEqual(["现场采集", "异地采集", "补拍"]);
    expect(lists.get("college")).toHaveLength(DEFAULT_CAMPAIGN.colleges.length);
    expect(dropDownItems(DEFAULT_CAMPAIGN, "文学院").get("college")).toEqual(["文学院"]);
  });

  it("are inline up to exactly 255 characters, never with a comma or quote in an item", () => {
    expect(MAX_LIST_SOURCE).toBe(255);
    const a = "甲".repeat(127);
    expect(inlineListSource([a, a])).toBe(`${a},${a}`); // 255 characters
    expect(inlineListSource([a, `${a}乙`])).toBeUndefined(); // 256
    expect(inlineListSource(["a,b"])).toBeUndefined();
    expect(inlineListSource(['a"b'])).toBeUndefined();
    expect(inlineListSource([])).toBeUndefined();
    expect(inlineListSource(DEFAULT_CAMPAIGN.colleges.map((c) => c.name))).toBeUndefined();
    expect(inlineListSource(parseCampaign({ gradBatches: ["2019年6月"] }).gradBatches)).toBe("2019年6月");
  });
});

describe("column roles come from the template", () => {
  it("the default template's kinds, mailing and off-site columns", () => {
    const kinds = Object.fromEntries(DEFAULT_TEMPLATE.columns.map((c) => [c.key, c.kind]));
    expect(kinds).toMatchObject({
      seq: "code",
      name: "name",
      studentNo: "code",
      idNumber: "id",
      recipientPhone: "code",
    });
    expect(kinds.college).toBe("text");
    expect(mailKeys(DEFAULT_TEMPLATE)).toEqual(["mailAddress", "recipient", "recipientPhone"]);
    expect([...offsiteKeys(DEFAULT_TEMPLATE)]).toEqual([
      "site",
      "mailAddress",
      "recipient",
      "recipientPhone",
    ]);
    expect([...digitKeys(DEFAULT_TEMPLATE)]).toEqual(["seq", "studentNo", "idNumber", "recipientPhone"]);
  });

  it("a template that makes 收件人电话 optional no longer asks the profile for it", () => {
    const json = JSON.parse(readFileSync(join(__dirname, "../../src/domain/template.default.json"), "utf8"));
    for (const c of json.columns) if (c.key === "recipientPhone") c.required = "never";
    expect(mailKeys(templateSchema.parse(json))).toEqual(["mailAddress", "recipient"]);
  });
});

describe("messages", () => {
  it("one row list", () => {
    expect(rowsText([])).toBe("");
    expect(rowsText([3, 5, 8])).toBe("第 3、5、8 行");
    const many = Array.from({ length: 26 }, (_, i) => i + 2);
    expect(rowsText(many)).toBe(`第 ${many.slice(0, 20).join("、")}、… 行等 26 行`);
    expect(rowsText([1, 2, 3, 4, 5], 3)).toBe("第 1、2、3、… 行等 5 行");
  });

  it("where the header is looked for is the template's number, not a fixed 10", () => {
    expect(noHeaderText(DEFAULT_TEMPLATE)).toBe(
      "前 10 行中找不到表头（至少要有 3 个模板列名，如 姓名、学号、身份证号）",
    );
    expect(noHeaderText({ headerSearchRows: 20, minHeadersForList: 4 })).toContain(
      "前 20 行中找不到表头（至少要有 4 个",
    );
  });
});

describe("one word each: 模板 (not 模版), 采集费 (not 拍照费)", () => {
  // The parts this repository's engine, command line, files, server, guide and docs own.
  const paths = [
    "src/domain",
    "src/cli",
    "src/files",
    "src/server",
    "src/guide",
    "src/support",
    "docs",
    "README.md",
  ];
  it("in every tracked file a user reads there", () => {
    const root = join(__dirname, "../..");
    const files = execFileSync("git", ["ls-files", "--", ...paths], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter((f) => /\.(ts|tsx|json|md|html)$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => /模版|拍照费/.test(readFileSync(join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
