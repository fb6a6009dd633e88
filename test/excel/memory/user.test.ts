import { createMemoryExcel, MemoryWorkbook } from "../../../src/excel/memory";

describe("the user and snapshots", () => {
  it("loses digits when an 18-digit ID is typed into a General cell, keeps them in an '@' cell", async () => {
    const workbook = MemoryWorkbook.fromGrid([{ name: "Sheet1", rows: [] }]);
    const excel = createMemoryExcel({ workbook });
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B:B").numberFormat = "@";
    });
    workbook.user.type("Sheet1", "A2", "11010119900307123X");
    workbook.user.type("Sheet1", "A3", "110101199003071239");
    workbook.user.type("Sheet1", "B3", "110101199003071239");
    expect(workbook.cellInfo("Sheet1!A2").value).toBe("11010119900307123X");
    expect(workbook.cellInfo("Sheet1!A3").value).toBe(110101199003071000);
    expect(workbook.cellInfo("Sheet1!B3").value).toBe("110101199003071239");
    const cells = workbook.snapshot("Sheet1").cells;
    expect(cells.find((c) => c.address === "A3")).toMatchObject({ text: "1.10101E+17", valueType: "Double" });
    expect(cells.find((c) => c.address === "B3")).toMatchObject({ numberFormat: "@", valueType: "String" });
  });

  it("turns a typed date into a serial number with a date format", () => {
    const workbook = MemoryWorkbook.fromGrid([{ name: "S", rows: [] }]);
    workbook.user.type("S", "C2", "2026-06-30");
    const cell = workbook.snapshot("S").cells[0];
    expect(cell).toMatchObject({ value: 46203, numberFormat: "yyyy/m/d", text: "2026/6/30" });
  });

  it("seeds from grids (rows[0] is row 1) and reads them back", () => {
    const rows = [
      ["姓名", "学号", null, true],
      [null, 42, "", "x"],
    ];
    const workbook = MemoryWorkbook.fromGrid([
      { name: "A", rows, numberFormats: [[null, "@"]] },
      { name: "B", rows: [] },
    ]);
    expect(workbook.grid("A")).toEqual([
      ["姓名", "学号", null, true],
      [null, 42, null, "x"],
    ]);
    expect(workbook.grid("B")).toEqual([]);
    expect(workbook.sheetNames()).toEqual(["A", "B"]);
    expect(workbook.snapshot("A").cells.find((c) => c.address === "B1")?.numberFormat).toBe("@");
  });

  it("snapshots values, fills, notes and layout for a grid view", async () => {
    const workbook = MemoryWorkbook.fromGrid([{ name: "名单", rows: [["姓名"], ["张三"]] }]);
    const excel = createMemoryExcel({ workbook });
    await excel.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("名单");
      sheet.getRange("A2").format.fill.color = "#FFEB9C";
      context.workbook.notes.add("名单!A2", "姓名含空格");
      sheet.getRange("C5").format.fill.color = "#FFC7CE";
      sheet.freezePanes.freezeRows(1);
      sheet.getRange("A2").select();
    });
    const snap = workbook.snapshot("名单");
    expect(snap).toMatchObject({
      name: "名单",
      active: true,
      position: 0,
      rowCount: 5,
      columnCount: 3,
      frozenRows: 1,
      selection: "A2",
    });
    expect(snap.cells.map((c) => [c.address, c.value, c.fill, c.note])).toEqual([
      ["A1", "姓名", null, null],
      ["A2", "张三", "#FFEB9C", "姓名含空格"],
      ["C5", null, "#FFC7CE", null],
    ]);
  });

  it("notifies subscribers after syncs that change something and after user edits", async () => {
    const workbook = MemoryWorkbook.fromGrid([{ name: "S", rows: [] }]);
    const excel = createMemoryExcel({ workbook });
    let calls = 0;
    const unsubscribe = workbook.subscribe(() => calls++);
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").load("values");
      await context.sync();
    });
    expect(calls).toBe(0);
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").format.fill.color = "#FFC7CE";
    });
    expect(calls).toBe(1);
    workbook.user.type("S", "A1", "x");
    expect(calls).toBe(2);
    unsubscribe();
    workbook.user.type("S", "A1", "y");
    expect(calls).toBe(2);
  });

  it("replaces its sheets on reset and drops handlers of the old sheets", async () => {
    const workbook = MemoryWorkbook.fromGrid([{ name: "Old", rows: [["a"]] }]);
    const excel = createMemoryExcel({ workbook });
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Old").onChanged.add(async () => undefined);
    });
    expect(workbook.handlerCount).toBe(1);
    workbook.reset([{ name: "New", rows: [["b"]] }]);
    expect(workbook.handlerCount).toBe(0);
    expect(workbook.sheetNames()).toEqual(["New"]);
    const name = await excel.Excel.run(async (context) => {
      const s = context.workbook.worksheets.getActiveWorksheet().load("name");
      await context.sync();
      return s.name;
    });
    expect(name).toBe("New");
  });
});
