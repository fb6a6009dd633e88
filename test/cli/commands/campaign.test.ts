import { promises as fs } from "node:fs";
import path from "node:path";
import { runCli } from "../../../src/cli/run";
import { fakeIO } from "../helpers";
import { removeDir, tempDir } from "../../server/helpers";

/** `campaign check FILE`: what the graduate school's IT staff run before installing a campaign file. */

let dir: string;
beforeAll(() => (dir = tempDir("capture-campaign-")));
afterAll(() => removeDir(dir));

async function check(doc: unknown, name = "c.json") {
  await fs.writeFile(path.join(dir, name), typeof doc === "string" ? doc : JSON.stringify(doc));
  const io = fakeIO(dir);
  const code = await runCli(["campaign", "check", name], io);
  return { code, out: io.out, err: io.err, lines: io.out.split("\n") };
}

const SMALL = {
  cohort: "2027年毕业研究生",
  listTitle: "2027届毕业研究生图像采集名单",
  submitTo: "grad@lzu.edu.cn",
  feePerPerson: 15,
  // Written in UTC: printed in China time (11:00).
  submitDeadline: "2026-10-30T03:00:00Z",
  captureDate: "2026-11-03T09:00:00+08:00",
  captureWindow: {
    start: "2026-11-03T09:00:00+08:00",
    end: "2026-11-03T17:30:00+08:00",
    place: "大学生活动中心",
  },
  makeupWindow: { start: "2027-04-12", end: "2027-04-14", place: "甘肃中医药大学" },
  levels: [{ name: "博士研究生" }],
  gradBatches: ["2027年6月"],
  modes: [
    { name: "现场采集" },
    { name: "异地采集", aliases: ["异地"], mailToCollege: true, needsSite: true },
  ],
  colleges: [
    {
      name: "人工智能学院",
      captureSlot: "11月3日 9:40–10:00",
      mailAddress: "兰州市城关区天水南路222号 人工智能学院",
    },
    { name: "文学院", captureSlot: "11月3日 9:00–9:40" },
  ],
};

test("a valid file: exit 0 and what it means, line by line", async () => {
  const r = await check(SMALL);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(r.lines.slice(0, 20)).toEqual([
    "活动配置 c.json 有效，含义如下：",
    "学校：兰州大学（代码 10730）",
    "届别：2027年毕业研究生",
    "名单标题：2027届毕业研究生图像采集名单（提交文件名形如 10730兰州大学_学院_2027届毕业研究生图像采集名单_37人.xlsx）",
    "提交邮箱：grad@lzu.edu.cn",
    "采集费：每人 15 元",
    "提交截止：2026年10月30日 11:00（北京时间）",
    "采集日期：2026年11月3日 09:00（北京时间；学生年龄按这一天计算）",
    "现场采集：2026年11月3日 09:00 至 2026年11月3日 17:30，大学生活动中心",
    "补拍：2027年4月12日 至 2027年4月14日，甘肃中医药大学",
    "交费：培养处，大学生活动中心706，截止 2017年10月30日 11:00（北京时间）",
    "校对：学信网学历电子注册图像校对系统（www.chsi.com.cn），采集后 40 天内；学生校对机会只有一次",
    "培养层次：博士研究生",
    "毕业时间：2027年6月",
    "采集方式：",
    "  现场采集：照片不邮寄；不需采集地点",
    "  异地采集（也接受：异地）：照片寄回学院（须填邮寄地址、收件人、收件人电话）；须填采集地点",
    "学号格式：^\\d{8,15}$（正则表达式）",
    "学院：共 37 个（内置 36 个；本文件新增 1 个，列出内置学院 1 个）",
    "  文学院［本文件修改：采集时段］：采集时段 11月3日 9:00–9:40；邮寄地址 甘肃省兰州市城关区天水南路222号 兰州大学文学院（邮编730000）",
  ]);
  expect(r.lines).toContain(
    "  政治与国际关系学院（也接受：政治与行政学院）：采集时段（未填写）；邮寄地址 甘肃省兰州市城关区天水南路222号 兰州大学政治与国际关系学院（邮编730000）",
  );
  expect(r.lines).toContain(
    "  基础医学院：采集时段（未填写）；邮寄地址 甘肃省兰州市城关区东岗西路199号 兰州大学基础医学院（邮编730000）",
  );
  // The 36 built-in colleges in their order, then the one the file adds; nothing after them.
  expect(r.lines.slice(-3)).toEqual([
    "  教育学院：采集时段（未填写）；邮寄地址 甘肃省兰州市城关区天水南路222号 兰州大学教育学院（邮编730000）",
    "  人工智能学院［本文件新增］：采集时段 11月3日 9:40–10:00；邮寄地址 兰州市城关区天水南路222号 人工智能学院",
    "",
  ]);
  expect(r.lines).toHaveLength(19 + 37 + 1);
});

