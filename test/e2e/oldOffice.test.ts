/**
 * The task pane page in headless Chromium under the user agents of older Office web views: Internet
 * Explorer 11 (Trident, volume-licensed Office 2016/2019) and Edge Legacy (EdgeHTML, retail Office
 * 2016/2019 without WebView2). There the page must say at once, in Chinese, what to do — the web
 * version and the command line — and never start the pane's bundles. Under a current user agent
 * (Chromium, WebView2's "Edg/") the pane starts as before.
 * Skipped (with a message) only outside CI on a machine without /usr/bin/chromium.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildAddin } from "../../src/preview/build";
import { startStaticServer, type StaticServer } from "../../src/preview/server";
import { describeE2e, launchChromium } from "./chromium";

/** What Office's web views send (Trident: volume-licensed Office 2016 on Windows 10). */
const IE11_OFFICE =
  "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; .NET CLR 2.0.50727; ms-office; MSOffice 16) like Gecko";
const EDGE_HTML =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045";
const WEBVIEW2 =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91";

declare global {
  interface Window {
    captureOldEngine?: boolean;
  }
}

jest.setTimeout(180_000);

describeE2e("the task pane page in older Office web views", () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  /** The JavaScript files webpack wrote (the pane's and the preview's bundles and chunks). */
  let bundles: string[];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "capture-old-office-"));
    await buildAddin({ mode: "development", outputPath: dir, quiet: true });
    bundles = readdirSync(dir).filter((f) => f.endsWith(".js"));
    server = await startStaticServer({ root: dir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens taskpane.html at Office's default pane width; resolves after the load event. */
  async function openPane(userAgent?: string) {
    const context = await browser.newContext({ userAgent, viewport: { width: 320, height: 640 } });
    contexts.push(context);
    const page: Page = await context.newPage();
    const requested: string[] = [];
    const pageErrors: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname.slice(1)));
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/taskpane.html`);
    const paneScripts = JSON.parse((await page.locator("#pane-scripts").textContent()) ?? "") as string[];
    return { page, requested, pageErrors, paneScripts };
  }

  test.each([
    ["Internet Explorer 11 (Trident)", IE11_OFFICE],
    ["Edge Legacy (EdgeHTML)", EDGE_HTML],
  ])(
    "%s: the page says so in Chinese, offers the web version and the command line, starts no bundle",
    async (_name, ua) => {
      const { page, requested, paneScripts } = await openPane(ua);
      expect(await page.evaluate(() => window.captureOldEngine)).toBe(true);

      // The body holds the message only: the loading text and the pane's container are gone.
      expect(await page.locator("#container").count()).toBe(0);
      const alert = page.getByRole("alert");
      expect(await alert.getByRole("heading").textContent()).toBe("这个 Office 无法运行采集名单助手");
      const text = (await alert.textContent()) ?? "";
      expect(text).toContain("旧的浏览器内核（Internet Explorer 11 或旧版 Edge）");
      expect(text).toContain("批量许可的 Office 2016、Office 2019");
      expect(text).toContain("命令行工具（npm run cli -- check）");
      expect(text).not.toContain("正在加载");

      // The web version on the same server, opened outside this web view, with its address to copy.
      const web = alert.getByRole("link", { name: "打开采集名单助手网页版" });
      expect(await web.evaluate((a: HTMLAnchorElement) => [a.href, a.target])).toEqual([
        `${server.url}/web.html`,
        "_blank",
      ]);
      expect(await alert.locator("code").textContent()).toBe(`${server.url}/web.html`);
      const help = alert.getByRole("link", { name: "使用帮助" });
      expect(await help.evaluate((a: HTMLAnchorElement) => a.href)).toBe(`${server.url}/support.html`);

      // No bundle of the pane was requested, none is on the page, and nothing of the pane ran.
      expect(paneScripts.length).toBeGreaterThan(0);
      expect(paneScripts.every((s) => bundles.includes(s))).toBe(true);
      expect(requested.filter((r) => bundles.includes(r))).toEqual([]);
      const scriptSources = await page.evaluate(() =>
        Array.from(document.scripts, (s) => s.getAttribute("src") ?? ""),
      );
      expect(scriptSources).toContain("office-js/office.js");
      expect(scriptSources.filter((s) => bundles.includes(s))).toEqual([]);

      // Nothing is cut off at 320 px.
      expect(
        await page.evaluate(() => document.body.scrollWidth - document.body.clientWidth),
      ).toBeLessThanOrEqual(0);
    },
  );

  test("the help page the message links to is served, in Chinese", async () => {
    const context = await browser.newContext({ userAgent: IE11_OFFICE });
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/support.html`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe("采集名单助手 · 使用帮助");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(
      await page.getByRole("link", { name: "采集名单助手网页版" }).evaluate((a: HTMLAnchorElement) => a.href),
    ).toBe(`${server.url}/web.html`);
  });

  test.each([
    ["Chromium", undefined],
    ["Chromium Edge (WebView2, Edg/)", WEBVIEW2],
  ])("%s: the pane's bundles load and the pane starts", async (_name, ua) => {
    const { page, requested, pageErrors, paneScripts } = await openPane(ua);
    expect(await page.evaluate(() => window.captureOldEngine)).toBe(false);
    // Outside Excel the started pane says where it belongs (src/taskpane/office.tsx) in place of the loading text.
    await page.locator("#container [role=alert]").waitFor();
    expect(await page.locator("#container").textContent()).not.toContain("正在加载");
    expect(await page.locator(".old-engine").count()).toBe(0);
    expect(requested.filter((r) => paneScripts.includes(r)).sort()).toEqual([...paneScripts].sort());
    expect(pageErrors).toEqual([]);
  });
});
