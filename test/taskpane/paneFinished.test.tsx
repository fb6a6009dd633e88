/** @jest-environment jsdom */
import "./polyfills";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { DEFAULT_CAMPAIGN, type Problem } from "../../src/domain";
import { KeyValuePaneStorage, MemoryKeyValueStore, memoryPaneStorage } from "../../src/taskpane/storage";
import { FakeHost, OFFICE_2016, PROFILE, problem, readyUpdate, summaryOf } from "./fakeHost";
import { dialogClosed, openedDialog, openTab, renderApp, until } from "./harness";

/** issue 11 §3 and §6: the pane's own actions and words, one behaviour per test. */

const LEGACY = problem(
  9,
  "idNumber",
  "id.legacy15",
  { upgraded: "410105198702050299" },
  "410105198702050299",
);
const NAME = problem(10, "name", "roster.nameMismatch", { expected: "王浩然", actual: "王皓然" }, "王浩然");
const CHECKSUM = problem(11, "idNumber", "id.checksum", { expected: "7", actual: "1" });

function options(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[role="listbox"] [role="option"]'));
}

/** The check tab's one outcome (the bar under the actions). */
function outcomes(): string[] {
  const tab = screen.getByRole("tabpanel");
  return Array.from(
    tab.querySelectorAll('[role="status"] .fui-MessageBarBody, [role="alert"] .fui-MessageBarBody'),
  ).map((e) => e.textContent ?? "");
}

describe("each fixable problem has its own apply action", () => {
  test("采用建议 and 升位为18位 write that problem's suggestion through the host; one outcome, dismissable", async () => {
    const problems = [LEGACY, NAME, CHECKSUM];
    const host = new FakeHost({ initial: readyUpdate(problems, summaryOf(12, problems)) });
    await renderApp(host);
    const list = document.querySelector<HTMLElement>('[role="listbox"]')!;
    // The buttons are in the problems' items, each named for its row and column; none on a problem without a suggestion.
    // Pointer-only (a listbox may own only options): hidden from the accessibility tree, out of the tab order.
    const buttons = within(list).getAllByRole("button", { hidden: true });
    expect(buttons.map((b) => [b.textContent, b.getAttribute("aria-label")])).toEqual([
      ["升位为18位", "升位为18位：第 9 行，身份证号"],
      ["采用建议", "采用建议：第 10 行，姓名"],
    ]);
    // Never inside the option (an option's content is presentational).
    for (const b of buttons) {
      expect(b.closest('[role="option"]')).toBeNull();
      expect([b.getAttribute("aria-hidden"), b.tabIndex]).toEqual(["true", -1]);
    }
    // The keyboard's way, announced on the options that have a suggestion, and said under the list.
    expect(options().map((o) => o.getAttribute("aria-keyshortcuts"))).toEqual([
      "Control+Enter",
      "Control+Enter",
      null,
    ]);
    expect(document.getElementById(list.getAttribute("aria-describedby")!)?.textContent).toBe(
      "有建议的问题：点它下方的按钮采用建议，或在列表中选中后按 Ctrl+Enter。",
    );

    fireEvent.click(buttons[0]);
    await until(host.called("applyFix"));
    expect(host.argsOf("applyFix")).toEqual([[LEGACY]]);
    await screen.findByText("已把第 9 行的身份证号改为“410105198702050299”。");

    fireEvent.click(within(list).getAllByRole("button", { hidden: true })[1]);
    await until(host.called("applyFix", 2));
    await screen.findByText("已把第 10 行的姓名改为“王浩然”。");
    // One current outcome: the second replaced the first.
    expect(outcomes()).toEqual(["已把第 10 行的姓名改为“王浩然”。"]);
    fireEvent.click(within(screen.getByRole("tabpanel")).getByRole("button", { name: "关闭" }));
    expect(outcomes()).toEqual([]);
  });

  test("a suggestion the sheet no longer has writes nothing and says so; Ctrl+Enter applies the active one", async () => {
    const host = new FakeHost({ initial: readyUpdate([NAME], summaryOf(12, [NAME])) });
    host.applyFixCount = 0;
    await renderApp(host);
    const list = document.querySelector<HTMLElement>('[role="listbox"]')!;
    act(() => list.focus());
    fireEvent.keyDown(list, { key: "Enter", ctrlKey: true });
    await until(host.called("applyFix"));
    expect(host.argsOf("applyFix")).toEqual([[NAME]]);
    await screen.findByText("第 10 行的姓名已经改动过，这条建议不再适用，没有写入。请看最新的检查结果。");
  });

  test("messages are shown whole: no line clamp, the item as tall as its lines", async () => {
    const long = problem(4, "mailAddress", "offsite.address", {
      mode: "异地采集",
      expected: "甘肃省兰州市城关区天水南路222号兰州大学信息科学与工程学院研究生教学办公室（飞云楼 201 室）",
    });
    const host = new FakeHost({ initial: readyUpdate([long], summaryOf(5, [long])) });
    await renderApp(host);
    const option = options()[0];
    expect(option.textContent).toBe(`第 4 行，邮寄地址${long.message}`);
    const message = option.lastElementChild as HTMLElement;
    expect(getComputedStyle(message).webkitLineClamp ?? "").not.toBe("2");
    // 27 px of padding, column line and border, then the message's lines of 16 px.
    const wide = [...long.message].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2000 ? 0.55 : 1), 0);
    const item = option.closest("[data-index]") as HTMLElement;
    expect(item.style.height).toBe(`${27 + Math.ceil(wide / 18) * 16}px`);
    expect(Math.ceil(wide / 18)).toBeGreaterThan(2);
  });
});

