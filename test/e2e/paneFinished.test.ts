/**
 * Issue 11 §3 in Debian's headless Chromium: the real pane at its 320 px beside the preview's sheet.
 * Over the static preview: the deadline line, whole problem messages, the summary's count as a filter,
 * 移除 that asks first, 保存为文件 after the build, a blank template that says where to start. Over the
 * real host server (a TestSmtp behind it): the send confirmation's facts, the focus back on 发送 after a
 * cancel, and a success message that wraps at 320 px with a short reference.
 * Expected figures come from the engine in Node on the same files and setup.
 * Skipped (with a message) only outside CI on a machine without /usr/bin/chromium.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import {
  buildCaptured,
  buildRoster,
  findCollege,
  levelResolver,
  ListChecker,
  parseCampaignJson,
  type Problem,
} from "../../src/domain";
import { readSheet } from "../../src/files/readSheet";
import { buildAddin } from "../../src/preview/build";
import { startStaticServer, type StaticServer } from "../../src/preview/server";
import type { RunningServer } from "../../src/server/app";
import { formatDateTime, formatRows, formatYuan } from "../../src/taskpane/format";
import { COLLEGE, TestSmtp, makeKeys, startTestServer } from "../server/helpers";
import { describeE2e, launchChromium } from "./chromium";

jest.setTimeout(300_000);

const ASSETS = resolve(__dirname, "../../assets");
const asset = (name: string) => new Uint8Array(readFileSync(join(ASSETS, name)));
const CAMPAIGN = parseCampaignJson(readFileSync(join(ASSETS, "sample-campaign.json"), "utf8"));
const SAMPLE_COLLEGE = findCollege(CAMPAIGN, COLLEGE)!;

/** The engine on the sample with the preview's setup (src/preview/main.tsx), in Node. */
async function sampleChecker(): Promise<ListChecker> {
  const checker = new ListChecker({
    campaign: CAMPAIGN,
    college: COLLEGE,
    profile: {
      mailAddress: SAMPLE_COLLEGE.mailAddress ?? "",
      recipient: SAMPLE_COLLEGE.recipient ?? "",
      recipientPhone: SAMPLE_COLLEGE.recipientPhone ?? "",
    },
    roster: buildRoster(
      (await readSheet(asset("sample-roster.csv"), "sample-roster.csv")).grid,
      levelResolver(CAMPAIGN),
    ),
    captured: buildCaptured((await readSheet(asset("sample-captured.csv"), "sample-captured.csv")).grid),
  });
  checker.load((await readSheet(asset("sample-list.xlsx"), "sample-list.xlsx")).grid);
  return checker;
}

/** What the send leaves out (rows with an error) and what it sends, as the engine computes them. */
async function expectedSend() {
  const checker = await sampleChecker();
  const problems = checker.problems();
  const skipped = [...new Set(problems.filter((p) => p.severity === "error").map((p) => p.row))].sort(
    (a, b) => a - b,
  );
  const summary = checker.summary();
  const headCount = summary.rows - skipped.length;
  expect(summary.readyRows).toBe(headCount);
  return { problems, skipped, headCount, fee: headCount * CAMPAIGN.feePerPerson };
}

const plain = (p: Problem) => JSON.parse(JSON.stringify(p)) as Problem;

/** A workbook of one sheet with a note and no list, so the pane offers the blank template. */
async function emptyWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  // One cell: a sheet without any is refused as "no data" before the pane sees it.
  wb.addWorksheet("Sheet1").getCell("A1").value = "待填写";
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

interface ShownItem {
  index: number;
  message: string;
  /** The item (fixed height, positioned by the windowed list): its scrollHeight − clientHeight. */
  itemOverflow: number;
  messageOverflow: number;
  clamp: string;
  textOverflow: string;
}

/** Waits for the pane's first verdict, then for every outstanding host call. */
async function opened(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.firstVerdictMs !== undefined, undefined, {
    polling: 100,
  });
  await page.evaluate(() => window.capturePreview!.settle());
}

/**
 * Every problem item of the windowed list, scrolled through a viewport at a time: each waits until
 * the item covering the new scroll position is rendered (a page state, not a time).
 */
