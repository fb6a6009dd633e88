/** @jest-environment jsdom */
import "./polyfills";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { listKey, memoryPaneStorage, MemoryKeyValueStore } from "../../src/taskpane/storage";
import { FakeHost, PROFILE, readyUpdate, summaryOf } from "./fakeHost";
import { dialogClosed, openedDialog, openTab, renderApp, until } from "./harness";

const ROOT = path.resolve(__dirname, "../..");
const rosterBytes = readFileSync(path.join(ROOT, "assets/sample-roster.csv"));
const capturedBytes = readFileSync(path.join(ROOT, "assets/sample-captured.csv"));

function pick(label: string, file: File): void {
  fireEvent.change(screen.getByLabelText(label), { target: { files: [file] } });
}

/** A plain selector: it runs inside waits, where a role query would walk the whole pane each time. */
function section(name: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`section[aria-label="${name}"]`);
  if (!found) throw new Error(`no section ${name}`);
  return found;
}

/**
 * Picks a file and returns once the pane has re-configured the host with the list (the host records
 * that call): the list is parsed, stored and shown by then.
 */
async function importFile(host: FakeHost, label: string, file: File): Promise<void> {
  const configured = host.argsOf("configure").length;
  pick(label, file);
  await until(host.called("configure", configured + 1));
}

async function setup() {
  const host = new FakeHost({ initial: readyUpdate([], summaryOf(5, [])), profile: PROFILE });
  const harness = await renderApp(host);
  expect(host.lastConfig()?.profile).toEqual(PROFILE);
  openTab("名单");
  return { host, ...harness };
}

