/**
 * The guide's screenshots (assets/guide/*.png): the real pane beside the emulated workbook, in Debian's
 * headless Chromium, on the bundled sample. Run by hand after the pane changes:
 *
 *   npx tsx scripts/guide-screens.ts [--from DIR]   (DIR: an existing build; default: a fresh development build)
 *
 * Chromium draws Chinese only with a CJK font installed (Debian: fonts-noto-cjk); without one every
 * character is a box, so the script refuses to run rather than write useless pictures.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { buildAddin, ROOT } from "../src/preview/build";
import { startStaticServer } from "../src/preview/server";
import type { CapturePreview } from "../src/preview/session";

declare global {
  interface Window {
    capturePreview?: CapturePreview;
  }
}

function hasChineseFont(): boolean {
  try {
    return execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  if (!hasChineseFont()) {
    console.error(
      "没有中文字体（fc-list :lang=zh 为空）：截图中的汉字会显示为方框。请先安装 fonts-noto-cjk。",
    );
    process.exitCode = 2;
    return;
  }
  const fromArg = process.argv.indexOf("--from");
  const given = fromArg > 0 ? process.argv[fromArg + 1] : undefined;
  const dir = given ?? mkdtempSync(join(tmpdir(), "guide-screens-"));
  if (!given) await buildAddin({ mode: "development", outputPath: dir, quiet: true });
  const out = join(ROOT, "assets", "guide");
  mkdirSync(out, { recursive: true });
  const server = await startStaticServer({ root: dir });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    await page.goto(`${server.url}/preview.html`);
    await page.waitForFunction(() => document.body.dataset.firstVerdictMs !== undefined, undefined, {
      timeout: 120_000,
    });
    await page.evaluate(() => window.capturePreview!.settle());
    await page.screenshot({ path: join(out, "check.png") });
    await page.getByRole("tab", { name: "提交" }).click();
    await page.evaluate(() => window.capturePreview!.settle());
    await page.screenshot({ path: join(out, "submit.png") });
    console.log(`written: ${join(out, "check.png")}, ${join(out, "submit.png")}`);
  } finally {
    await browser.close();
    await server.close();
    if (!given) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
