/**
 * What a view of the emulated workbook (the preview's grid) hears of: the add-in's `Range.select()` and
 * `Worksheet.activate()` notify subscribers when their batch ends, and `Excel.createWorkbook` hands the
 * file to whoever opens it. Also the apostrophe prefix in a text-formatted cell.
 */
import { createMemoryExcel, MemoryWorkbook } from "../../../src/excel/memory";

function twoSheets() {
  const workbook = MemoryWorkbook.fromGrid([
    { name: "名单", rows: [["姓名"], ["张三"]] },
    { name: "提交", rows: [["序号"]] },
  ]);
  const excel = createMemoryExcel({ workbook });
  let heard = 0;
  workbook.subscribe(() => heard++);
  return { workbook, excel, heard: () => heard };
}

describe("selection is observable", () => {
  it("Range.select() notifies once, at the end of its batch, and moves the selection", async () => {
    const { workbook, excel, heard } = twoSheets();
    const before = workbook.selectionCount;
    let heardInBatch = -1;
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("名单").getRange("A2").select();
      await context.sync();
      heardInBatch = heard();
    });
    expect(heardInBatch).toBe(1);
    expect(heard()).toBe(1);
    expect(workbook.selectionCount).toBe(before + 1);
    expect(workbook.snapshot("名单").selection).toBe("A2");
  });

  it("selecting a range on another sheet activates that sheet for the view", async () => {
    const { workbook, excel, heard } = twoSheets();
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("提交").getRange("A1:B3").select();
    });
    expect(heard()).toBe(1);
    expect(workbook.activeSheet.name).toBe("提交");
    expect(workbook.snapshot("提交")).toMatchObject({ active: true, selection: "A1:B3" });
  });

  it("re-selecting the same cell still counts (the view scrolls back to it), activate() notifies", async () => {
    const { workbook, excel, heard } = twoSheets();
    const before = workbook.selectionCount;
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("名单").getRange("A1").select();
    });
    expect(workbook.selectionCount).toBe(before + 1);
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("提交").activate();
    });
    expect(heard()).toBe(1);
    expect(workbook.activeSheet.name).toBe("提交");
    // Neither is a write.
    expect(excel.counters.writes).toBe(0);
  });

  it("the user's select counts too", () => {
    const { workbook, heard } = twoSheets();
    workbook.user.select("提交", "C4");
    expect(heard()).toBe(1);
    expect(workbook.snapshot("提交").selection).toBe("C4");
    expect(workbook.selectionCount).toBe(1);
  });
});

describe("Excel.createWorkbook", () => {
  it("hands the file to each listener and resolves after the listener has opened it", async () => {
    const { excel } = twoSheets();
    const opened: string[] = [];
    const stop = excel.onWorkbookCreated(async (file) => {
      await Promise.resolve();
      opened.push(file);
    });
    await excel.Excel.createWorkbook("UEsDBA==");
    expect(opened).toEqual(["UEsDBA=="]);
    expect(excel.createdWorkbooks).toEqual(["UEsDBA=="]);
    stop();
    await excel.Excel.createWorkbook("AAAA");
    expect(opened).toEqual(["UEsDBA=="]);
  });

  it("a listener that fails does not fail the add-in's call", async () => {
    const { excel, workbook } = twoSheets();
    excel.onWorkbookCreated(() => {
      throw new Error("cannot show it");
    });
    await expect(excel.Excel.createWorkbook("UEsDBA==")).resolves.toBeUndefined();
    expect(workbook.handlerErrors).toEqual([new Error("cannot show it")]);
  });
});

describe("typing with the apostrophe prefix", () => {
  it("stores the text without the apostrophe in General and in '@' cells alike", () => {
    const workbook = MemoryWorkbook.fromGrid([{ name: "S", rows: [], numberFormats: [[null, "@"]] }]);
    workbook.user.type("S", "A1", "'350102199001011234");
    workbook.user.type("S", "B1", "'350102199001011234");
    expect(workbook.cellInfo("A1").value).toBe("350102199001011234");
    expect(workbook.cellInfo("B1").value).toBe("350102199001011234");
  });
});
