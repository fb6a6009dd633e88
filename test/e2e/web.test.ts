/**
 * The web version (issue 11 §1) end to end: the real host server serves the built web.html; in
 * Debian's headless Chromium the secretary opens her list with the file chooser, the pane finds a
 * known mistake, she fixes the cell by typing in the grid, the problem goes, she downloads the corrected
 * list (read back with ExcelJS: the fixed value, IDs as text) and the submission, then saves her key
 * and profile in the pane and sends: a real SMTP server on loopback receives exactly one message.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Download, Page } from "playwright-core";
import type { RunningServer } from "../../src/server/app";
import { buildAddin } from "../../src/preview/build";
import {
  COLLEGE,
  HEADERS,
  TestSmtp,
  listXlsx,
  makeKeys,
  startTestServer,
  validRows,
} from "../server/helpers";
import { describeE2e, launchChromium } from "./chromium";

jest.setTimeout(240_000);

const SECRETARY = {
  secretaryName: "马晓燕",
  mobile: "13809311234",
  email: "ma.xiaoyan@lzu.edu.cn",
  mailAddress: "兰州市城关区天水南路222号 信息学院 201",
};
const students = validRows(4, 23);
/** Row 3 (the second student): 性别 contradicts the ID's sex digit. */
const WRONG_GENDER = students[1].gender === "男" ? "女" : "男";

async function readBack(download: Download): Promise<ExcelJS.Worksheet> {
  const path = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
  return wb.worksheets[0];
}