describe("the summary", () => {
  test("还剩 N 天 before the deadline, from the pane's clock", async () => {
    // DEFAULT_CAMPAIGN's deadline: 30 October 2017, 11:00 in Lanzhou.
    const host = new FakeHost();
    await renderApp(host, { now: () => new Date("2017-10-27T10:00:00+08:00") });
    expect(screen.getByText("（还剩 3 天）")).toBeTruthy();
    expect(DEFAULT_CAMPAIGN.submitDeadline).toBe("2017-10-30T11:00:00+08:00");
  });

  test("clicking the error or warning count filters the problem list", async () => {
    const problems = [LEGACY, NAME, CHECKSUM];
    const host = new FakeHost({ initial: readyUpdate(problems, summaryOf(12, problems)) });
    await renderApp(host);
    const card = screen.getByLabelText("名单概况");
    fireEvent.click(within(card).getByRole("button", { name: /^1\s*警告$/ }));
    expect(options().map((o) => o.textContent)).toEqual([
      `第 9 行，身份证号${LEGACY.message}建议改为：410105198702050299`,
    ]);
    expect(
      within(screen.getByRole("group", { name: "按严重程度筛选" }))
        .getByRole("button", { name: "警告 1" })
        .getAttribute("aria-pressed"),
    ).toBe("true");
    fireEvent.click(within(card).getByRole("button", { name: /^2\s*错误$/ }));
    expect(options()).toHaveLength(2);
  });

  test("a blank template says where to start, not 没有发现问题", async () => {
    const host = new FakeHost({ initial: readyUpdate([], summaryOf(0, [])) });
    await renderApp(host);
    expect(screen.queryByText("没有发现问题。")).toBeNull();
    expect(screen.getByRole("note").textContent).toBe(
      "名单还是空的：请从第 3 行起，每行填写一名学生的姓名、学号、身份证号、培养层次等，也可以从研究生综合管理系统导出后粘贴进来。助手会边填边检查。",
    );
  });

  test("ExcelApi 1.1: once she leaves the pane the results may be stale, until 重新检查", async () => {
    const host = new FakeHost({ capabilities: OFFICE_2016, initial: readyUpdate([], summaryOf(3, [])) });
    await renderApp(host);
    const stale = "结果可能已过期：离开任务窗格后表格可能已改动，编辑后请点“重新检查”。";
    expect(screen.queryByText(stale)).toBeNull();
    act(() => {
      window.dispatchEvent(new Event("blur"));
    });
    expect(screen.getByText(stale)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "重新检查" }));
    await until(host.called("checkNow"));
    // The host publishes the new check: the results are current again.
    act(() => host.push(readyUpdate([], summaryOf(3, []))));
    expect(screen.queryByText(stale)).toBeNull();
  });
});

