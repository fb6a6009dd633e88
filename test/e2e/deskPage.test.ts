/**
 * The desk page in Debian's headless Chromium, used with the keyboard only: sign in (a wrong key, then
 * the right one), the key kept in this tab's sessionStorage across a reload, a dialog that gives focus
 * back to the button that opened it, a payment typed and sent with Enter, the merged workbook saved
 * through a real Blob link, 退出. The page is src/desk bundled by esbuild (webpack's production build of
 * the same entry is checked in test/desk/build.test.ts); the API is a loopback server answering the
 * shapes of src/desk/deskApi.ts and recording every request.
 * Skipped (with a message) only outside CI on a machine without /usr/bin/chromium.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { describeE2e, launchChromium } from "./chromium";

jest.setTimeout(180_000);

const ROOT = join(__dirname, "..", "..");
const KEY = "desk-e2e-0123456789";
const WORKBOOK = Buffer.from("PK\u0003\u0004 merged workbook bytes");
const COLLEGES = [
  {
    college: "文学院",
    status: "sent",
    students: 3,
    feeDue: 39,
    feePaid: 39,
    submittedAt: "2026-11-30T02:05:00Z",
  },
  {
    college: "法学院",
    status: "failed",
    students: 2,
    feeDue: 26,
    feePaid: 0,
    submittedAt: "2026-12-01T16:30:00Z",
  },
  { college: "历史文化学院", status: "none", students: 0, feeDue: 0, feePaid: 0 },
];

interface Seen {
  method: string;
  url: string;
  key: string | undefined;
  body: string;
}

/** The desk API on loopback, plus desk.html and its bundle. */
async function startDesk(script: string): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const html = readFileSync(join(ROOT, "src/desk/desk.html"), "utf8").replace(
    "</head>",
    '<script defer src="/desk.js"></script></head>',
  );
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      const url = req.url ?? "/";
      const key = req.headers["x-access-key"] as string | undefined;
      if (url.startsWith("/api/")) seen.push({ method: req.method ?? "", url, key, body });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(value));
      };
      if (url === "/desk.html") {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        return res.end(html);
      }
      if (url === "/desk.js") {
        res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8" });
        return res.end(script);
      }
      if (url === "/api/campaign")
        return json(200, { campaign: { submitDeadline: "2026-12-10T11:00:00+08:00" }, version: "1" });
      if (!url.startsWith("/api/desk/")) return json(404, { status: 404, message: "没有这个地址" });
      if (key !== KEY) return json(401, { status: 401, message: "访问密钥无效" });
      if (url === "/api/desk/colleges") return json(200, COLLEGES);
      if (url.endsWith("/submissions"))
        return json(200, [{ id: "s1", submittedAt: "2026-11-30T02:05:00Z", students: 3, status: "sent" }]);
      if (req.method === "POST" && url.endsWith("/payments")) return json(201, { payment: { seq: 1 } });
      if (url === "/api/desk/export.xlsx") {
        res.writeHead(200, {
          "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Content-Disposition": `attachment; filename="merged.xlsx"; filename*=UTF-8''${encodeURIComponent("10730兰州大学_合并名单.xlsx")}`,
        });
        return res.end(WORKBOOK);
      }
      return json(404, { status: 404, message: "没有这个地址" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, server };
}

describeE2e("desk page in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let desk: Awaited<ReturnType<typeof startDesk>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
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
    desk = await startDesk(bundle.outputFiles[0].text);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => desk?.server.close(resolve));
  });

  test("keyboard only: sign in, reload, history, payment, download, 退出", async () => {
    await page.goto(`${desk.url}/desk.html`);
    const keyInput = page.getByLabel("研究生院访问密钥");
    await keyInput.waitFor();
    // The key field has the focus on arrival.
    expect(await keyInput.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("not-the-key");
    await page.keyboard.press("Enter");
    expect(await page.getByRole("alert").textContent()).toBe("密钥不对");
    expect(await keyInput.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await keyInput.fill(KEY);
    await page.keyboard.press("Enter");
    await page.getByRole("table", { name: "各学院提交情况" }).waitFor();
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([KEY]);

    // A reload keeps the tab signed in.
    await page.reload();
    await page.getByRole("table", { name: "各学院提交情况" }).waitFor();
    expect(await page.getByRole("row").count()).toBe(1 + COLLEGES.length + 1);

    // A dialog gives the focus back to its opener.
    await page.getByRole("button", { name: "历史（文学院）" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").getByText("首次提交").waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "历史（文学院）");

    // A payment typed field by field and sent with Enter.
    await page.getByRole("button", { name: "登记缴费（法学院）" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    // The dialog puts the focus on its first field, the amount.
    const amount = page.getByRole("dialog").getByLabel(/^金额/);
    await page.waitForFunction(() => document.activeElement?.tagName === "INPUT");
    expect(await amount.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("26.5");
    await page.keyboard.press("Tab");
    await page.keyboard.type("2");
    await page.keyboard.press("Tab");
    await page.keyboard.type("张老师");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    expect(await page.getByRole("status").first().textContent()).toBe(
      "已为法学院登记缴费 26.50 元，发放凭证 2 张",
    );
    const posted = desk.seen.filter((s) => s.method === "POST");
    expect(posted.map((s) => [s.url, s.key, JSON.parse(s.body)])).toEqual([
      [
        `/api/desk/colleges/${encodeURIComponent("法学院")}/payments`,
        KEY,
        { amount: 26.5, vouchers: 2, by: "张老师" },
      ],
    ]);
    await page.waitForFunction(
      () => document.activeElement?.getAttribute("aria-label") === "登记缴费（法学院）",
    );

    // The merged workbook through a Blob link, fetched with the key.
    await page.getByRole("button", { name: "下载合并名单（Excel）" }).focus();
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toBe("10730兰州大学_合并名单.xlsx");
    const saved = await download.path();
    expect(readFileSync(saved).equals(WORKBOOK)).toBe(true);
    expect(desk.seen.filter((s) => s.url === "/api/desk/export.xlsx").map((s) => s.key)).toEqual([KEY]);

    await page.getByRole("button", { name: "退出" }).focus();
    await page.keyboard.press("Enter");
    await keyInput.waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
