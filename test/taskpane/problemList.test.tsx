/** @jest-environment jsdom */
import "./polyfills";
import { act, fireEvent, screen, within } from "@testing-library/react";
import type { Problem } from "../../src/domain";
import { FakeHost, problem, readyUpdate, summaryOf } from "./fakeHost";
import { renderApp } from "./harness";

const PROBLEMS: Problem[] = [
  problem(8, "idNumber", "id.checksum", { expected: "X", actual: "3" }),
  problem(8, "name", "normalize.dot", { header: "姓名" }, "阿依古丽·买买提"),
  problem(12, "studentNo", "dup.studentNo", { value: "120140920004", sameAs: 15 }),
  problem(
    12,
    "mailAddress",
    "offsite.address",
    { mode: "异地采集", expected: "甘肃省兰州市城关区天水南路222号" },
    "甘肃省兰州市城关区天水南路222号",
  ),
  problem(15, "studentNo", "dup.studentNo", { value: "120140920004", sameAs: 12 }),
  problem(
    20,
    "level",
    "normalize.alias",
    { header: "培养层次", from: "硕士", to: "硕士研究生" },
    "硕士研究生",
  ),
];

// Plain selectors here: role queries walk the whole pane's accessibility tree and make these tests slow.
function listbox(): HTMLElement {
  const box = document.querySelector<HTMLElement>('[role="listbox"]');
  if (!box) throw new Error("no problem list");
  return box;
}

function shownProblems(): HTMLElement[] {
  return Array.from(listbox().querySelectorAll<HTMLElement>('[role="option"]'));
}

function filterButton(name: string): HTMLElement {
  return within(screen.getByRole("group", { name: "按严重程度筛选" })).getByRole("button", { name });
}

function headings(): string[] {
  return Array.from(listbox().querySelectorAll('[aria-hidden="true"] > span:first-child')).map(
    (e) => e.textContent ?? "",
  );
}

async function setup(problems = PROBLEMS, rowNames?: Record<number, string>) {
  const names = rowNames ? new Map(Object.entries(rowNames).map(([r, n]) => [Number(r), n])) : undefined;
  const update = { ...readyUpdate(problems, summaryOf(30, problems)), ...(names ? { rowNames: names } : {}) };
  const host = new FakeHost({ initial: update });
  await renderApp(host);
  return host;
}

