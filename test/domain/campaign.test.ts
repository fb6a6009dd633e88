import {
  CampaignError,
  captureDay,
  DEFAULT_CAMPAIGN,
  findCollege,
  parseCampaign,
  parseCampaignJson,
} from "../../src/domain";
import { CAMPUS_ADDRESS, DEFAULT_COLLEGES } from "../../src/domain/colleges.default";

const SPEC_COLLEGES =
  "文学院, 历史文化学院, 哲学社会学院, 经济学院, 管理学院, 法学院, 马克思主义学院, 新闻与传播学院, 外国语学院, 艺术学院, 政治与国际关系学院, 数学与统计学院, 物理科学与技术学院, 化学化工学院, 生命科学学院, 信息科学与工程学院, 资源环境学院, 大气科学学院, 草地农业科技学院, 土木工程与力学学院, 核科学与技术学院, 材料与能源学院, 生态学院, 地质科学与矿产资源学院, 动物医学与生物安全学院, 基础医学院, 公共卫生学院, 药学院, 口腔医学院, 护理学院, 第一临床医学院, 第二临床医学院, 萃英学院, 国际文化交流学院, 考古与文化遗产研究院".split(
    ", ",
  );
const MEDICAL = [
  "基础医学院",
  "公共卫生学院",
  "药学院",
  "口腔医学院",
  "护理学院",
  "第一临床医学院",
  "第二临床医学院",
];

function issuesOf(input: unknown): string[] {
  try {
    parseCampaign(input);
  } catch (e) {
    expect(e).toBeInstanceOf(CampaignError);
    return (e as CampaignError).issues;
  }
  throw new Error("expected a CampaignError");
}

describe("parseCampaign defaults (SPEC §4)", () => {
  it("equal the notice", () => {
    const c = parseCampaign({});
    expect(c.school).toEqual({ name: "兰州大学", code: "10730" });
    expect(c.cohort).toBe("2018年毕业研究生");
    expect(c.submitTo).toBe("pyk@lzu.edu.cn");
    expect(c.feePerPerson).toBe(13);
    expect(Date.parse(c.submitDeadline)).toBe(Date.parse("2017-10-30T11:00:00+08:00"));
    expect(Date.parse(c.captureDate)).toBe(Date.parse("2017-11-01T09:00:00+08:00"));
    expect(captureDay(c)).toEqual({ y: 2017, m: 11, d: 1 });
    expect(c.gradBatches).toEqual(["2018年6月", "2018年12月"]);
    expect(c.levels.map((l) => l.name)).toEqual(["博士研究生", "硕士研究生"]);
    expect(c.modes.map((m) => m.name)).toEqual(["现场采集", "异地采集", "补拍"]);
    expect(c.studentNoPattern).toBe("^\\d{8,15}$");
    expect(c.captureWindow).toMatchObject({ place: "盘旋路校区大学生活动中心舞美厅" });
    expect(c.makeupWindow).toMatchObject({ start: "2018-04-14", end: "2018-04-16", place: "甘肃中医药大学" });
    expect(c.feeDesk).toMatchObject({ office: "培养处", room: "大学生活动中心706" });
    expect(c.proofreading.withinDays).toBe(40);
    expect(DEFAULT_CAMPAIGN).toEqual(c);
    expect(parseCampaign(undefined)).toEqual(c);
  });

  it("list every default college, and accept the 2017 names", () => {
    const names = DEFAULT_CAMPAIGN.colleges.map((c) => c.name);
    for (const name of SPEC_COLLEGES) expect(names).toContain(name);
    expect(findCollege(DEFAULT_CAMPAIGN, "教育学院")?.name).toBe("教育学院");
    expect(findCollege(DEFAULT_CAMPAIGN, "政治与行政学院")?.name).toBe("政治与国际关系学院");
    expect(findCollege(DEFAULT_CAMPAIGN, "计算机学院")).toBeUndefined();
  });

  it("give medical colleges the 医学校区 address and the others the 城关校区 address", () => {
    for (const c of DEFAULT_CAMPAIGN.colleges) {
      const campus = MEDICAL.includes(c.name) ? CAMPUS_ADDRESS.medical : CAMPUS_ADDRESS.chengguan;
      expect(c.mailAddress?.startsWith(campus.address)).toBe(true);
      expect(c.mailAddress).toContain(c.name);
      expect(c.mailAddress).toContain(campus.postcode);
      expect(c.recipient).toBe("");
      expect(c.recipientPhone).toBe("");
    }
    expect(findCollege(DEFAULT_CAMPAIGN, "口腔医学院")?.mailAddress).toContain("东岗西路199号");
    expect(findCollege(DEFAULT_CAMPAIGN, "文学院")?.mailAddress).toContain("天水南路222号");
  });
});