describe("errors the pane used to swallow (§6)", () => {
  test("a failed cell selection is said", async () => {
    const host = new FakeHost({ initial: readyUpdate([CHECKSUM], summaryOf(12, [CHECKSUM])) });
    host.selectProblem = async (p: Problem) => {
      host.calls.push({ name: "selectProblem", args: [p] });
      throw new Error("定位单元格失败：工作表受保护 (InvalidOperation)");
    };
    await renderApp(host);
    fireEvent.click(options()[0]);
    await screen.findByText(
      "无法在表格中选中第 11 行的身份证号：定位单元格失败：工作表受保护。请直接在表格中找到这一行。",
    );
  });

  test("setMarking(false) failing at start: the setting goes back on and the pane says the marks stay", async () => {
    const storage = memoryPaneStorage();
    storage.saveSettings({ serverUrl: "", accessKey: "", marking: false });
    const host = new FakeHost();
    host.setMarking = async (on: boolean) => {
      host.calls.push({ name: "setMarking", args: [on] });
      throw new Error("更新标记失败：Excel 忙 (Busy)");
    };
    await renderApp(host, { storage });
    await screen.findByText(
      "无法清除表格中的问题标记（更新标记失败：Excel 忙），标记仍在表格中，“在表格中标记问题单元格”已恢复为开启。可到“设置”中再关闭一次。",
    );
    expect(storage.loadSettings().marking).toBe(true);
    openTab("设置");
    expect((screen.getByRole("switch", { name: "在表格中标记问题单元格" }) as HTMLInputElement).checked).toBe(
      true,
    );
  });

  test("without pane storage the 名单 tab says the lists last only until the pane closes", async () => {
    const inMemory = new KeyValuePaneStorage(new MemoryKeyValueStore(), false);
    await renderApp(new FakeHost({ profile: PROFILE }), { storage: inMemory });
    openTab("名单");
    expect(screen.getByRole("note").textContent).toBe(
      "此电脑的浏览器存储不可用（可能被策略禁用）：导入的名单只保留到关闭任务窗格为止，下次打开需要重新导入。",
    );
  });
});

describe("the submission", () => {
  test("the confirmation says what is sent, what is left out and the fee of what is sent", async () => {
    const problems = [CHECKSUM];
    const host = new FakeHost({ initial: readyUpdate(problems, summaryOf(40, problems)), profile: PROFILE });
    host.file = {
      fileName: "名单_33人.xlsx",
      bytes: new Uint8Array([1, 2]),
      headCount: 33,
      feeTotal: 429,
      listRows: [],
      skippedRows: [4, 5, 6, 8, 11, 13, 20],
    };
    const storage = memoryPaneStorage();
    storage.saveSettings({ serverUrl: "https://x.example", accessKey: "k", marking: true });
    await renderApp(host, { storage });
    openTab("提交");
    fireEvent.click(screen.getByRole("checkbox", { name: /跳过有错误的行/ }));
    fireEvent.click(screen.getByRole("button", { name: "发送到研究生院" }));
    await until(host.called("submissionFile"));
    const dialog = await openedDialog();
    const facts = Array.from(dialog.querySelectorAll("dt")).map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]);
    expect(facts.slice(2, 5)).toEqual([
      ["发送", "33 人"],
      ["不发送", "7 人（有错误：第 4、5、6、8、11、13、20 行），改正后可再发送"],
      ["采集费", "429 元（按发送的 33 人计）"],
    ]);
    fireEvent.click(within(dialog).getByRole("button", { name: "取消", hidden: true }));
    await dialogClosed();
  });

  test("after the build, 保存为文件 downloads the submission", async () => {
    const host = new FakeHost({ profile: PROFILE });
    host.buildResult = {
      ok: true,
      fileName: "名单_3人.xlsx",
      headCount: 3,
      feeTotal: 39,
      skippedRows: [],
      target: "sheet",
      sheetName: "提交名单",
    };
    host.file = {
      fileName: "名单_3人.xlsx",
      bytes: new Uint8Array([0x50, 0x4b]),
      headCount: 3,
      feeTotal: 39,
      listRows: [2, 3, 4],
      skippedRows: [],
    };
    const saved: { name: string; size: number }[] = [];
    const blobs = new Map<string, Blob>();
    URL.createObjectURL = (b: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, b);
      return url;
    };
    URL.revokeObjectURL = () => undefined;
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ name: this.download, size: blobs.get(this.href)?.size ?? -1 });
    });
    try {
      await renderApp(host);
      openTab("提交");
      expect(screen.queryByRole("button", { name: "保存为文件" })).toBeNull();
      fireEvent.click(screen.getByRole("button", { name: "生成提交名单" }));
      await until(host.called("buildSubmission"));
      fireEvent.click(await screen.findByRole("button", { name: "保存为文件" }));
      await until(host.called("submissionFile"));
      await screen.findByText(/^已保存“名单_3人\.xlsx”：3 人。/);
      expect(saved).toEqual([{ name: "名单_3人.xlsx", size: 2 }]);
    } finally {
      click.mockRestore();
    }
  });
});