describe("roster and already-captured list import", () => {
  test("a real CSV roster is parsed, stored for the college only, used by the checks and removable", async () => {
    const { host, storage } = await setup();
    within(section("学籍名单")).getByText("学籍名单：未导入");
    await importFile(
      host,
      "选择学籍名单文件",
      new File([rosterBytes], "sample-roster.csv", { type: "text/csv" }),
    );
    within(section("学籍名单")).getByText(/^学籍名单：42 人（导入于 \d{4}年\d+月\d+日 \d\d:\d\d）$/);

    // Stored as compact JSON under this college's key, nowhere else, and not in the workbook.
    const kv = storage.kv as MemoryKeyValueStore;
    const key = listKey(PROFILE.college, "roster");
    expect([...kv.items.keys()].filter((k) => k.includes(".roster."))).toEqual([key]);
    const stored = JSON.parse(kv.items.get(key)!);
    expect(stored.entries).toHaveLength(42);
    expect(stored.entries[0]).toEqual(["120140920004", "41010519870205029X", "王浩然", "博士研究生"]);
    expect(kv.items.get(key)).not.toContain("\n");
    expect(host.argsOf("saveProfile")).toHaveLength(0);

    expect(host.lastConfig()?.roster?.size).toBe(42);
    const roster = host.lastConfig()!.roster!;
    expect(roster.byStudentNo.get("120140920009")?.name).toBe("黄子轩");
    expect(roster.byIdNumber.get("41010519870205029X")).toBe("120140920004");

    // The check tab no longer warns that the roster checks are off.
    openTab("检查");
    expect(screen.queryByText("未导入学籍名单")).toBeNull();
    openTab("名单");

    const configured = host.argsOf("configure").length;
    // 移除 asks first; 取消 keeps the list and puts the focus back on 移除.
    const remove = within(section("学籍名单")).getByRole("button", { name: "移除" });
    fireEvent.click(remove);
    let dialog = await openedDialog();
    expect(within(dialog).getByRole("heading", { hidden: true }).textContent).toBe("移除学籍名单？");
    expect(dialog.textContent).toContain("含全体学生的身份证号");
    fireEvent.click(within(dialog).getByRole("button", { name: "取消", hidden: true }));
    await dialogClosed();
    expect(kv.items.has(key)).toBe(true);
    expect(document.activeElement).toBe(remove);
    expect(host.argsOf("configure")).toHaveLength(configured);

    fireEvent.click(remove);
    dialog = await openedDialog();
    fireEvent.click(within(dialog).getByRole("button", { name: "移除", hidden: true }));
    await dialogClosed();
    within(section("学籍名单")).getByText("学籍名单：未导入");
    // 移除 is gone: the focus is on the import button that took its place.
    expect(document.activeElement).toBe(
      within(section("学籍名单")).getByRole("button", { name: "导入学籍名单…" }),
    );
    expect(kv.items.has(key)).toBe(false);
    await until(host.called("configure", configured + 1));
    expect(host.lastConfig()?.roster).toBeUndefined();
  });

  test("the already-captured list", async () => {
    const { host } = await setup();
    await importFile(host, "选择已采集名单文件", new File([capturedBytes], "sample-captured.csv"));
    // assets/sample-captured.csv: three students, by 学号 and 身份证号.
    within(section("已采集名单")).getByText(/^已采集名单：3 人（导入于 \d{4}年\d+月\d+日 \d\d:\d\d）$/);
    const captured = host.lastConfig()?.captured;
    expect(captured?.size).toBe(3);
    expect([...captured!.studentNos]).toEqual(["220150920037", "220120920107", "320150910021"]);
    expect(host.lastConfig()?.roster).toBeUndefined();
  });

  test("bad files are refused in Chinese and nothing is stored", async () => {
    const { storage } = await setup();
    pick("选择学籍名单文件", new File(["%PDF-1.4 nothing"], "名册.pdf"));
    const alert = await within(section("学籍名单")).findByRole("alert");
    expect(alert.textContent).toBe("无法导入学籍名单：不支持的文件格式，请使用 .xlsx、.xls 或 .csv 文件");

    pick("选择学籍名单文件", new File(["甲,乙,丙\n1,2,3\n"], "名册.csv"));
    await waitFor(() =>
      expect(within(section("学籍名单")).getByRole("alert").textContent).not.toBe(alert.textContent),
    );
    expect(within(section("学籍名单")).getByRole("alert").textContent).toMatch(
      /^无法导入学籍名单：.*找不到表头/,
    );
    expect((storage.kv as MemoryKeyValueStore).items.size).toBe(0);
  });

  test("lists are kept per college: another college's roster is not shown or used", async () => {
    const storage = memoryPaneStorage();
    storage.saveList("文学院", {
      kind: "roster",
      fileName: "文学院.csv",
      importedAt: "2017-10-20T02:00:00.000Z",
      count: 1,
      duplicateStudentNos: 0,
      entries: [["120150000001", "110101199001011237", "张三", "硕士研究生"]],
    });
    const host = new FakeHost({ initial: readyUpdate([], summaryOf(5, [])), profile: PROFILE });
    await renderApp(host, { storage });
    expect(host.lastConfig()?.profile).toEqual(PROFILE);
    expect(host.lastConfig()?.roster).toBeUndefined();

    // Switching the profile to 文学院 brings that college's roster in.
    openTab("设置");
    fireEvent.change(screen.getByLabelText(/^学院/, { selector: "select" }), { target: { value: "文学院" } });
    const configured = host.argsOf("configure").length;
    fireEvent.click(screen.getByRole("button", { name: "保存学院资料" }));
    // One re-check with the new college and its roster together.
    await until(host.called("configure", configured + 1));
    expect(host.lastConfig()?.profile?.college).toBe("文学院");
    expect(host.lastConfig()?.roster?.size).toBe(1);
    openTab("名单");
    within(section("学籍名单")).getByText("学籍名单：1 人（导入于 2017年10月20日 10:00）");
  });

  test("without a college there is nowhere to keep a list", async () => {
    const host = new FakeHost({ initial: readyUpdate([], summaryOf(5, [])) });
    await renderApp(host);
    openTab("名单");
    expect(screen.getByText(/请先在“设置”中选择学院/)).toBeTruthy();
    const button = within(section("学籍名单")).getByRole("button", { name: "导入学籍名单…" });
    expect(button.hasAttribute("disabled") || button.getAttribute("aria-disabled") === "true").toBe(true);
  });
});