describeE2e("the web version", () => {
  let dir: string;
  let smtp: TestSmtp;
  let server: RunningServer;
  let key: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const settle = () => page.evaluate(() => window.capturePreview!.settle());
  const errors = () =>
    page.evaluate(() => window.capturePreview!.problems().filter((p) => p.severity === "error"));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "capture-web-e2e-"));
    const site = join(dir, "site");
    await buildAddin({ mode: "development", outputPath: site, quiet: true });
    const keys = await makeKeys(dir);
    key = keys.key;
    smtp = new TestSmtp();
    await smtp.start();
    ({ server } = await startTestServer(join(dir, "data"), keys.keysFile, {
      SMTP_URL: smtp.url,
      STATIC_DIR: site,
      RATE_LIMIT: "1000",
    }));
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // Each wait ends on a page state; the limit is only a safety net for a machine under heavy load.
    page.setDefaultTimeout(120_000);
  });

  afterAll(async () => {
    // The final state, for a person to look at (as the preview test does).
    await page?.screenshot({ path: "/tmp/web.png" }).catch(() => undefined);
    await browser?.close();
    await server?.close();
    await smtp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("a blank start says what to do", async () => {
    await page.goto(`${server.url}/web.html`);
    await page.waitForFunction(() => document.body.dataset.webReady === "1");
    await page.getByRole("heading", { name: "欢迎使用采集名单助手（网页版）" }).waitFor();
    await page.getByText("名单只在本机浏览器中处理").waitFor();
    expect(await page.getByRole("button", { name: "下载改好的名单" }).isDisabled()).toBe(true);
    // The pane on the empty sheet offers the blank template.
    await page.getByRole("button", { name: "插入空白模板" }).waitFor();
  });

  test("open with the file chooser, see the problem, fix it by typing, download both files", async () => {
    const list = await listXlsx(students, COLLEGE, (data) => {
      data[1][3] = WRONG_GENDER;
    });
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("toolbar", { name: "名单文件" }).getByRole("button", { name: "打开名单…" }).click();
    await (
      await chooser
    ).setFiles({
      name: "信息学院名单.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: list,
    });
    await page.getByText("已打开“信息学院名单.xlsx”（工作表“名单”），右侧窗格正在检查。").waitFor();
    await settle();
    const message = `性别填的是“${WRONG_GENDER}”，但身份证号显示为“${students[1].gender}”，请核对性别或身份证号。`;
    expect(await errors()).toEqual([
      { code: "gender.idMismatch", row: 3, column: "gender", severity: "error", message },
    ]);
    await page
      .getByRole("listbox")
      .getByText(/性别填的是/)
      .waitFor();

    // Fix D3 in the grid: select, F2, replace the text, Enter (as in Excel).
    await page.locator('td[data-address="D3"]').click();
    await page.keyboard.press("F2");
    const editor = page.getByRole("textbox", { name: "编辑 D3" });
    await editor.fill(students[1].gender);
    await editor.press("Enter");
    await settle();
    expect(await errors()).toEqual([]);
    expect(await page.evaluate(() => window.capturePreview!.cell("D3").value)).toBe(students[1].gender);
    await page.getByText("当前文件：信息学院名单.xlsx（有未下载的修改）").waitFor();

    const listDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "下载改好的名单" }).click();
    const corrected = await listDownload;
    expect(corrected.suggestedFilename()).toBe("信息学院名单-改正.xlsx");
    const ws = await readBack(corrected);
    expect(ws.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(ws.getCell("D3").value).toBe(students[1].gender);
    students.forEach((s, i) => {
      expect(ws.getCell(`E${i + 2}`).value).toBe(s.studentNo);
      expect(ws.getCell(`F${i + 2}`).value).toBe(s.idNumber);
      expect(ws.getCell(`F${i + 2}`).numFmt).toBe("@");
    });
    await page.getByText("当前文件：信息学院名单.xlsx", { exact: true }).waitFor();

    const submissionDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "下载提交名单" }).click();
    const submission = await submissionDownload;
    expect(submission.suggestedFilename()).toMatch(/信息科学与工程学院.*4人\.xlsx$/);
    const sub = await readBack(submission);
    expect(sub.actualRowCount).toBe(5);
    const idColumn = (sub.getRow(1).values as unknown[]).indexOf("身份证号");
    expect(idColumn).toBeGreaterThan(0);
    expect(students.map((_, i) => sub.getRow(i + 2).getCell(idColumn).value)).toEqual(
      students.map((s) => s.idNumber),
    );
  });

  test("with a key and the college profile, the submission is sent to the server that served the page", async () => {
    await page.getByRole("tab", { name: "设置" }).click();
    const sending = page.getByRole("form", { name: "发送设置" });
    await sending.getByLabel("访问密钥").fill(key);
    await sending.getByRole("button", { name: "保存发送设置" }).click();
    await sending.getByText("发送设置已保存。").waitFor();

    const form = page.getByRole("form", { name: "学院资料" });
    await form.getByLabel("学院").selectOption(COLLEGE);
    await form.getByLabel("秘书姓名").fill(SECRETARY.secretaryName);
    await form.getByLabel("手机").fill(SECRETARY.mobile);
    await form.getByLabel("邮箱").fill(SECRETARY.email);
    await form.getByLabel("邮寄地址").fill(SECRETARY.mailAddress);
    await form.getByRole("button", { name: "保存学院资料" }).click();
    await page.getByText("学院资料已保存到服务器，名单将按新的资料重新检查。").waitFor();
    await settle();

    await page.getByRole("tab", { name: "提交" }).click();
    await page.getByRole("button", { name: "发送到研究生院" }).click();
    const dialog = page.getByRole("dialog", { name: "确认发送" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "确认发送" }).click();
    await dialog.waitFor({ state: "hidden" });
    await smtp.untilMessages(1);
    await page.getByText("名单已发送到研究生院（pyk@lzu.edu.cn）", { exact: false }).waitFor();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].to[0]).toBe("pyk@lzu.edu.cn");

    // The pane's "生成到新工作簿": Excel would open a window; the web version downloads the file.
    await page.getByRole("radio", { name: "新工作簿" }).check();
    const created = page.waitForEvent("download");
    await page.getByRole("button", { name: "生成提交名单" }).click();
    const file = await created;
    expect(file.suggestedFilename()).toBe("提交名单（新工作簿）.xlsx");
    expect((await readBack(file)).getCell("F2").value).toBe(students[0].idNumber);
    expect(smtp.messages).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });

  test("a list dragged from the desktop and dropped on the sheet opens too", async () => {
    const rows = validRows(2, 31);
    const csv = [
      HEADERS.join(","),
      ...rows.map((r, i) => [i + 1, COLLEGE, r.name, r.gender, r.studentNo, r.idNumber].join(",")),
    ].join("\r\n");
    // The edits above were downloaded (and the send changed no cell): no question before the list is replaced.
    await page.getByText("当前文件：信息学院名单.xlsx", { exact: true }).waitFor();
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "拖进来的名单.csv", { type: "text/csv" }));
      return dt;
    }, csv);
    const sheet = page.locator("#sheet");
    await sheet.dispatchEvent("dragenter", { dataTransfer });
    await page.getByText("松开鼠标即可打开名单").waitFor();
    await sheet.dispatchEvent("dragover", { dataTransfer });
    await sheet.dispatchEvent("drop", { dataTransfer });
    await page.getByText(/^已打开“拖进来的名单\.csv”/).waitFor();
    await settle();
    expect(await page.evaluate(() => window.capturePreview!.cell("C3").value)).toBe(rows[1].name);
    // An ID read from a CSV is text.
    expect(await page.evaluate(() => window.capturePreview!.cell("F2").value)).toBe(rows[0].idNumber);
    expect(await page.getByText("松开鼠标即可打开名单").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