async function shownItems(page: Page): Promise<ShownItem[]> {
  const list = page.locator("#pane [role=listbox]");
  const seen = new Map<number, ShownItem>();
  const { total, height } = await list.evaluate((el) => ({
    total: el.scrollHeight,
    height: el.clientHeight,
  }));
  for (let top = 0; ; top += height) {
    const at = Math.min(top, Math.max(0, total - height));
    await list.evaluate((el, y) => {
      el.scrollTop = y;
      el.dispatchEvent(new Event("scroll"));
    }, at);
    await page.waitForFunction(
      (y) =>
        Array.from(document.querySelectorAll<HTMLElement>("#pane [role=listbox] [data-index]")).some(
          (e) => e.offsetTop <= y && e.offsetTop + e.offsetHeight > y,
        ),
      at,
      { polling: "raf" },
    );
    const items = await list.evaluate((el) =>
      Array.from(el.querySelectorAll<HTMLElement>("[data-index]"))
        .filter((item) => item.querySelector("[role=option]"))
        .map((item) => {
          const message = item.querySelector<HTMLElement>("[role=option] > div:nth-of-type(2)")!;
          const style = getComputedStyle(message);
          return {
            index: Number(item.dataset.index),
            message: message.textContent ?? "",
            itemOverflow: item.scrollHeight - item.clientHeight,
            messageOverflow: message.scrollHeight - message.clientHeight,
            clamp: style.webkitLineClamp,
            textOverflow: style.textOverflow,
          };
        }),
    );
    for (const item of items) seen.set(item.index, item);
    if (at + height >= total) break;
  }
  return [...seen.values()].sort((a, b) => a.index - b.index);
}

const sorted = (xs: string[]) => [...xs].sort();

