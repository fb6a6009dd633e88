/** @jest-environment jsdom */
import "./polyfills";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { defaultModeNote, parseCampaign } from "../../src/domain";
import { FakeHost, MODERN, OFFICE_2016, PROFILE, problem, readyUpdate, summaryOf } from "./fakeHost";
import { openTab, renderApp, until } from "./harness";

/** The card's facts, term → description. */
function facts(card: HTMLElement): Record<string, string> {
  return Object.fromEntries(
    Array.from(card.querySelectorAll("dt")).map((dt) => [
      dt.textContent ?? "",
      dt.nextElementSibling?.textContent ?? "",
    ]),
  );
}

/** The number shown above a stat label. */
function stat(card: HTMLElement, label: string): string | null | undefined {
  return within(card).getByText(label).previousSibling?.textContent;
}

const problems = [
  problem(3, "idNumber", "id.checksum", { expected: "X", actual: "1" }),
  problem(5, "name", "normalize.whitespace", { header: "姓名" }, "杨博文"),
];

function fullSummary() {
  return summaryOf(42, problems, {
    byLevel: { 博士研究生: 12, 硕士研究生: 30 },
    byMode: { 现场采集: 38, 异地采集: 4 },
    byBatch: { "2018年6月": 40, "2018年12月": 2 },
  });
}