describe("parseCampaign overrides", () => {
  it("merges colleges by name over the defaults", () => {
    const c = parseCampaign({
      colleges: [
        { name: "信息科学与工程学院", recipient: "赵老师", recipientPhone: "13912345678" },
        { name: "新设学院", mailAddress: "榆中校区" },
      ],
    });
    const info = findCollege(c, "信息科学与工程学院")!;
    expect(info.recipient).toBe("赵老师");
    expect(info.recipientPhone).toBe("13912345678");
    expect(info.mailAddress).toBe(findCollege(DEFAULT_CAMPAIGN, "信息科学与工程学院")!.mailAddress);
    expect(c.colleges).toHaveLength(DEFAULT_CAMPAIGN.colleges.length + 1);
    expect(findCollege(c, "新设学院")?.mailAddress).toBe("榆中校区");
  });

  it("takes other values as given", () => {
    const c = parseCampaign({
      feePerPerson: 15,
      gradBatches: ["2019年6月"],
      school: { name: "某大学", code: "10000" },
    });
    expect(c.feePerPerson).toBe(15);
    expect(c.gradBatches).toEqual(["2019年6月"]);
    expect(c.school.code).toBe("10000");
    expect(c.submitTo).toBe("pyk@lzu.edu.cn");
  });

  it("rejects an unknown key, naming it (also nested)", () => {
    expect(issuesOf({ feePerHead: 13 }).join()).toContain("feePerHead");
    expect(issuesOf({ school: { name: "兰州大学", code: "10730", city: "兰州" } }).join()).toContain(
      "school.city",
    );
    expect(issuesOf({ colleges: [{ name: "文学院", phone: "1" }] }).join()).toContain("colleges[0].phone");
  });

  it("rejects a wrong type, naming the key", () => {
    expect(issuesOf({ feePerPerson: "13" }).join()).toContain("feePerPerson");
    expect(issuesOf({ gradBatches: "2018年6月" }).join()).toContain("gradBatches");
    expect(issuesOf({ colleges: [{ name: 5 }] }).join()).toContain("colleges[0].name");
    expect(issuesOf({ submitTo: "not-an-address" }).join()).toContain("submitTo");
    expect(issuesOf({ captureDate: "soon" }).join()).toContain("captureDate");
    expect(issuesOf({ studentNoPattern: "([" }).join()).toContain("studentNoPattern");
    expect(issuesOf({ feePerPerson: -1 }).join()).toContain("feePerPerson");
  });

  it("reports every bad key at once, in Chinese", () => {
    const issues = issuesOf({ feePerPerson: "x", bogus: 1 });
    expect(issues).toHaveLength(2);
    expect(() => parseCampaign({ bogus: 1 })).toThrow(/活动配置有误/);
  });

  it("parses JSON text (with a BOM) and reports bad JSON as a CampaignError", () => {
    expect(parseCampaignJson('\ufeff{"feePerPerson": 20}').feePerPerson).toBe(20);
    expect(() => parseCampaignJson("{feePerPerson: 20")).toThrow(CampaignError);
  });
});

describe("colleges named in a campaign file", () => {
  test("a full name wins over another college's alias, as in the list rules", () => {
    const campaign = parseCampaign({ colleges: [{ name: "政治与行政学院" }] });
    expect(findCollege(campaign, "政治与行政学院")?.name).toBe("政治与行政学院");
  });

  test("thousands of listed colleges merge by name (each once, defaults kept in place)", () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ name: `学院${i}` }));
    const campaign = parseCampaign({ colleges: [...many, { name: "学院7", captureSlot: "11月1日" }] });
    expect(campaign.colleges).toHaveLength(DEFAULT_COLLEGES.length + 5000);
    expect(findCollege(campaign, "学院7")).toEqual({ name: "学院7", captureSlot: "11月1日" });
  });
});
