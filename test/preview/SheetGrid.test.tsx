/** @jest-environment jsdom */
/**
 * The grid in jsdom: the add-in's Range.select() moves the active cell (and switches sheets), an input
 * method's composition lands in the cell, F6 goes to the pane and back, what the emulator cannot do
 * (formulas) is said in Chinese, a pasted block goes in as one paste, and a created workbook shows.
 */
import "../taskpane/polyfills";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createMemoryExcel, MemoryWorkbook } from "../../src/excel/memory";
import { GRID_KEY_HINT, SheetGrid } from "../../src/preview/SheetGrid";
import { WorkbookShelf } from "../../src/preview/workbookShelf";

function setup(shelf?: (wb: MemoryWorkbook) => WorkbookShelf) {
  const workbook = MemoryWorkbook.fromGrid([
    {
      name: "名单",
      rows: [
        ["姓名", "身份证号"],
        ["张三", "350102199001011234"],
      ],
      numberFormats: [[], [null, "@"]],
    },
    { name: "提交", rows: [["序号"]] },
  ]);
  const excel = createMemoryExcel({ workbook });
  const pane = document.createElement("aside");
  pane.id = "pane";
  pane.innerHTML = "<button>检查</button>";
  document.body.appendChild(pane);
  const workbooks = shelf?.(workbook);
  const view = render(<SheetGrid workbook={workbook} workbooks={workbooks} />);
  const editor = () => view.container.querySelector("input.cell-editor") as HTMLInputElement;
  const selected = () => view.container.querySelector("td.selected")?.getAttribute("data-address");
  return { workbook, excel, pane, view, editor, selected, workbooks };
}

afterEach(() => {
  document.body.innerHTML = "";
});

test("Range.select() from the add-in moves the active cell, also onto another sheet", async () => {
  const { excel, selected, view } = setup();
  expect(selected()).toBe("A1");
  await act(() =>
    excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("名单").getRange("B2").select();
    }),
  );
  await waitFor(() => expect(selected()).toBe("B2"));
  expect(screen.getByLabelText("名称框").textContent).toBe("B2");
  await act(() =>
    excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("提交").getRange("C5").select();
    }),
  );
  await waitFor(() => expect(selected()).toBe("C5"));
  expect(view.container.querySelector(".tab.active")?.textContent).toBe("提交");
});

test("a composition (拼音 → 张三) starts the edit and lands in the cell on Enter", async () => {
  const { workbook, editor, selected } = setup();
  fireEvent.mouseDown(document.querySelector('td[data-address="A3"]')!);
  await waitFor(() => expect(selected()).toBe("A3"));
  expect(document.activeElement).toBe(editor());
  // The IME's first key is "Process" (keyCode 229): it must not be taken as a move or lost.
  fireEvent.keyDown(editor(), { key: "Process", keyCode: 229 });
  fireEvent.compositionStart(editor());
  expect(editor().dataset.editing).toBe("true");
  fireEvent.change(editor(), { target: { value: "zhang" } });
  fireEvent.change(editor(), { target: { value: "张三" } });
  fireEvent.compositionEnd(editor(), { data: "张三" });
  // Enter during a composition confirms the IME's choice, not the cell.
  fireEvent.keyDown(editor(), { key: "Enter", keyCode: 229, isComposing: true });
  expect(workbook.cellInfo("A3").value).toBeNull();
  fireEvent.keyDown(editor(), { key: "Enter" });
  expect(workbook.cellInfo("A3").value).toBe("张三");
  await waitFor(() => expect(selected()).toBe("A4"));
});

test("typing an ID into the '@' column keeps it as text; the first key starts the edit", async () => {
  const { workbook, editor } = setup();
  fireEvent.mouseDown(document.querySelector('td[data-address="B2"]')!);
  fireEvent.keyDown(editor(), { key: "3" });
  expect(editor().dataset.editing).toBe("true");
  fireEvent.change(editor(), { target: { value: "350102199001015678" } });
  fireEvent.keyDown(editor(), { key: "Tab" });
  expect(workbook.cellInfo("B2").value).toBe("350102199001015678");
});

test("F6 and Ctrl+Tab reach the pane, F6 comes back; Tab stays in the grid", async () => {
  const { editor, pane, selected } = setup();
  fireEvent.mouseDown(document.querySelector('td[data-address="A2"]')!);
  fireEvent.keyDown(editor(), { key: "Tab" });
  await waitFor(() => expect(selected()).toBe("B2"));
  expect(document.activeElement).toBe(editor());
  fireEvent.keyDown(editor(), { key: "F6" });
  expect(document.activeElement).toBe(pane.querySelector("button"));
  fireEvent.keyDown(pane.querySelector("button")!, { key: "F6" });
  expect(document.activeElement).toBe(editor());
  fireEvent.keyDown(editor(), { key: "Tab", ctrlKey: true });
  expect(document.activeElement).toBe(pane.querySelector("button"));
  expect(screen.getByText(GRID_KEY_HINT).id).toBe(editor().getAttribute("aria-describedby"));
});

test("a formula is refused in Chinese, nothing thrown; a pasted block is one paste", async () => {
  const { workbook, editor } = setup();
  fireEvent.mouseDown(document.querySelector('td[data-address="C2"]')!);
  fireEvent.keyDown(editor(), { key: "=" });
  fireEvent.change(editor(), { target: { value: "=1+1" } });
  fireEvent.keyDown(editor(), { key: "Enter" });
  expect(screen.getByRole("alert").textContent).toContain("不计算公式");
  expect(workbook.cellInfo("C2").value).toBeNull();

  fireEvent.mouseDown(document.querySelector('td[data-address="A3"]')!);
  fireEvent.paste(editor(), {
    clipboardData: { getData: () => "李四\t350102199001019999\r\n王五\t'0012\r\n" },
  });
  expect(workbook.grid("名单").slice(2)).toEqual([
    // A3:B4 are General: Excel's coercion applies to a paste as to typing (15 digits kept).
    ["李四", 350102199001019000],
    ["王五", "0012"],
  ]);
});

test("a workbook the add-in creates shows as a tab of its own, with the list one click away", async () => {
  const { workbooks } = setup((wb) => new WorkbookShelf(wb, "示例名单"));
  expect(screen.queryAllByTestId("workbook-tab")).toHaveLength(0);
  act(() => {
    workbooks!.add(MemoryWorkbook.fromGrid([{ name: "提交名单", rows: [["序号", "姓名"]] }]));
  });
  const tabs = screen.getAllByTestId("workbook-tab");
  expect(tabs.map((t) => t.textContent)).toEqual(["示例名单（名单）", "工作簿2"]);
  expect(screen.getAllByTestId("sheet-tab").map((t) => t.textContent)).toEqual(["提交名单"]);
  expect(document.querySelector('td[data-address="B1"]')?.textContent).toBe("姓名");
  fireEvent.click(tabs[0]);
  expect(screen.getAllByTestId("sheet-tab").map((t) => t.textContent)).toEqual(["名单", "提交"]);
});

test("moving to the pane while editing keeps what was typed, as Excel does", async () => {
  const { workbook, editor, pane } = setup();
  fireEvent.mouseDown(document.querySelector('td[data-address="A3"]')!);
  fireEvent.keyDown(editor(), { key: "王" });
  fireEvent.change(editor(), { target: { value: "王五" } });
  act(() => pane.querySelector("button")!.focus());
  expect(workbook.cellInfo("A3").value).toBe("王五");
  expect(editor().dataset.editing).toBe("false");
});
