/**
 * Issue 9 end to end: the real host server with a non-default campaign (2027, 15 元) serves the built
 * add-in; the preview's real pane, pointed at it (`?server=&key=`), checks with that campaign, saves the
 * secretary's profile on the server, sends a list whose off-site rows carry the new recipient (accepted,
 * mailed to a real SMTP server on loopback), and shows a refusal at the rows of the list itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_TEMPLATE } from "../../src/domain/template";
import type { RunningServer } from "../../src/server/app";
import { buildAddin } from "../../src/preview/build";
import { OTHER_COLLEGE, TestSmtp, makeKeys, parseMime, startTestServer, validRows } from "../server/helpers";
import { describeE2e, launchChromium } from "./chromium";

jest.setTimeout(240_000);

/** The test keys file holds a key for this college (数学与统计学院). */
const COLLEGE = OTHER_COLLEGE;
const CAMPAIGN_2027 = {
  cohort: "2027年毕业研究生",
  listTitle: "2027届毕业研究生图像采集名单",
  submitTo: "grad@lzu.edu.cn",
  feePerPerson: 15,
  submitDeadline: "2026-10-30T11:00:00+08:00",
  captureDate: "2026-11-03T09:00:00+08:00",
  gradBatches: ["2027年6月", "2027年12月"],
};
const SECRETARY = {
  secretaryName: "新秘书",
  mobile: "13809310000",
  email: "xin.mishu@lzu.edu.cn",
  mailAddress: "兰州市城关区天水南路222号 数学学院 101",
};

/**
 * The secretary's list: a title in row 1, the header in row 2, students in rows 3–4 and 6–8 (row 5 is
 * left blank), so the submission's rows (2–6) are not the list's. Rows 6 and 7 are 异地采集 with the
 * new secretary as recipient.
 */
