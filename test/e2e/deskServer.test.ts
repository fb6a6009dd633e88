/**
 * Issue 10's end-to-end check: the desk page in headless Chromium against the real server (its own
 * process, real SMTP on loopback). Three colleges submit — one twice, one with a student who is also in
 * another college's list —; the server is killed with SIGKILL while the resubmission is still queued
 * and started again; the desk then shows the right statuses, history, duplicate and totals, and the
 * merged workbook it downloads holds exactly the latest rows.
 * Skipped (with a message) only outside CI on a machine without /usr/bin/chromium.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { createAccessKey, deskEntry } from "../../src/server/accessKeys";
import {
  COLLEGE,
  OTHER_COLLEGE,
  TestSmtp,
  listXlsx,
  removeDir,
  spawnServer,
  tempDir,
  upload,
  validRows,
  type TestRow,
} from "../server/helpers";
import { describeE2e, launchChromium } from "./chromium";

jest.setTimeout(180_000);

const ROOT = join(__dirname, "..", "..");
const THIRD = "文学院";

describeE2e("the desk against the real server", () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  let smtp: TestSmtp;
  const servers: ReturnType<typeof spawnServer>[] = [];
  const keys: Record<string, string> = {};
  let deskKey = "";
  let url = "";

  const first = validRows(3, 71);
  const renamed = { ...first[1], name: "王改名" };
  const extra = validRows(2, 72);
  const second = [first[0], renamed, ...extra];
  const other = [validRows(1, 73)[0], first[0]];
  const third = validRows(2, 74);

  async function submit(rows: TestRow[], college: string): Promise<string> {
    const res = await upload(url, await listXlsx(rows, college), { key: keys[college], college });
    expect(res.status).toBe(202);
    return String(res.body.id);
  }

  beforeAll(async () => {
    dir = tempDir("capture-desk-e2e-");
    const keysFile = join(dir, "keys.json");
    for (const c of [COLLEGE, OTHER_COLLEGE, THIRD]) keys[c] = await createAccessKey(keysFile, c);
    deskKey = await createAccessKey(keysFile, deskEntry("赵老师"));
    // The page as the server serves it: desk.html and its bundle in STATIC_DIR.
    const bundle = await build({
      entryPoints: [join(ROOT, "src/desk/main.tsx")],
      bundle: true,
      write: false,
      format: "iife",
      target: "es2020",
      jsx: "automatic",
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
    const staticDir = join(dir, "static");
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, "desk.js"), bundle.outputFiles[0].text);
    writeFileSync(
      join(staticDir, "desk.html"),
      readFileSync(join(ROOT, "src/desk/desk.html"), "utf8").replace(
        "</head>",
        '<script defer src="/desk.js"></script></head>',
      ),
    );
    smtp = new TestSmtp();
    await smtp.start();
    const env = {
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: join(dir, "data"),
      ACCESS_KEYS: keysFile,
      STATIC_DIR: staticDir,
      SMTP_URL: smtp.url,
      MAIL_FROM: "capture@example.edu.cn",
      RETRY_BASE_MS: "100",
      RETRY_MAX_MS: "200",
    };

    const firstServer = spawnServer(env);
    servers.push(firstServer);
    url = `http://127.0.0.1:${await firstServer.port}`;
    await submit(first, COLLEGE);
    await submit(other, OTHER_COLLEGE);
    await submit(third, THIRD);
    await smtp.untilMessages(3);
    // The resubmission is accepted while the mail server refuses: queued on disk when the server dies.
    smtp.refuse = true;
    await submit(second, COLLEGE);
    await smtp.untilRefusals(1);
    const exited = new Promise((r) => firstServer.child.once("exit", r));
    firstServer.child.kill("SIGKILL");
    await exited;
    smtp.refuse = false;
    const secondServer = spawnServer(env);
    servers.push(secondServer);
    url = `http://127.0.0.1:${await secondServer.port}`;
    await smtp.untilMessages(4);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) s.child.kill("SIGKILL");
    await smtp?.stop();
    removeDir(dir);
  });

  test("statuses, totals, history, the duplicate and the merged workbook", async () => {
    expect(smtp.messages).toHaveLength(4);
    await page.goto(`${url}/desk.html`);
    await page.getByLabel("研究生院访问密钥").fill(deskKey);
    await page.keyboard.press("Enter");
    const table = page.getByRole("table", { name: "各学院提交情况" });
    await table.waitFor();
    const cells = (college: string) =>
      table
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: college, exact: true }) })
        .getByRole("cell");
    // Columns: college, status, when, students, by level, by mode, by batch, fee due, paid, difference.
    const summary = async (college: string) => (await cells(college).allTextContents()).slice(0, 10);
    const pick = (c: string[]) => [c[0], c[1], c[3], c[4], c[5], c[6], c[7], c[8], c[9]];
    expect(pick(await summary(COLLEGE))).toEqual([
      COLLEGE,
      "已发送",
      "4",
      "博士研究生 2、硕士研究生 2",
      "现场采集 4",
      "2018年6月 4",
      "52.00",
      "0.00",
      "52.00",
    ]);
    expect(pick(await summary(OTHER_COLLEGE)).slice(0, 3)).toEqual([OTHER_COLLEGE, "已发送", "2"]);
    expect(pick(await summary(THIRD)).slice(0, 3)).toEqual([THIRD, "已发送", "2"]);
    expect(pick(await summary("历史文化学院")).slice(0, 3)).toEqual(["历史文化学院", "未提交", "0"]);
    const total = await table
      .getByRole("row")
      .filter({ hasText: "合计" })
      .getByRole("cell")
      .allTextContents();
    expect(total.slice(0, 4)).toEqual(["合计", "已提交 3 / 共 36 个学院", "—", "8"]);

    // The history of the college that submitted twice: what changed.
    await page.getByRole("button", { name: `历史（${COLLEGE}）` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("修改 1 人：").waitFor();
    const dialogText = (await dialog.textContent()) ?? "";
    expect(dialogText).toContain("首次提交");
    expect(dialogText).toContain(extra[0].name);
    expect(dialogText).toContain("王改名");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    // The student in two colleges' lists.
    await page.getByRole("tab", { name: "跨学院重复" }).click();
    await page.getByText("发现 1 处跨学院重复").waitFor();
    await page
      .getByRole("region", { name: `学号 ${first[0].studentNo} 同时出现在 ${OTHER_COLLEGE}、${COLLEGE}` })
      .waitFor();

    // The merged workbook: exactly the latest rows, by college (campaign order) then 学号.
    await page.getByRole("tab", { name: /各学院/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载合并名单（Excel）" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("10730兰州大学_2018届毕业研究生图像采集名单_合并名单_8人.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ExcelJS.Buffer);
    const got: string[][] = [];
    wb.worksheets[0].eachRow((r, n) => {
      if (n > 1) got.push([2, 5, 6].map((c) => String(r.getCell(c).value)));
    });
    const bySno = (rows: TestRow[], college: string) =>
      [...rows]
        .sort((a, b) => a.studentNo.localeCompare(b.studentNo))
        .map((r) => [college, r.studentNo, r.idNumber]);
    expect(got).toEqual([...bySno(third, THIRD), ...bySno(other, OTHER_COLLEGE), ...bySno(second, COLLEGE)]);
  });
});
