/** When the formats of an .xlsx cannot be read, the file still opens with every value, and says so. */
import ExcelJS from "exceljs";
import { MemoryWorkbook } from "../../src/excel/memory";
import { openSpreadsheet } from "../../src/preview/loadWorkbook";

jest.mock("../../src/preview/xlsxFormats", () => ({
  readSheetFormats: () => Promise.reject(new Error("ExcelJS: unexpected styles part")),
}));

test("values only, formatsUnread", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  ws.getColumn(2).numFmt = "@";
  ws.getRow(1).values = ["姓名", "身份证号"];
  ws.getRow(2).values = ["张三", "350102199001011234"];
  const opened = await openSpreadsheet(new Uint8Array(await wb.xlsx.writeBuffer()), "list.xlsx");
  expect(opened.formatsUnread).toBe(true);
  expect(opened.sheet.columnFormats).toBeUndefined();
  const workbook = new MemoryWorkbook([opened.sheet]);
  expect(workbook.cellInfo("A2").value).toBe("张三");
  expect(workbook.cellInfo("B2").value).toBe("350102199001011234");
});
