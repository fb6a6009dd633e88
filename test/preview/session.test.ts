/**
 * PreviewSession over the real Office adapter and the in-memory Excel: a loaded .xlsx keeps its
 * formats (the sample's 身份证号 column is "@"), and a workbook the add-in creates opens in the
 * session's workbook shelf (shown by the grid), which the next file closes again.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
import { createExcelHost, type ExcelNamespace } from "../../src/excel/excelHost";
import { createMemoryExcel } from "../../src/excel/memory";
import { PreviewSession } from "../../src/preview/session";
import { memoryPaneStorage } from "../../src/taskpane/storage";

function session() {
  const memory = createMemoryExcel({ authorName: "采集名单助手" });
  const s = new PreviewSession({
    memory,
    storage: memoryPaneStorage(),
    createHost: (m) =>
      createExcelHost({ Excel: m.Excel as unknown as ExcelNamespace, isSetSupported: m.isSetSupported }),
    mountPane: (host) => {
      void host.start(() => undefined);
      return { unmount: () => undefined };
    },
  });
  return { memory, session: s };
}

const sample = () => new Uint8Array(readFileSync(resolve(__dirname, "../../assets/sample-list.xlsx")));

test("loadBytes keeps the file's '@' column: a typed ID stays text (capturePreview.edit too)", async () => {
  const { memory, session: s } = session();
  await s.loadBytes(sample(), "sample-list.xlsx");
  await s.settle();
  expect(s.formatsUnread).toBe(false);
  const api = s.api();
  await api.edit("F60", "350102199001011234");
  expect(api.cell("F60").value).toBe("350102199001011234");
  expect(memory.workbook.snapshot(memory.workbook.activeSheet.name).frozenRows).toBe(1);
  expect(s.workbooks.entries.map((e) => e.title)).toEqual(["sample-list"]);
  await s.settle();
});

test("Excel.createWorkbook opens the file beside the list; the next file closes it", async () => {
  const { memory, session: s } = session();
  await s.loadBytes(sample(), "sample-list.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("提交名单");
  ws.getColumn(6).numFmt = "@";
  ws.getRow(1).values = ["序号", "学院", "姓名", "性别", "学号", "身份证号"];
  const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
  await memory.Excel.createWorkbook(base64);
  expect(s.workbooks.entries).toHaveLength(2);
  const created = s.workbooks.active;
  expect(created.title).toBe("工作簿2");
  expect(created.workbook.sheetNames()).toEqual(["提交名单"]);
  expect(created.workbook.cellInfo("F1").value).toBe("身份证号");
  // Formats come along: an ID typed into the new workbook's 身份证号 column stays text.
  created.workbook.user.type("提交名单", "F2", "350102199001011234");
  expect(created.workbook.cellInfo("F2").value).toBe("350102199001011234");

  await s.loadBytes(sample(), "另一份名单.xlsx");
  expect(s.workbooks.entries.map((e) => e.title)).toEqual(["另一份名单"]);
  expect(s.workbooks.active.workbook).toBe(memory.workbook);
  await s.settle();
});
