/**
 * End to end in Debian's headless Chromium over the preview (SPEC §7): the real pane, the real Office
 * adapter and the in-memory Excel, built by webpack exactly as `npm run preview` builds them.
 * Load the sample, see the marks, type a bad ID → flagged and marked, repair it → the mark goes,
 * fill the off-site columns and build the submission through the pane's buttons.
 * Skipped (with a message) only outside CI on a machine without /usr/bin/chromium.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import {
  buildCaptured,
  buildRoster,
  findCollege,
  idCheckCharacter,
  levelResolver,
  ListChecker,
  parseCampaignJson,
  type Problem,
} from "../../src/domain";
import { MARK_FILL } from "../../src/domain/marks";
import { NOTE_PREFIX } from "../../src/excel/marks";
import { readSheet } from "../../src/files/readSheet";
import { buildAddin } from "../../src/preview/build";
import { startStaticServer, type StaticServer } from "../../src/preview/server";
import { describeE2e, launchChromium } from "./chromium";

/** "FFFFC7CE" (ARGB) → "#FFC7CE", how the in-memory Excel reports fills. */
const fillOf = (argb: string) => `#${argb.slice(2)}`.toUpperCase();
const ERROR_FILL = fillOf(MARK_FILL.error);

// The sample list (assets/sample-list.xlsx): headers in row 1; 身份证号 is column F, 邮寄地址 column K.
// Row 8's ID has a wrong check character; row 20 (现场采集) is clean; row 21 is 异地采集 with a wrong address.
const ID_COL = "F";
const BAD_ID_ROW = 8;
const CLEAN_ROW = 20;
const OFFSITE_ROW = 21;
const MAIL_COL = "K";

/**
 * The same ID with a wrong check character "X": it stays text when typed into a General cell (all
 * digits would become a number, and the verdict would be id.numeric instead).
 */
function withWrongCheckCharacter(id: string): string {
  const right = idCheckCharacter(id.slice(0, 17));
  if (right === "X") throw new Error("pick a row whose ID does not end in X");
  return `${id.slice(0, 17)}X`;
}

/**
 * What the engine finds in the sample with the setup the preview opens it with (src/preview/main.tsx:
 * the sample campaign, 信息科学与工程学院's profile, roster and already-captured list), in Node.
 */
async function expectedSampleProblems(): Promise<Problem[]> {
  const asset = (name: string) => new Uint8Array(readFileSync(resolve(__dirname, "../../assets", name)));
  const campaign = parseCampaignJson(new TextDecoder().decode(asset("sample-campaign.json")));
  const college = findCollege(campaign, "信息科学与工程学院")!;
  const checker = new ListChecker({
    campaign,
    college: college.name,
    profile: {
      mailAddress: college.mailAddress ?? "",
      recipient: college.recipient ?? "",
      recipientPhone: college.recipientPhone ?? "",
    },
    roster: buildRoster(
      (await readSheet(asset("sample-roster.csv"), "sample-roster.csv")).grid,
      levelResolver(campaign),
    ),
    captured: buildCaptured((await readSheet(asset("sample-captured.csv"), "sample-captured.csv")).grid),
  });
  checker.load((await readSheet(asset("sample-list.xlsx"), "sample-list.xlsx")).grid);
  return checker.problems();
}

async function expectedSampleCollege() {
  const text = readFileSync(resolve(__dirname, "../../assets/sample-campaign.json"), "utf8");
  return findCollege(parseCampaignJson(text), "信息科学与工程学院")!;
}

/** A problem as it crosses into the page and back (JSON: no undefined fields). */
const plain = (p: Problem) => JSON.parse(JSON.stringify(p)) as Problem;

/** Every message on one cell, as the mark's note carries them after the add-in's prefix. */
const noteOf = (found: Problem[], row: number, column: string) =>
  NOTE_PREFIX +
  found
    .filter((p) => p.row === row && p.column === column)
    .map((p) => p.message)
    .join("\n");

/** What a secretary types to enter digits as text in a General cell: a leading apostrophe. */
const asText = (digits: string) => `'${digits}`;

