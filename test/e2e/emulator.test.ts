/**
 * The emulated workbook in Chromium, as a secretary uses it (issue 11 §4): a loaded .xlsx keeps its
 * "@" column, so an 18-digit ID typed into it stays text; clicking a problem in the pane moves the
 * grid's active cell and scrolls to it; an input method's composition (拼音 → 张三) lands in the cell;
 * Tab stays in the grid, F6 and Ctrl+Tab reach the pane and F6 comes back; "新工作簿" shows the new
 * workbook's sheet beside the list. Every wait is on a page state (never a sleep).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { Problem } from "../../src/domain";
import { buildAddin } from "../../src/preview/build";
import { startStaticServer, type StaticServer } from "../../src/preview/server";
import { describeE2e, launchChromium } from "./chromium";

const ID = "350102199001011234";

jest.setTimeout(240_000);

describeE2e("the emulated workbook in Chromium", () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const settle = () => page.evaluate(() => window.capturePreview!.settle());
  const cell = (address: string) => page.evaluate((a) => window.capturePreview!.cell(a), address);
  const problems = () => page.evaluate(() => window.capturePreview!.problems());
  const nameBox = () => page.getByLabel("名称框").textContent();
  const editor = () => page.locator("input.cell-editor");
  const activeIsEditor = () =>
    page.evaluate(() => document.activeElement?.classList.contains("cell-editor") ?? false);
  const activeInPane = () => page.evaluate(() => Boolean(document.activeElement?.closest("#pane")));
  /** The first empty row below the list (the grid renders it: it is within the first 60 rows). */
  const firstEmptyRow = async () => {
    let row = 2;
    while ((await cell(`A${row}`)).value !== null || (await cell(`B${row}`)).value !== null) row++;
    return row;
  };
  /** Scrolls the grid so that a row is drawn (rows are windowed), clicks a cell, waits for it to be active. */
  const clickCell = async (address: string) => {
    const row = Number(/\d+$/.exec(address)![0]);
    await page.locator(".grid-scroller").evaluate((el, r) => (el.scrollTop = Math.max(0, (r - 6) * 24)), row);
    await page.locator(`td[data-address="${address}"]`).click();
    await page.locator(`td.selected[data-address="${address}"]`).waitFor();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "capture-emulator-"));
    await buildAddin({ mode: "development", outputPath: dir, quiet: true });
    server = await startStaticServer({ root: dir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(120_000);
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/preview.html`);
    await page.waitForFunction(() => document.body.dataset.firstVerdictMs !== undefined, undefined, {
      polling: 50,
    });
    await settle();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("an 18-digit ID typed into the loaded file's '@' column stays text; in a General column it is a number", async () => {
    const row = await firstEmptyRow();
    // 身份证号 is column F of the sample list, formatted "@" in the file (also below its last student).
    await clickCell(`F${row}`);
    await page.keyboard.type(ID);
    await page.keyboard.press("Enter");
    await page.locator(`td.selected[data-address="F${row + 1}"]`).waitFor();
    await settle();
    expect((await cell(`F${row}`)).value).toBe(ID);
    expect(await page.locator(`td[data-address="F${row}"]`).textContent()).toBe(ID);

    // Column A (序号) is General in the file: Excel keeps 15 digits and shows 3.50102E+17.
    await clickCell(`A${row}`);
    await page.keyboard.type(ID);
    await page.keyboard.press("Enter");
    await settle();
    expect((await cell(`A${row}`)).value).toBe(350102199001011000);
    expect(await page.locator(`td[data-address="A${row}"]`).textContent()).toBe("3.50102E+17");

    // Delete both again (the Delete key), so the list is as the sample was.
    for (const address of [`F${row}`, `A${row}`]) {
      await clickCell(address);
      await page.keyboard.press("Delete");
    }
    await settle();
    expect((await cell(`F${row}`)).value).toBeNull();
    expect((await cell(`A${row}`)).value).toBeNull();
  });

  test("clicking a problem in the pane moves the grid's active cell and shows it", async () => {
    await clickCell("A1");
    // The last problem of the (virtualised) list: scroll the list to its end, then click it.
    const list = page.getByRole("listbox");
    await list.evaluate((el) => {
      const scroller = el.scrollHeight > el.clientHeight ? el : (el.parentElement ?? el);
      scroller.scrollTop = scroller.scrollHeight;
    });
    const lowest = Math.max(...(await problems()).map((p: Problem) => p.row));
    // Each option starts with its row's heading ("第 40 行 · 姓名，", read out with it).
    const option = page.locator("[role=option]", { hasText: `第 ${lowest} 行` }).first();
    await option.click();
    await settle();
    // The pane selected the problem's cell, far below the rows shown at first: the grid shows it, in view.
    await page.waitForFunction(
      (row) =>
        /^[A-Z]+(\d+)$/.exec(
          document.querySelector("td.selected")?.getAttribute("data-address") ?? "",
        )?.[1] === String(row),
      lowest,
      { polling: "raf" },
    );
    const selected = page.locator("td.selected");
    const at = (await selected.getAttribute("data-address"))!;
    expect(await nameBox()).toBe(at);
    const visible = await selected.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const view = el.closest(".grid-scroller")!.getBoundingClientRect();
      return box.top >= view.top && box.bottom <= view.bottom;
    });
    expect(visible).toBe(true);
    expect(lowest).toBeGreaterThan(30);
    // The focus stays in the pane, as it does in Excel.
    expect(await activeInPane()).toBe(true);
  });

  test("text composed with an input method (拼音 → 张三) lands in the selected cell", async () => {
    const row = await firstEmptyRow();
    await clickCell(`B${row}`);
    expect(await activeIsEditor()).toBe(true);
    // What Chromium's IME does: a composition of pinyin, then the chosen characters commit it.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "zhang", selectionStart: 5, selectionEnd: 5 });
    await page.waitForFunction(
      () => document.querySelector("input.cell-editor")?.getAttribute("data-editing") === "true",
    );
    await cdp.send("Input.imeSetComposition", { text: "zhangsan", selectionStart: 8, selectionEnd: 8 });
    await cdp.send("Input.insertText", { text: "张三" });
    expect(await editor().inputValue()).toBe("张三");
    await page.keyboard.press("Enter");
    await settle();
    expect((await cell(`B${row}`)).value).toBe("张三");
    expect(await page.locator(`td[data-address="B${row}"]`).textContent()).toBe("张三");

    // Plain insertText (an IME that commits at once) into a selected cell also starts an edit.
    await clickCell(`C${row}`);
    await page.keyboard.insertText("李四");
    await page.keyboard.press("Tab");
    await page.locator(`td.selected[data-address="D${row}"]`).waitFor();
    await settle();
    expect((await cell(`C${row}`)).value).toBe("李四");

    for (const address of [`B${row}`, `C${row}`]) {
      await clickCell(address);
      await page.keyboard.press("Delete");
    }
    await settle();
    await cdp.detach();
  });

  test("Tab moves between cells; F6 and Ctrl+Tab reach the pane; F6 comes back; Tab reaches the grid", async () => {
    await clickCell("B3");
    await page.keyboard.press("Tab");
    await page.locator('td.selected[data-address="C3"]').waitFor();
    await page.keyboard.press("Shift+Tab");
    await page.locator('td.selected[data-address="B3"]').waitFor();
    expect(await activeIsEditor()).toBe(true);

    await page.keyboard.press("F6");
    expect(await activeInPane()).toBe(true);
    await page.keyboard.press("F6");
    expect(await activeIsEditor()).toBe(true);
    expect(await nameBox()).toBe("B3");

    await page.keyboard.press("Control+Tab");
    expect(await activeInPane()).toBe(true);
    await page.keyboard.press("F6");
    expect(await activeIsEditor()).toBe(true);

    // From the top of the page (a click on the banner starts the Tab order there), Tab reaches the grid's active cell.
    await page.locator(".preview-banner").click();
    expect(await activeIsEditor()).toBe(false);
    await page.keyboard.press("Tab");
    expect(await activeIsEditor()).toBe(true);
    expect(await editor().getAttribute("aria-label")).toMatch(/^单元格 B3/);
    // The keys are said under the grid, and the active cell points to that hint.
    const hintId = (await editor().getAttribute("aria-describedby"))!;
    expect(await page.locator(`[id="${hintId}"]`).textContent()).toContain("F6");
  });

  test("新工作簿 opens the submission as a workbook of its own, beside the list", async () => {
    const listSheet = await page.getByTestId("sheet-tab").allTextContents();
    await page.getByRole("tab", { name: "提交" }).click();
    await page.getByRole("radio", { name: "新工作簿" }).check();
    await page.getByRole("checkbox", { name: /跳过有错误的行/ }).check();
    await page.getByRole("button", { name: "生成提交名单" }).click();
    await settle();
    await page.getByTestId("workbook-tab").nth(1).waitFor();
    expect(await page.getByTestId("workbook-tab").count()).toBe(2);
    const tabs = page.getByTestId("workbook-tab");
    expect(await tabs.nth(1).getAttribute("aria-selected")).toBe("true");
    // The new workbook's sheet is shown: the submission's header, IDs as text.
    await page.locator('td[data-address="A1"]', { hasText: "序号" }).waitFor();
    expect(await page.locator('td[data-address="E1"]').textContent()).toBe("学号");
    expect(await page.locator('td[data-address="F1"]').textContent()).toBe("身份证号");
    expect(await page.getByTestId("sheet-tab").count()).toBe(1);
    // The list is unchanged and one click away.
    await tabs.nth(0).click();
    await page.waitForFunction(
      (names) =>
        JSON.stringify(
          Array.from(document.querySelectorAll("[data-testid=sheet-tab]")).map((t) => t.textContent),
        ) === JSON.stringify(names),
      listSheet,
    );
    expect(pageErrors).toEqual([]);
  });
});