describe("summary card", () => {
  test("shows rows, errors, warnings, head counts, fee and deadline", async () => {
    const host = new FakeHost({ initial: readyUpdate(problems, fullSummary()) });
    await renderApp(host);
    const card = screen.getByLabelText("名单概况");
    expect(stat(card, "行")).toBe("42");
    expect(stat(card, "错误")).toBe("1");
    expect(stat(card, "警告")).toBe("1");
    // Breakdowns: the largest group first. No profile: the campaign's whole capture window and place.
    expect(facts(card)).toEqual({
      培养层次: "硕士研究生 30 · 博士研究生 12",
      采集方式: "现场采集 38 · 异地采集 4",
      毕业时间: "2018年6月 40 · 2018年12月 2",
      采集费: "546 元（42 人 × 13 元）",
      // 41 of 42 rows have no error (one row holds the error).
      可提交: "41 人，533 元（有错误的 1 人改正后才能提交）",
      // The harness's clock is in 2026: the 2017 deadline is past.
      报送截止: "2017年10月30日 11:00（已过截止时间）",
      本院采集: "2017年11月1日 09:00 至 11月2日 12:30 · 盘旋路校区大学生活动中心舞美厅",
    });
    expect(within(card).queryByText(defaultModeNote("现场采集"))).toBeNull();
  });

  test("a list without 采集方式 says once that every row counts as 现场采集", async () => {
    const summary = summaryOf(3, [], { byMode: { 现场采集: 3 }, defaultMode: "现场采集" });
    const host = new FakeHost({ initial: readyUpdate([], summary) });
    await renderApp(host);
    const card = screen.getByLabelText("名单概况");
    expect(facts(card).采集方式).toBe("现场采集 3");
    expect(within(card).getByText(defaultModeNote("现场采集")).textContent).toBe(
      "名单中没有“采集方式”列：全部按“现场采集”处理，不需要邮寄地址、收件人和收件人电话。",
    );
  });

  test("uses the college's capture slot once the profile names the college", async () => {
    const campaign = parseCampaign({
      colleges: [{ name: "信息科学与工程学院", captureSlot: "11月1日 9:00–9:40" }],
    });
    const host = new FakeHost({ initial: readyUpdate(problems, fullSummary()), profile: PROFILE });
    await renderApp(host, { campaign });
    // The host was configured with the loaded profile, so the card shows its college.
    expect(facts(screen.getByLabelText("名单概况")).本院采集).toBe(
      "11月1日 9:00–9:40 · 盘旋路校区大学生活动中心舞美厅",
    );
  });

  test("the make-up, fee desk and proofreading notes fold open", async () => {
    const host = new FakeHost({ initial: readyUpdate(problems, fullSummary()) });
    await renderApp(host);
    const toggle = screen.getByRole("button", { name: "补拍、缴费与校对" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const text = screen.getByLabelText("名单概况").textContent ?? "";
    expect(text).toContain("2018年4月14日 至 4月16日，甘肃中医药大学");
    expect(text).toContain("培养处（大学生活动中心706）");
    expect(text).toContain("40 天内");
    expect(text).toContain("学生校对机会只有一次");
  });

  test("follows the host's updates", async () => {
    const host = new FakeHost({ initial: readyUpdate(problems, fullSummary()) });
    await renderApp(host);
    act(() => host.push(readyUpdate([], summaryOf(7, []))));
    const card = screen.getByLabelText("名单概况");
    expect(stat(card, "行")).toBe("7");
    expect(stat(card, "错误")).toBe("0");
    expect(facts(card).采集费).toBe("91 元（7 人 × 13 元）");
    expect(screen.getByText("没有发现问题。")).toBeTruthy();
  });
});

describe("empty states", () => {
  test("no list: explains and inserts the blank template", async () => {
    const host = new FakeHost({
      initial: { status: { kind: "noList", sheetName: "Sheet1" }, problems: [], summary: undefined },
    });
    await renderApp(host);
    expect(screen.getByText("在工作表“Sheet1”中没有找到采集名单")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "插入空白模板" }));
    await until(host.called("insertTemplate"));
    await screen.findByText("已插入空白模板，请在新工作表中填写名单。");
    expect(host.argsOf("insertTemplate")).toHaveLength(1);
  });

  test("no roster: says what is not checked", async () => {
    const host = new FakeHost({ initial: readyUpdate([], summaryOf(3, [])), profile: PROFILE });
    await renderApp(host);
    const notice = screen.getByText("未导入学籍名单");
    expect(notice.parentElement?.textContent).toContain("学号与身份证号是否与学籍一致、姓名、培养层次");
  });

  test("host error: the Chinese message, no stack", async () => {
    const host = new FakeHost({
      initial: {
        status: { kind: "error", message: "读取工作表失败：工作表受保护" },
        problems: [],
        summary: undefined,
      },
    });
    await renderApp(host);
    expect(screen.getByRole("alert").textContent).toBe("无法检查读取工作表失败：工作表受保护重新检查");
  });

  test("a failing start shows a Chinese message instead of the exception", async () => {
    const host = new FakeHost();
    host.start = async () => {
      throw new Error("RichApi.Error: GeneralException at Excel.run");
    };
    const { render } = await import("@testing-library/react");
    const { App } = await import("../../src/taskpane/App");
    const { memoryPaneStorage } = await import("../../src/taskpane/storage");
    render(<App host={host} storage={memoryPaneStorage()} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("无法检查无法读取当前工作表，请关闭任务窗格后重新打开");
  });
});

describe("actions", () => {
  test("Office 2016: 重新检查 is the main button and says why", async () => {
    const host = new FakeHost({ capabilities: OFFICE_2016, initial: readyUpdate([], summaryOf(2, [])) });
    await renderApp(host);
    const actions = screen.getByRole("region", { name: "操作" });
    const buttons = within(actions).getAllByRole("button");
    expect(buttons[0].textContent).toBe("重新检查");
    expect(actions.textContent).toContain("不支持边改边查");
    fireEvent.click(buttons[0]);
    await until(host.called("checkNow"));
    await screen.findByText("已重新检查整张名单。");
    expect(host.argsOf("checkNow")).toHaveLength(1);
  });

  test("一键规范 reports the cells written; 填写邮寄信息 needs a profile", async () => {
    const host = new FakeHost({ capabilities: MODERN, initial: readyUpdate([], summaryOf(2, [])) });
    host.fixAllCount = 12;
    await renderApp(host);
    fireEvent.click(screen.getByRole("button", { name: "一键规范" }));
    await until(host.called("fixAll"));
    await screen.findByText(
      "已规范 12 个单元格（空格、全角字符、小写 x、间隔号、简称，15 位旧身份证号升为 18 位）。",
    );
    fireEvent.click(screen.getByRole("button", { name: "填写邮寄信息" }));
    await screen.findByText(/请先在“设置”中填写并保存学院资料/);
    expect(host.argsOf("fillOffsite")).toHaveLength(0);
  });

  test("填写邮寄信息 with a profile and 准备工作表", async () => {
    const host = new FakeHost({ initial: readyUpdate([], summaryOf(2, [])), profile: PROFILE });
    host.fillCount = 6;
    await renderApp(host);
    expect(host.lastConfig()?.profile).toEqual(PROFILE);
    fireEvent.click(screen.getByRole("button", { name: "填写邮寄信息" }));
    await until(host.called("fillOffsite"));
    await screen.findByText("已为异地采集和补拍的行填写 6 个邮寄信息单元格。");
    fireEvent.click(screen.getByRole("button", { name: "准备工作表" }));
    await until(host.called("prepareSheet"));
    await screen.findByText(
      "已准备工作表：学号、身份证号和电话列设为文本格式，性别、培养层次等列已加下拉列表，表头已冻结。",
    );
  });
});

describe("marking setting", () => {
  test("before ExcelApi 1.20 it states that marking clears the undo history", async () => {
    const host = new FakeHost({ capabilities: { ...MODERN, apiVersion: "1.17", undoableWrites: false } });
    await renderApp(host);
    openTab("设置");
    const section = screen.getByRole("region", { name: "标记单元格" });
    expect(section.textContent).toContain(
      "在 Excel 2019–2024 中，标记单元格会清空撤销记录（ExcelApi 1.20 起不会）",
    );
    expect(section.textContent).toContain("ExcelApi 1.17");
    expect(section.textContent).toContain("批注");
  });

  test("with undoable writes it says the undo history is kept; switching off is remembered", async () => {
    const host = new FakeHost({
      capabilities: { ...MODERN, apiVersion: "1.20", undoableWrites: true, notes: true },
    });
    const { storage } = await renderApp(host);
    openTab("设置");
    const section = screen.getByRole("region", { name: "标记单元格" });
    expect(section.textContent).toContain("不会清空撤销记录");
    expect(section.textContent).not.toContain("会清空撤销记录（");
    fireEvent.click(within(section).getByRole("switch"));
    await until(host.called("setMarking"));
    await within(section).findByText(/已关闭标记/);
    expect(host.argsOf("setMarking")).toEqual([[false]]);
    expect(storage.loadSettings().marking).toBe(false);
  });

  test("a stored 'off' is applied to the host at start", async () => {
    const host = new FakeHost();
    const { memoryPaneStorage } = await import("../../src/taskpane/storage");
    const storage = memoryPaneStorage();
    storage.saveSettings({ serverUrl: "", accessKey: "", marking: false });
    await renderApp(host, { storage });
    // Applied with the profile's loading, before the first configure.
    expect(host.argsOf("setMarking")).toEqual([[false]]);
  });
});