describeE2e("the pane, finished (issue 11 §3), in Chromium at 320 px", () => {
  let dir: string;
  let staticServer: StaticServer;
  let smtp: TestSmtp;
  let server: RunningServer;
  let key: string;
  let browser: Browser;
  const pageErrors: string[] = [];

  const newPage = async () => {
    // 1280 px leaves the pane its default 320 px beside the sheet.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // Each wait ends on a page state; the limit is only a safety net for a machine under heavy load.
    page.setDefaultTimeout(120_000);
    return page;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "capture-pane-finished-"));
    const site = join(dir, "site");
    await buildAddin({ mode: "development", outputPath: site, quiet: true });
    staticServer = await startStaticServer({ root: site });
    const keys = await makeKeys(dir);
    key = keys.key;
    smtp = new TestSmtp();
    await smtp.start();
    ({ server } = await startTestServer(join(dir, "data"), keys.keysFile, {
      SMTP_URL: smtp.url,
      CAMPAIGN: join(ASSETS, "sample-campaign.json"),
      STATIC_DIR: site,
      RATE_LIMIT: "1000",
    }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.stop();
    await staticServer?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe("over the preview", () => {
    let page: Page;
    const pane = () => page.locator("#pane");
    const card = () => pane().locator("[aria-label=名单概况]");

    beforeAll(async () => {
      page = await newPage();
      await page.goto(`${staticServer.url}/preview.html`);
      await opened(page);
    });

    test("the deadline line says 已过截止时间 for the sample campaign (2017)", async () => {
      expect(CAMPAIGN.submitDeadline.startsWith("2017-")).toBe(true);
      const deadline = card()
        .locator("dt", { hasText: "报送截止" })
        .locator("xpath=following-sibling::dd[1]");
      expect(await deadline.textContent()).toBe(`${formatDateTime(CAMPAIGN.submitDeadline)}（已过截止时间）`);
    });

    test("long problem messages are shown whole: every item as tall as its content, no clamp", async () => {
      const expected = (await sampleChecker()).problems();
      expect(await page.evaluate(() => window.capturePreview!.problems())).toEqual(expected.map(plain));
      expect(await pane().getByRole("listbox").getAttribute("aria-label")).toBe(
        `问题列表，共 ${expected.length} 条`,
      );
      const items = await shownItems(page);
      // Every engine message, in full, once per problem.
      expect(sorted(items.map((i) => i.message))).toEqual(sorted(expected.map((p) => p.message)));
      for (const item of items) {
        expect([item.message, item.itemOverflow, item.messageOverflow]).toEqual([item.message, 0, 0]);
        expect([item.clamp, item.textOverflow]).toEqual(["none", "clip"]);
      }
      // The sample has messages longer than two lines at 320 px (the issue counted 5 of 19).
      const tall = await pane()
        .locator("[role=listbox] [role=option] > div:nth-of-type(2)")
        .evaluateAll((els) => els.filter((e) => e.clientHeight > 2 * 16).length);
      expect(tall).toBeGreaterThan(0);
    });

    test("clicking the summary's 错误 count filters the problem list to errors only", async () => {
      const errors = (await sampleChecker()).problems().filter((p) => p.severity === "error");
      const count = card().getByRole("button", { name: new RegExp(`^${errors.length}\\s*错误$`) });
      await count.click();
      await pane()
        .getByRole("listbox", { name: `问题列表，共 ${errors.length} 条` })
        .waitFor();
      expect(
        await pane()
          .getByRole("group", { name: "按严重程度筛选" })
          .getByRole("button", { name: `错误 ${errors.length}` })
          .getAttribute("aria-pressed"),
      ).toBe("true");
      const items = await shownItems(page);
      expect(sorted(items.map((i) => i.message))).toEqual(sorted(errors.map((p) => p.message)));
    });

    test("移除 of the roster asks first; 取消 keeps it and gives the focus back to 移除", async () => {
      await pane().getByRole("tab", { name: "名单", exact: true }).click();
      const roster = pane().getByRole("region", { name: "学籍名单" });
      const line = await roster.locator("span[title]").first().textContent();
      const remove = roster.getByRole("button", { name: "移除" });
      await remove.click();
      const dialog = page.getByRole("dialog", { name: "移除学籍名单？" });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain("含全体学生的身份证号");
      await dialog.getByRole("button", { name: "取消" }).click();
      await dialog.waitFor({ state: "detached" });
      // Still there, same file line, and the roster's checks still run.
      expect(await roster.locator("span[title]").first().textContent()).toBe(line);
      expect(await roster.getByText("学籍名单：未导入").count()).toBe(0);
      expect(await remove.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.evaluate(() => window.capturePreview!.settle());
      expect(await page.evaluate(() => window.capturePreview!.problems())).toEqual(
        (await sampleChecker()).problems().map(plain),
      );
    });

    test("after 生成提交名单, 保存为文件 downloads the submission as .xlsx", async () => {
      const { headCount, skipped } = await expectedSend();
      await pane().getByRole("tab", { name: "提交", exact: true }).click();
      expect(await pane().getByRole("button", { name: "保存为文件" }).count()).toBe(0);
      await pane()
        .getByRole("checkbox", { name: /跳过有错误的行/ })
        .check();
      await pane().getByRole("button", { name: "生成提交名单" }).click();
      const save = pane().getByRole("button", { name: "保存为文件" });
      await save.waitFor();
      const [download] = await Promise.all([page.waitForEvent("download"), save.click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const bytes = readFileSync(await download.path());
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const sheet = wb.worksheets[0];
      expect(sheet.getRow(1).getCell(1).value).toBe("序号");
      // The header and one row per student sent.
      let rows = 0;
      sheet.eachRow(() => rows++);
      expect(rows).toBe(headCount + 1);
      expect(download.suggestedFilename()).toMatch(new RegExp(`_${headCount}人\\.xlsx$`));
      await pane()
        .getByText(
          `已保存“${download.suggestedFilename()}”：${headCount} 人（不含有错误的 ${skipped.length} 人）。` +
            "文件在浏览器的下载位置（通常是“下载”文件夹），可作为邮件附件自行发给研究生院。",
          { exact: true },
        )
        .waitFor();
    });

    test("a blank template tells her where to start instead of 没有发现问题", async () => {
      await page.evaluate((b64) => window.capturePreview!.loadWorkbook(b64), await emptyWorkbook());
      await page.evaluate(() => window.capturePreview!.settle());
      await pane().getByRole("tab", { name: "检查", exact: true }).click();
      await pane().getByRole("button", { name: "插入空白模板" }).click();
      // The template: title in row 1, header in row 2 (src/excel/prepare.ts); students from row 3.
      const note = pane().getByRole("note").filter({ hasText: "名单还是空的" });
      await note.waitFor();
      expect(await note.textContent()).toBe(
        "名单还是空的：请从第 3 行起，每行填写一名学生的姓名、学号、身份证号、培养层次等，也可以从研究生综合管理系统导出后粘贴进来。助手会边填边检查。",
      );
      expect(await pane().getByText("没有发现问题。").count()).toBe(0);
      expect(pageErrors).toEqual([]);
    });
  });

  describe("with the graduate school's server", () => {
    let page: Page;
    const pane = () => page.locator("#pane");

    beforeAll(async () => {
      // Her profile on the server: the sample college's recipient, so the list checks as in Node.
      const res = await fetch(`${server.url}/api/colleges/${encodeURIComponent(COLLEGE)}/profile`, {
        method: "PUT",
        headers: { "X-Access-Key": key, "Content-Type": "application/json" },
        body: JSON.stringify({
          secretaryName: SAMPLE_COLLEGE.recipient,
          mobile: SAMPLE_COLLEGE.recipientPhone,
          email: "mxy@lzu.edu.cn",
          mailAddress: SAMPLE_COLLEGE.mailAddress,
        }),
      });
      expect(res.status).toBe(200);
      page = await newPage();
      const query = `server=${encodeURIComponent(server.url)}&key=${encodeURIComponent(key)}`;
      await page.goto(`${server.url}/preview.html?${query}`);
      await opened(page);
    });

    test("the confirmation: what is sent, what is left out, the fee of what is sent; 取消 gives focus back", async () => {
      const expected = await expectedSend();
      expect(await page.evaluate(() => window.capturePreview!.problems())).toEqual(
        expected.problems.map(plain),
      );
      expect(expected.skipped.length).toBeGreaterThan(0);
      await pane().getByRole("tab", { name: "提交", exact: true }).click();
      await pane()
        .getByRole("checkbox", { name: /跳过有错误的行/ })
        .check();
      const send = pane().getByRole("button", { name: "发送到研究生院" });
      await send.click();
      const dialog = page.getByRole("dialog", { name: "确认发送" });
      await dialog.waitFor();
      const facts = await dialog
        .locator("dt")
        .evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
      expect(facts.slice(0, 5)).toEqual([
        ["收件人", CAMPAIGN.submitTo],
        ["学院", COLLEGE],
        ["发送", `${expected.headCount} 人`],
        [
          "不发送",
          `${expected.skipped.length} 人（有错误：${formatRows(expected.skipped)}），改正后可再发送`,
        ],
        ["采集费", `${formatYuan(expected.fee)}（按发送的 ${expected.headCount} 人计）`],
      ]);
      await dialog.getByRole("button", { name: "取消" }).click();
      await dialog.waitFor({ state: "detached" });
      expect(await send.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(smtp.messages).toHaveLength(0);
    });

    test("after the send, the success message wraps inside 320 px and gives a short reference", async () => {
      await pane().getByRole("button", { name: "发送到研究生院" }).click();
      const dialog = page.getByRole("dialog", { name: "确认发送" });
      await dialog.waitFor();
      await dialog.getByRole("button", { name: "确认发送" }).click();
      await dialog.waitFor({ state: "detached" });
      await smtp.untilMessages(1);
      const success = pane().getByText(/^名单已发送到研究生院（/);
      await success.waitFor();
      const text = (await success.textContent()) ?? "";
      expect(text).toMatch(
        new RegExp(
          `^名单已发送到研究生院（${CAMPAIGN.submitTo.replace(/\./g, "\\.")}）。回执号：${COLLEGE}-\\d{4}-\\d{1,3}（询问时请报这个号）。$`,
        ),
      );
      expect(text).not.toMatch(/[0-9a-f]{24}/);
      expect(text).not.toContain("outbox/");
      const width = await pane().evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(width[0]).toBeLessThanOrEqual(width[1]);
      expect(await pane().evaluate((el) => (el as HTMLElement).offsetWidth - el.clientLeft)).toBe(320);
      expect(pageErrors).toEqual([]);
    });
  });
});