describe("problem list", () => {
  test("groups problems under one heading per row, with the student's name when the host gives it", async () => {
    await setup(PROBLEMS, { 8: "杨博文", 12: "王浩然" });
    expect(headings()).toEqual(["第 8 行 · 杨博文", "第 12 行 · 王浩然", "第 15 行", "第 20 行"]);
    const options = shownProblems();
    expect(options).toHaveLength(6);
    // Each problem: severity, column header, message, and the fix when there is one.
    expect(within(options[0]).getByRole("img", { name: "错误" })).toBeTruthy();
    // The option's name is its own text (no aria-label that says something else), the row heading
    // first for screen readers (visually hidden: the visible heading is outside the options).
    expect(options[0].getAttribute("aria-label")).toBeNull();
    expect(options[0].textContent).toBe(`第 8 行 · 杨博文，身份证号${PROBLEMS[0].message}`);
    expect(within(options[1]).getByRole("img", { name: "警告" })).toBeTruthy();
    expect(options[1].textContent).toBe(
      `第 8 行 · 杨博文，姓名${PROBLEMS[1].message}建议改为：阿依古丽·买买提`,
    );
  });

  test("severity and kind filters", async () => {
    await setup();
    fireEvent.click(filterButton("警告 2"));
    expect(shownProblems().map((o) => o.textContent)).toEqual([
      `第 8 行，姓名${PROBLEMS[1].message}建议改为：阿依古丽·买买提`,
      `第 20 行，培养层次${PROBLEMS[5].message}建议改为：硕士研究生`,
    ]);
    expect(headings()).toEqual(["第 8 行", "第 20 行"]);

    fireEvent.click(filterButton("错误 4"));
    expect(shownProblems()).toHaveLength(4);

    const kind = screen.getByLabelText("按问题类别筛选");
    fireEvent.change(kind, { target: { value: "duplicate" } });
    expect(shownProblems()).toHaveLength(2);
    expect(headings()).toEqual(["第 12 行", "第 15 行"]);

    fireEvent.change(kind, { target: { value: "mail" } });
    expect(shownProblems()).toHaveLength(1);
    expect(shownProblems()[0].textContent).toBe(
      `第 12 行，邮寄地址${PROBLEMS[3].message}建议改为：甘肃省兰州市城关区天水南路222号`,
    );

    fireEvent.click(filterButton("警告 2"));
    expect(document.querySelector('[role="listbox"]')).toBeNull();
    expect(screen.getByText("没有符合筛选条件的问题。")).toBeTruthy();

    fireEvent.click(filterButton("全部 6"));
    fireEvent.change(kind, { target: { value: "all" } });
    expect(shownProblems()).toHaveLength(6);
  });

  test("a click selects the problem's cell", async () => {
    const host = await setup();
    fireEvent.click(shownProblems()[2]);
    expect(host.argsOf("selectProblem")).toEqual([[PROBLEMS[2]]]);
    expect(shownProblems()[2].getAttribute("aria-selected")).toBe("true");
  });

  test("keyboard: arrows move, Enter selects", async () => {
    const host = await setup();
    const box = listbox();
    act(() => box.focus());
    expect(box.getAttribute("aria-activedescendant")).toBe(shownProblems()[0].id);
    fireEvent.keyDown(box, { key: "Enter" });
    fireEvent.keyDown(box, { key: "ArrowDown" });
    fireEvent.keyDown(box, { key: "ArrowDown" });
    expect(box.getAttribute("aria-activedescendant")).toBe(shownProblems()[2].id);
    fireEvent.keyDown(box, { key: "Enter" });
    fireEvent.keyDown(box, { key: "End" });
    fireEvent.keyDown(box, { key: " " });
    fireEvent.keyDown(box, { key: "ArrowDown" }); // stays on the last one
    fireEvent.keyDown(box, { key: "Home" });
    fireEvent.keyDown(box, { key: "ArrowUp" }); // stays on the first one
    fireEvent.keyDown(box, { key: "Enter" });
    expect(host.argsOf("selectProblem").map(([p]) => (p as Problem).row)).toEqual([8, 12, 20, 8]);
  });

  test("5,000 problems: only a window of rows is in the DOM, and it follows scrolling", async () => {
    const many: Problem[] = [];
    for (let i = 0; i < 5000; i++)
      many.push(problem(3 + Math.floor(i / 2), "name", "name.chars", { reason: "digit", char: "1" }));
    const host = await setup(many);
    const box = listbox();
    expect(box.getAttribute("aria-label")).toBe("问题列表，共 5000 条");
    // Each row is a heading (30 px) and two problems. "姓名含有数字（“1”），请按学籍信息填写。" is 21
    // wide characters: two lines at 18 a line, so a problem is 27 + 2 × 16 = 59 px and a row 148 px.
    // The 360 px viewport and 240 px overscan below it end at 600 px, in the fifth row's heading
    // (offset 592): items 0 … 12.
    const mounted = () =>
      Array.from(box.querySelectorAll("[data-index]")).map((e) => Number(e.getAttribute("data-index")));
    expect(mounted()).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(shownProblems()[0].textContent).toMatch(/^第 3 行，姓名姓名含有数字/);

    // The canvas is as tall as all 7,500 items (2,500 headings + 5,000 problems).
    const canvas = box.firstElementChild as HTMLElement;
    expect(canvas.style.height).toBe(`${2500 * 30 + 5000 * 59}px`);

    box.scrollTop = 200_000;
    fireEvent.scroll(box);
    // 200,000 − 240 px falls in row block 1,349 (at 199,652 px), on its second problem (item 4,049);
    // 200,000 + 360 + 240 px in block 1,355's first problem (item 4,066).
    expect(mounted()).toEqual(Array.from({ length: 18 }, (_, i) => 4049 + i));
    const options = shownProblems();
    fireEvent.click(options[0]);
    const picked = host.argsOf("selectProblem")[0][0] as Problem;
    expect(picked).toBe(many[2 * 1349 + 1]);
    expect(picked.row).toBe(3 + 1349);

    // End jumps to the last problem, which is rendered and active.
    act(() => box.focus());
    fireEvent.keyDown(box, { key: "End" });
    const last = shownProblems().at(-1)!;
    expect(box.getAttribute("aria-activedescendant")).toBe(last.id);
    expect(last.textContent).toMatch(new RegExp(`^第 ${3 + 2499} 行，姓名`));
  });

  test("the list follows live updates", async () => {
    const host = await setup();
    act(() => host.push(readyUpdate(PROBLEMS.slice(0, 2), summaryOf(30, PROBLEMS.slice(0, 2)))));
    expect(shownProblems()).toHaveLength(2);
    expect(filterButton("全部 2")).toBeTruthy();
  });
});
