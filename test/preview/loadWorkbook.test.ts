/**
 * Opening a file into the emulated workbook keeps what Excel would keep: the number formats (a typed
 * 18-digit ID stays text in an "@" column, also below the last filled row), fills (explicit, theme
 * and indexed colours), bold, notes and frozen rows. Values are readSheet's, as everywhere else.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
import { MemoryWorkbook } from "../../src/excel/memory";
import { openSpreadsheet } from "../../src/preview/loadWorkbook";

const ID = "350102199001011234";

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("名单"));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function open(bytes: Uint8Array, name = "list.xlsx") {
  const opened = await openSpreadsheet(bytes, name);
  return { opened, workbook: new MemoryWorkbook([opened.sheet]) };
}

describe("openSpreadsheet", () => {
  test("an '@' column keeps a typed 18-digit ID as text; a General column makes it a number", async () => {
    const { opened, workbook } = await open(
      await xlsx((ws) => {
        ws.getColumn(2).numFmt = "@";
        ws.getRow(1).values = ["姓名", "身份证号"];
        ws.getCell("A2").value = "张三";
        ws.getCell("B2").value = ID;
      }),
    );
    expect(opened.formatsUnread).toBe(false);
    // B10 lies below every cell the file has: only the column's format says "@".
    workbook.user.type("名单", "B10", ID);
    workbook.user.type("名单", "A10", ID);
    expect(workbook.cellInfo("B10").value).toBe(ID);
    expect(workbook.cellInfo("A10").value).toBe(350102199001011000);
    const snap = workbook.snapshot("名单");
    expect(snap.cells.find((c) => c.address === "B10")?.text).toBe(ID);
    expect(snap.cells.find((c) => c.address === "A10")?.text).toBe("3.50102E+17");
  });

  test("a cell's own General format wins over its '@' column, as in Excel", async () => {
    const { workbook } = await open(
      await xlsx((ws) => {
        ws.getColumn(1).numFmt = "@";
        ws.getCell("A1").value = "表头";
        ws.getCell("A3").value = 5;
        ws.getCell("A3").numFmt = "General";
      }),
    );
    workbook.user.type("名单", "A3", "12");
    workbook.user.type("名单", "A4", "12");
    expect(workbook.cellInfo("A3").value).toBe(12);
    expect(workbook.cellInfo("A4").value).toBe("12");
  });

  test("fills (ARGB, theme with tint, indexed), bold, notes and frozen rows are loaded", async () => {
    const { workbook } = await open(
      await xlsx((ws) => {
        ws.getRow(1).values = ["序号", "姓名", "学号"];
        ws.getCell("A1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
        ws.getCell("B1").fill = { type: "pattern", pattern: "solid", fgColor: { theme: 4, tint: 0.5 } };
        ws.getCell("C1").fill = { type: "pattern", pattern: "solid", fgColor: { indexed: 13 } };
        ws.getCell("A1").font = { bold: true };
        ws.getCell("B2").value = "李四";
        ws.getCell("B2").note = "请核对姓名";
        ws.getCell("C2").fill = { type: "pattern", pattern: "none" };
        ws.views = [{ state: "frozen", ySplit: 1, xSplit: 0 }];
      }),
    );
    const snap = workbook.snapshot("名单");
    const at = (a: string) => snap.cells.find((c) => c.address === a);
    expect(at("A1")).toMatchObject({ fill: "#DDEBF7", bold: true, value: "序号" });
    // accent1 #4472C4 halfway to white: 0x44 + (0xFF - 0x44) / 2 = 161.5 → A2, 0x72 → 184.5 → B9, 0xC4 → E2.
    expect(at("B1")?.fill).toBe("#A2B9E2");
    expect(at("C1")?.fill).toBe("#FFFF00");
    expect(at("B1")?.bold).toBe(false);
    expect(workbook.cellInfo("B2")).toEqual({ value: "李四", fill: null, note: "请核对姓名" });
    expect(at("C2")).toBeUndefined();
    expect(snap.frozenRows).toBe(1);
    expect(snap.frozenColumns).toBe(0);
  });

  test("the sample list: its 身份证号 column F is text in the empty rows below the students", async () => {
    const bytes = new Uint8Array(readFileSync(resolve(__dirname, "../../assets/sample-list.xlsx")));
    const { opened, workbook } = await open(bytes, "sample-list.xlsx");
    const sheet = opened.sheet.name;
    const last = opened.sheet.rows.length;
    const below = `F${last + 5}`;
    expect(workbook.cellInfo(below).value).toBeNull();
    workbook.user.type(sheet, below, ID);
    expect(workbook.cellInfo(below).value).toBe(ID);
    // The header's fill and the frozen header row come along.
    expect(workbook.snapshot(sheet).frozenRows).toBe(1);
    expect(workbook.cellInfo("A1").fill).toBe("#DDEBF7");
  });

  test("a CSV opens with its values only; nothing claims formats were lost", async () => {
    const csv = new TextEncoder().encode(`姓名,身份证号\n张三,${ID}\n`);
    const { opened, workbook } = await open(csv, "list.csv");
    expect(opened).toMatchObject({ format: "csv", formatsUnread: false });
    expect(opened.sheet.columnFormats).toBeUndefined();
    expect(workbook.cellInfo("B2").value).toBe(ID);
  });
});
