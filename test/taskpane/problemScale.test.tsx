/** @jest-environment jsdom */
import "./polyfills";
import { act, fireEvent, screen, within } from "@testing-library/react";
import type { Problem } from "../../src/domain";
import { filterProblems, groupByRow, NO_FILTER } from "../../src/taskpane/problemRows";
import { FakeHost, problem, readyUpdate, summaryOf } from "./fakeHost";
import { renderApp } from "./harness";

/**
 * Issue 7 §2 in the pane: a column of one repeated 学号 gives every row a duplicate problem. Grouping,
 * filtering, counting and the list must stay linear in the problems, and only a window of them may be
 * in the DOM. Nothing here is timed: every problem is behind a proxy that counts reads, and a path that
 * scans the problems once per problem shows up as reads that grow with the square of their number.
 */

const STUDENT_NO = "120140920004";

/** n rows (3 … n + 2) holding the same 学号, each with the duplicate problem the engine renders. */
function sameStudentNo(n: number): Problem[] {
  const out: Problem[] = [];
  for (let i = 0; i < n; i++) {
    const sameAs = i === 0 ? 4 : 3;
    out.push(problem(3 + i, "studentNo", "dup.studentNo", { value: STUDENT_NO, sameAs, total: n }));
  }
  return out;
}

/** The same problems behind proxies counting every read of an item of the list and of a problem's field. */
function touchCounted(problems: readonly Problem[]) {
  const counter = { touches: 0 };
  const items = problems.map(
    (p) =>
      new Proxy(p, {
        get(target, key, receiver) {
          counter.touches++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      }),
  );
  const list = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) counter.touches++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { list, counter };
}

function listbox(): HTMLElement {
  const box = document.querySelector<HTMLElement>('[role="listbox"]');
  if (!box) throw new Error("no problem list");
  return box;
}

function mountedIndexes(): number[] {
  return Array.from(listbox().querySelectorAll("[data-index]")).map((e) =>
    Number(e.getAttribute("data-index")),
  );
}

function severityButtons(): string[] {
  const group = screen.getByRole("group", { name: "按严重程度筛选" });
  return within(group)
    .getAllByRole("button")
    .map((b) => b.textContent ?? "");
}

describe("the pane's problem list with one 学号 on every row", () => {
  test("grouping and filtering read each problem a fixed number of times, whatever their number", () => {
    const perProblem = (n: number, run: (list: Problem[]) => unknown) => {
      const { list, counter } = touchCounted(sameStudentNo(n));
      run(list);
      return counter.touches / n;
    };
    const group = (list: Problem[]) => groupByRow(list, new Map([[3, "杨博文"]]));
    const filter = (list: Problem[]) => filterProblems(list, { severity: "error", kind: "duplicate" });
    const all = (list: Problem[]) => filterProblems(list, NO_FILTER);
    for (const run of [group, filter, all]) {
      const small = perProblem(1_000, run);
      expect(perProblem(10_000, run)).toBe(small);
      expect(small).toBeLessThanOrEqual(6);
    }
    // One heading per row, then its problem.
    const items = groupByRow(sameStudentNo(10_000));
    expect(items).toHaveLength(20_000);
    expect(items[19_998]).toMatchObject({ type: "row", row: 10_002, errors: 1, warnings: 0 });
  });

  test.each([1_000, 10_000])(
    "%i rows: exact counts, a window of 12 items in the DOM, End reaches the last row",
    async (n) => {
      const problems = sameStudentNo(n);
      const host = new FakeHost({ initial: readyUpdate(problems, summaryOf(n, problems)) });
      await renderApp(host);
      expect(listbox().getAttribute("aria-label")).toBe(`问题列表，共 ${n} 条`);
      expect(severityButtons()).toEqual([`全部 ${n}`, `错误 ${n}`, "警告 0"]);
      const kinds = Array.from(screen.getByLabelText<HTMLSelectElement>("按问题类别筛选").options).map(
        (o) => o.textContent,
      );
      expect(kinds).toEqual([
        "全部类别",
        "身份证号（0）",
        "学号与学籍（0）",
        `重复（${n}）`,
        "邮寄信息（0）",
        "格式规范（0）",
        "其他（0）",
      ]);
      // 360 px viewport + 240 px overscan below = 600 px: headings (30 px) and problems (75 px: the
      // 学号 message with its count is three lines) alternate, so offsets 0, 30, 105, … 525, 555 are
      // items 0 … 11.
      expect(mountedIndexes()).toEqual(Array.from({ length: 12 }, (_, i) => i));

      const box = listbox();
      act(() => box.focus());
      fireEvent.keyDown(box, { key: "End" });
      const options = box.querySelectorAll<HTMLElement>('[role="option"]');
      const last = options[options.length - 1];
      expect(box.getAttribute("aria-activedescendant")).toBe(last.id);
      expect(last.textContent).toMatch(new RegExp(`^第 ${n + 2} 行，学号学号`));
      expect(mountedIndexes().length).toBeLessThanOrEqual(13);
      expect(mountedIndexes().at(-1)).toBe(2 * n - 1);
    },
  );

  test("rendering, filtering and moving through the list: ten times the rows, at most ten times the reads", async () => {
    const reads = async (n: number) => {
      const plain = sameStudentNo(n);
      const { list, counter } = touchCounted(plain);
      const host = new FakeHost({ initial: readyUpdate(list, summaryOf(n, plain)) });
      const { unmount } = await renderApp(host);
      fireEvent.click(
        within(screen.getByRole("group", { name: "按严重程度筛选" })).getByRole("button", {
          name: `错误 ${n}`,
        }),
      );
      fireEvent.change(screen.getByLabelText("按问题类别筛选"), { target: { value: "duplicate" } });
      const box = listbox();
      act(() => box.focus());
      for (const key of ["ArrowDown", "ArrowDown", "PageDown", "End", "Home"])
        fireEvent.keyDown(box, { key });
      fireEvent.keyDown(box, { key: "Enter" });
      expect(host.argsOf("selectProblem")).toHaveLength(1);
      unmount();
      return counter.touches;
    };
    const small = await reads(1_000);
    const large = await reads(10_000);
    expect(large).toBeLessThanOrEqual(10 * small);
    expect(large).toBeGreaterThanOrEqual(10_000);
  });
});
