/** @jest-environment jsdom */
import "../taskpane/polyfills";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createExcelHost, type ExcelNamespace } from "../../src/excel/excelHost";
import { createMemoryExcel } from "../../src/excel/memory";
import { PreviewSession } from "../../src/preview/session";
import { memoryPaneStorage } from "../../src/taskpane/storage";
import { WebDocument } from "../../src/web/webDocument";
import { WebPage } from "../../src/web/WebPage";
import { COLLEGE, HEADERS, validRows } from "../server/helpers";

/** The web page's left side over the real session and in-memory Excel (the pane is not mounted here). */
async function renderPage() {
  const memory = createMemoryExcel();
  const session = new PreviewSession({
    memory,
    storage: memoryPaneStorage(),
    createHost: (m) =>
      createExcelHost({ Excel: m.Excel as unknown as ExcelNamespace, isSetSupported: m.isSetSupported }),
    mountPane: () => ({ unmount: () => undefined }),
  });
  await session.mountPane();
  const doc = new WebDocument({ session, workbook: memory.workbook, save: () => undefined });
  render(
    <FluentProvider theme={webLightTheme}>
      <WebPage doc={doc} workbook={memory.workbook} />
    </FluentProvider>,
  );
  return { memory, doc };
}

const csv = [
  HEADERS.join(","),
  ...validRows(2, 9).map((r, i) => `${i + 1},${COLLEGE},${r.name},${r.gender},${r.studentNo},${r.idNumber}`),
].join("\n");

/** A file dragged from the desktop and dropped anywhere on the page. */
function drop(file: File): void {
  const dataTransfer = { types: ["Files"], files: [file], dropEffect: "none" };
  fireEvent.dragEnter(window, { dataTransfer });
  fireEvent.dragOver(window, { dataTransfer });
  fireEvent.drop(window, { dataTransfer });
}

describe("the web page", () => {
  test("a blank start welcomes her; a dropped list replaces the welcome with the sheet", async () => {
    await renderPage();
    expect(screen.getByRole("heading", { name: "欢迎使用采集名单助手（网页版）" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "下载改好的名单" }).hasAttribute("disabled")).toBe(true);
    expect(screen.queryByRole("grid")).toBeNull();
    expect(screen.getByRole("link", { name: "使用说明" }).getAttribute("href")).toBe("guide.html");

    drop(new File([csv], "名单.csv"));
    await screen.findByText(/^已打开“名单\.csv”/);
    expect(screen.queryByRole("heading", { name: "欢迎使用采集名单助手（网页版）" })).toBeNull();
    expect(screen.getByRole("grid")).toBeTruthy();
    expect(screen.getByText("当前文件：名单.csv")).toBeTruthy();
    expect(screen.getByRole("button", { name: "下载改好的名单" }).hasAttribute("disabled")).toBe(false);
  });

  test("a file dropped on the pane is not taken for the list", async () => {
    await renderPage();
    const pane = document.createElement("aside");
    pane.id = "pane";
    document.body.append(pane);
    const dataTransfer = { types: ["Files"], files: [new File([csv], "学籍.csv")] };
    fireEvent.drop(pane, { dataTransfer });
    expect((await screen.findByRole("status")).textContent).toContain(
      "要打开名单，请把文件拖到左侧的表格区域；学籍名单和已采集名单请在右侧窗格的“名单”页中导入。",
    );
    expect(screen.getByRole("heading", { name: "欢迎使用采集名单助手（网页版）" })).toBeTruthy();
    pane.remove();
  });

  test("a dropped photo is refused in words", async () => {
    await renderPage();
    drop(new File(["x"], "照片.jpg"));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "只能打开 .xlsx、.xls 或 .csv 格式的名单文件。",
    );
    expect(screen.getByRole("heading", { name: "欢迎使用采集名单助手（网页版）" })).toBeTruthy();
  });

  test("edits not yet downloaded: another file opens only when she agrees", async () => {
    const { memory, doc } = await renderPage();
    drop(new File([csv], "名单.csv"));
    await screen.findByText(/^已打开“名单\.csv”/);
    const sheet = memory.workbook.activeSheet.name;
    await act(async () => {
      memory.workbook.user.type(sheet, "C2", "改过");
      await memory.workbook.whenIdle();
    });
    expect(doc.dirty).toBe(true);
    await screen.findByText("当前文件：名单.csv（有未下载的修改）");

    const confirm = jest.spyOn(window, "confirm").mockReturnValue(false);
    drop(new File([csv], "另一份.csv"));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(memory.workbook.cellInfo("C2").value).toBe("改过");
    expect(doc.fileName).toBe("名单.csv");

    confirm.mockReturnValue(true);
    drop(new File([csv], "另一份.csv"));
    await screen.findByText(/^已打开“另一份\.csv”/);
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(doc.dirty).toBe(false);
    confirm.mockRestore();
  });
});