async function secretaryList(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  ws.addRow([`${COLLEGE} 2027届毕业研究生图像采集名单`]);
  ws.addRow(DEFAULT_TEMPLATE.columns.filter((c) => c.key !== "docType").map((c) => c.header));
  const students = validRows(5, 41);
  students.forEach((r, i) => {
    if (i === 2) ws.addRow([]);
    const offsite = i === 2 || i === 3;
    const row = ws.addRow([
      i + 1,
      COLLEGE,
      r.name,
      r.gender,
      r.studentNo,
      r.idNumber,
      i === 0 ? "博士研究生" : "硕士研究生",
      "2027年6月",
      offsite ? "异地采集" : "现场采集",
      offsite ? "新华社北京分社" : null,
      offsite ? SECRETARY.mailAddress : null,
      offsite ? SECRETARY.secretaryName : null,
      offsite ? SECRETARY.mobile : null,
      null,
    ]);
    row.getCell(5).numFmt = "@";
    row.getCell(6).numFmt = "@";
    row.getCell(13).numFmt = "@";
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeE2e("the pane with the graduate school's server", () => {
  let dir: string;
  let smtp: TestSmtp;
  let server: RunningServer;
  let key: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const settle = () => page.evaluate(() => window.capturePreview!.settle());
  const profileOnServer = async () => {
    const res = await fetch(`${server.url}/api/colleges/${encodeURIComponent(COLLEGE)}/profile`, {
      headers: { "X-Access-Key": key },
    });
    return (await res.json()) as { profile: Record<string, string> | null };
  };
  const putProfile = async (body: object) => {
    const res = await fetch(`${server.url}/api/colleges/${encodeURIComponent(COLLEGE)}/profile`, {
      method: "PUT",
      headers: { "X-Access-Key": key, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };
  const send = async () => {
    await page.getByRole("tab", { name: "提交" }).click();
    await page.getByRole("button", { name: "发送到研究生院" }).click();
    const dialog = page.getByRole("dialog", { name: "确认发送" });
    await dialog.waitFor();
    const facts = await dialog.locator("dd").allTextContents();
    await dialog.getByRole("button", { name: "确认发送" }).click();
    await dialog.waitFor({ state: "hidden" });
    return facts;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "capture-campaign-e2e-"));
    const site = join(dir, "site");
    await buildAddin({ mode: "development", outputPath: site, quiet: true });
    const campaignFile = join(dir, "campaign.json");
    writeFileSync(campaignFile, JSON.stringify(CAMPAIGN_2027));
    const { keysFile, otherKey } = await makeKeys(dir);
    key = otherKey;
    smtp = new TestSmtp();
    await smtp.start();
    ({ server } = await startTestServer(join(dir, "data"), keysFile, {
      SMTP_URL: smtp.url,
      CAMPAIGN: campaignFile,
      STATIC_DIR: site,
      RATE_LIMIT: "1000",
    }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // Each wait ends on a page state; the limit is only a safety net for a machine under heavy load.
    page.setDefaultTimeout(120_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("the pane checks with the server's campaign: its year and its fee", async () => {
    const query = `server=${encodeURIComponent(server.url)}&key=${encodeURIComponent(key)}`;
    await page.goto(`${server.url}/preview.html?${query}`);
    await page.waitForFunction(() => document.body.dataset.firstVerdictMs !== undefined, undefined, {
      timeout: 120_000,
      polling: 100,
    });
    // The secretary's college and her own list (the sample's college keeps its roster; hers has none yet).
    await page.evaluate(
      (college) =>
        window.capturePreview!.configure({
          college,
          profile: { mailAddress: "", recipient: "", recipientPhone: "" },
        }),
      COLLEGE,
    );
    const list = (await secretaryList()).toString("base64");
    await page.evaluate((b64) => window.capturePreview!.loadWorkbook(b64), list);
    await settle();
    const card = page.getByRole("group", { name: "名单概况" }).or(page.locator("[aria-label=名单概况]"));
    await card.getByText("活动配置：2027年毕业研究生（研究生院服务器的当前配置）").waitFor();
    const text = await card.first().textContent();
    expect(text).toContain("75 元（5 人 × 15 元）");
    expect(text).toContain("2026年10月30日");
  });

  test("the profile saved in the pane is stored on the server, and the list is accepted and mailed", async () => {
    expect((await profileOnServer()).profile).toBeNull();
    await page.getByRole("tab", { name: "设置" }).click();
    const form = page.getByRole("form", { name: "学院资料" });
    await form.getByLabel("秘书姓名").fill(SECRETARY.secretaryName);
    await form.getByLabel("手机").fill(SECRETARY.mobile);
    await form.getByLabel("邮箱").fill(SECRETARY.email);
    await form.getByLabel("邮寄地址").fill(SECRETARY.mailAddress);
    await form.getByRole("button", { name: "保存学院资料" }).click();
    await page.getByText("学院资料已保存到服务器，名单将按新的资料重新检查。").waitFor();
    await settle();
    expect((await profileOnServer()).profile).toEqual({ college: COLLEGE, ...SECRETARY });
    // Checked against the new profile, the off-site rows are clean.
    const errors = await page.evaluate(() =>
      window.capturePreview!.problems().filter((p) => p.severity === "error"),
    );
    expect(errors).toEqual([]);

    const facts = await send();
    expect(facts.slice(0, 4)).toEqual(["grad@lzu.edu.cn", COLLEGE, "5 人", "75 元（按发送的 5 人计）"]);
    await smtp.untilMessages(1);
    await page.getByText(/名单已发送到研究生院（grad@lzu\.edu\.cn）/).waitFor();
    expect(smtp.messages[0].to).toEqual(["grad@lzu.edu.cn", SECRETARY.email]);
    expect(parseMime(smtp.messages[0].raw).headers.get("reply-to")).toContain(`<${SECRETARY.email}>`);
  });

  test("a refusal by the server is shown at the list's own rows, and goes once a send succeeds", async () => {
    // The profile changes on the server behind the pane's back: its off-site rows no longer match.
    await putProfile({ ...SECRETARY, secretaryName: "另一位秘书" });
    await send();
    // The check tab's banner: its title, the server's sentence, and a button of its own.
    const banner = page.getByText(/^服务器检查发现问题$/).first();
    await banner.waitFor();
    // List rows 6 and 7 (the file's rows 4 and 5), each with its 收件人 problem, and nothing else.
    const listed = (await page.getByRole("listbox").textContent()) ?? "";
    const message = "“异地采集”的收件人应为本学院研究生秘书“另一位秘书”。";
    expect(listed.split(message)).toHaveLength(3);
    // Each row once as the heading and once in its option's name.
    expect([...new Set(listed.match(/第 \d+ 行/g))]).toEqual(["第 6 行", "第 7 行"]);
    const card = (await page.locator("[aria-label=名单概况]").textContent()) ?? "";
    expect(card).toContain("服务器检查：5 行，2 个错误，0 个警告");
    expect(smtp.messages).toHaveLength(1);

    await putProfile(SECRETARY);
    await send();
    await smtp.untilMessages(2);
    await page.getByText(/名单已发送到研究生院（grad@lzu\.edu\.cn）/).waitFor();
    await page.getByRole("tab", { name: "检查" }).click();
    expect(await page.getByText(/^服务器检查发现问题$/).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