jest.setTimeout(180_000);

describeE2e("the preview in Chromium", () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  // Functions given to page.evaluate run in the page: they may not use anything from this scope.
  const settle = () => page.evaluate(() => window.capturePreview!.settle());
  const cell = (address: string) => page.evaluate((a) => window.capturePreview!.cell(a), address);
  const edit = (address: string, value: string) =>
    page.evaluate(([a, v]) => window.capturePreview!.edit(a, v), [address, value]);
  const problems = () => page.evaluate(() => window.capturePreview!.problems());
  const stats = () => page.evaluate(() => window.capturePreview!.stats());
  const problemsAt = async (row: number) => (await problems()).filter((p: Problem) => p.row === row);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "capture-preview-"));
    const built = await buildAddin({ mode: "development", outputPath: dir, quiet: true });
    console.log(`preview built in ${(built.durationMs / 1000).toFixed(1)} s`);
    server = await startStaticServer({ root: dir });
    browser = await launchChromium();
    // 1280 px leaves the pane its default 320 px beside the sheet.
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("opens the sample, reaches a first verdict and marks the bad cells", async () => {
    const started = Date.now();
    await page.goto(`${server.url}/preview.html`);
    await page.waitForFunction(() => document.body.dataset.firstVerdictMs !== undefined, undefined, {
      timeout: 60_000,
      polling: 50,
    });
    const wall = Date.now() - started;
    const inPage = await page.evaluate(() => Number(document.body.dataset.firstVerdictMs));
    console.log(`first verdict: ${inPage} ms after navigation start (${wall} ms measured by the test)`);
    await settle();

    // Exactly what the engine finds in Node on the same files and setup.
    const found = await problems();
    expect(found).toEqual((await expectedSampleProblems()).map(plain));
    expect(found).toContainEqual(expect.objectContaining({ row: BAD_ID_ROW, code: "id.checksum" }));
    // The pane lists every one of them.
    expect(await page.getByRole("listbox").getAttribute("aria-label")).toBe(
      `问题列表，共 ${found.length} 条`,
    );
    const marked = await cell(`${ID_COL}${BAD_ID_ROW}`);
    expect(marked.fill).toBe(ERROR_FILL);
    expect(marked.note).toBe(noteOf(found, BAD_ID_ROW, "idNumber"));
    expect((await cell(`${ID_COL}${CLEAN_ROW}`)).fill).toBeNull();

    // The grid shows the same: fill and the note as a tooltip.
    const td = page.locator(`td[data-address="${ID_COL}${BAD_ID_ROW}"]`);
    expect(await td.getAttribute("title")).toBe(marked.note);
    expect(await td.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(255, 199, 206)");
    expect(pageErrors).toEqual([]);
  });

  test("a bad ID typed into a clean row is flagged and marked; repairing it removes the mark", async () => {
    const address = `${ID_COL}${CLEAN_ROW}`;
    const goodId = String((await cell(address)).value);
    const badId = withWrongCheckCharacter(goodId);
    const before = await stats();
    await edit(address, badId);
    await settle();
    expect(await problemsAt(CLEAN_ROW)).toContainEqual(
      expect.objectContaining({ column: "idNumber", code: "id.checksum", severity: "error" }),
    );
    const flagged = await cell(address);
    expect(flagged).toEqual({
      value: badId,
      fill: ERROR_FILL,
      note: noteOf(await problems(), CLEAN_ROW, "idNumber"),
    });
    const afterEdit = await stats();
    console.log(
      `one edit: ${afterEdit.syncs - before.syncs} syncs, ${afterEdit.writes - before.writes} writes`,
    );

    await edit(address, asText(goodId));
    await settle();
    expect((await problemsAt(CLEAN_ROW)).filter((p) => p.column === "idNumber")).toEqual([]);
    expect(await cell(address)).toEqual({ value: goodId, fill: null, note: null });
  });

  test("typing in the grid itself goes through the same path", async () => {
    const address = `${ID_COL}${CLEAN_ROW}`;
    const goodId = String((await cell(address)).value);
    await page.locator(`td[data-address="${address}"]`).dblclick();
    const editor = page.locator("input.cell-editor");
    await editor.fill(withWrongCheckCharacter(goodId));
    await editor.press("Enter");
    await settle();
    expect((await cell(address)).fill).toBe(ERROR_FILL);
    await page.locator(`td[data-address="${address}"]`).dblclick();
    await page.locator("input.cell-editor").fill(asText(goodId));
    await page.locator("input.cell-editor").press("Enter");
    await settle();
    expect((await cell(address)).fill).toBeNull();
  });

  test("the pane's button fills the off-site mailing columns", async () => {
    const address = `${MAIL_COL}${OFFSITE_ROW}`;
    expect(await problemsAt(OFFSITE_ROW)).toContainEqual(
      expect.objectContaining({ code: "offsite.address" }),
    );
    expect((await cell(address)).fill).toBe(ERROR_FILL);
    await page.getByRole("button", { name: "填写邮寄信息" }).click();
    await settle();
    expect((await problemsAt(OFFSITE_ROW)).filter((p) => p.code.startsWith("offsite."))).toEqual([]);
    const filled = await cell(address);
    const college = (await expectedSampleCollege()).mailAddress;
    expect(filled).toEqual({ value: college, fill: null, note: null });
  });

  test("the pane builds the submission into a new sheet", async () => {
    const tabsBefore = await page.getByTestId("sheet-tab").allTextContents();
    await page.getByRole("tab", { name: "提交" }).click();
    const build = page.getByRole("button", { name: "生成提交名单" });

    // The sample still has errors: the build refuses and says which rows. The refusal is rendered
    // after the host call settles: wait for that page state (the locator's timeout is a safety net).
    await build.click();
    await settle();
    const section = page.getByRole("region", { name: "生成提交名单" });
    const refusal = section.getByText(/第 8、13、25.*错误/);
    await refusal.waitFor({ timeout: 60_000 });
    console.log(`build refused: ${await refusal.textContent()}`);
    expect(await page.getByTestId("sheet-tab").allTextContents()).toEqual(tabsBefore);

    // Leaving the erroneous rows out, it builds.
    await page.getByRole("checkbox", { name: /跳过有错误的行/ }).check();
    await build.click();
    await settle();
    // The grid re-renders its tabs after the workbook changed: wait for that state, not for a time.
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-testid=sheet-tab]").length > n,
      tabsBefore.length,
      { timeout: 60_000 },
    );
    const tabsAfter = await page.getByTestId("sheet-tab").allTextContents();
    const added = tabsAfter.filter((t) => !tabsBefore.includes(t));
    expect(added).toHaveLength(1);
    // The new sheet: the canonical header, 学号 and 身份证号 kept as text.
    const sheet = added[0];
    const quoted = `'${sheet.replace(/'/g, "''")}'`;
    expect((await cell(`${quoted}!A1`)).value).toBe("序号");
    const header = await Promise.all(["E1", "F1"].map(async (a) => (await cell(`${quoted}!${a}`)).value));
    expect(header).toEqual(["学号", "身份证号"]);
    expect(typeof (await cell(`${quoted}!F2`)).value).toBe("string");

    await page.screenshot({ path: "/tmp/preview.png" });
    const paneWidth = await page
      .locator("#pane")
      .evaluate((el) => (el as HTMLElement).offsetWidth - el.clientLeft);
    expect(paneWidth).toBe(320);
    // Nothing in the pane overflows its 320 px horizontally.
    const overflow = await page.locator("#pane").evaluate((el) => el.scrollWidth - el.clientWidth);
    if (overflow > 0) {
      const wide = await page.locator("#pane *").evaluateAll((els) =>
        els
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(-3)
          .map(
            (e) => `<${e.tagName.toLowerCase()} class="${e.className}">${(e.textContent ?? "").slice(0, 40)}`,
          ),
      );
      console.warn(`the pane is wider than 320 px; the widest elements:\n${wide.join("\n")}`);
    }
    expect(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
  });
});