test("an invalid file: exit 2 and every wrong key named", async () => {
  const r = await check({
    feePerPerson: "13",
    submitTo: "not an address",
    captureDate: "next monday",
    levels: [],
    studentNoPattern: "[",
    colleges: [{ name: "新学院", phone: "1" }],
    surprise: true,
  });
  expect(r.code).toBe(2);
  expect(r.err).toBe("");
  expect(r.lines).toEqual([
    "活动配置 c.json 有误（7 处），服务器不会采用它：",
    "  - 配置项 submitTo：无效电子邮件",
    "  - 配置项 feePerPerson 类型不对（应为 number）",
    "  - 配置项 captureDate：不是有效的日期时间（ISO 8601）",
    "  - 配置项 levels：数值过小：期望 array >=1 项",
    "  - 配置项 studentNoPattern：不是有效的正则表达式",
    "  - 未知的配置项 colleges[0].phone",
    "  - 未知的配置项 surprise",
    "",
  ]);
});

test("not JSON, a missing file and a wrong invocation: exit 2", async () => {
  const r = await check('{"cohort": "2027年毕业研究生",}');
  expect(r.code).toBe(2);
  expect(r.lines[0]).toBe("活动配置 c.json 有误（1 处），服务器不会采用它：");
  expect(r.lines[1]).toMatch(/^ {2}- 不是有效的 JSON（/);

  const missing = fakeIO(dir);
  expect(await runCli(["campaign", "check", "none.json"], missing)).toBe(2);
  expect(missing.err).toBe("找不到活动配置文件：none.json (file not found: none.json)\n");
  const noSub = fakeIO(dir);
  expect(await runCli(["campaign"], noSub)).toBe(2);
  expect(noSub.err).toBe("campaign 需要子命令：campaign check 配置文件.json (usage: campaign check FILE)\n");
  const twoFiles = fakeIO(dir);
  expect(await runCli(["campaign", "check", "a.json", "b.json"], twoFiles)).toBe(2);
  expect(twoFiles.err).toMatch(/^用法：campaign check/);
  const option = fakeIO(dir);
  expect(await runCli(["campaign", "check", "c.json", "--college", "文学院"], option)).toBe(2);
  expect(option.err).toBe(
    "命令 campaign 不接受选项 --college (option --college is not valid for campaign)\n",
  );
});

test("valid but most likely not meant: listed after the meaning, exit still 0", async () => {
  const r = await check({
    captureWindow: { start: "11月1日上午", end: "2017-11-02T12:30:00+08:00", place: "舞美厅" },
    studentNoPattern: "\\d{12}",
    colleges: [
      { name: "政治与行政学院", captureSlot: "11月1日 10:00–10:20" },
      { name: "人工智能学院", aliases: ["文学院", "智能学院"] },
      { name: "人工智能学院", captureSlot: "11月1日 10:20–10:40" },
      { name: "智能科学学院", aliases: ["智能学院"] },
    ],
  });
  expect(r.code).toBe(0);
  const at = r.lines.indexOf("请留意（6 处）：");
  expect(r.lines.slice(at - 1)).toEqual([
    "",
    "请留意（6 处）：",
    "  - captureWindow.start“11月1日上午”不是日期，只会原样显示",
    "  - studentNoPattern 没有以 ^ 开头、以 $ 结尾：学号只要有一段符合就算对",
    "  - colleges 中的“政治与行政学院”是内置学院“政治与国际关系学院”的旧称：学院按全称合并，它成了一个新学院，而没有修改“政治与国际关系学院”",
    "  - colleges 中“人工智能学院”出现了 2 次：按名称合并，后面的值覆盖前面的",
    "  - “人工智能学院”的别名“文学院”也是一个学院的名称：名单中写“文学院”的行算作“文学院”",
    "  - “智能学院”同时是“人工智能学院”和“智能科学学院”的别名：名单中写“智能学院”的行算作“人工智能学院”",
    "",
  ]);
  expect(r.lines).toContain("现场采集：11月1日上午 至 2017年11月2日 12:30，舞美厅");
  expect(r.lines).toContain(
    "  人工智能学院（也接受：文学院、智能学院）［本文件新增］：采集时段 11月1日 10:20–10:40；邮寄地址（未填写）",
  );
});

test("control characters in the file reach the terminal escaped", async () => {
  const r = await check({ cohort: "2027\u001b[2J届" });
  expect(r.code).toBe(0);
  expect(r.lines[2]).toBe("届别：2027\\x1b[2J届");
});
