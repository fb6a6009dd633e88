import ExcelJS from "exceljs";
import type { SubmissionSheet } from "../../src/domain/submission";
import { streamSubmission } from "../../src/server/attachmentWriter";
import { writeSubmission } from "../../src/files/writeWorkbook";
import { readXlsxRows } from "./helpers";

/** The server's streamed attachment and the pane/CLI's in-memory one hold the same cells and layout. */

const sheet: SubmissionSheet = {
  sheetName: "图像采集名单",
  fileName: "x.xlsx",
  columns: [
    { key: "seq", header: "序号", text: false, width: 6 },
    { key: "name", header: "姓名", text: false, width: 10 },
    { key: "studentNo", header: "学号", text: true, width: 16 },
    { key: "idNumber", header: "身份证号", text: true, width: 20 },
    { key: "note", header: "备注", text: false, width: 12 },
  ],
  rows: [
    ["1", "王伟", "220170000001", "620102199001011234", ""],
    ["2", "李芳", "007", "62010219900101123X", "2018年6月"],
    ["3", "张娜", "", "620102199001011250", "12345678901"],
  ],
};

async function layout(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const cell = (r: number, c: number) => ws.getRow(r).getCell(c);
  return {
    name: ws.name,
    frozen: ws.views[0],
    filter: ws.autoFilter,
    widths: ws.columns.map((c) => c.width),
    headerBold: [1, 2, 3, 4, 5].map((c) => cell(1, c).font?.bold ?? false),
    types: [2, 3, 4].map((r) => [1, 2, 3, 4, 5].map((c) => typeof cell(r, c).value)),
    idFormat: [2, 3, 4].map((r) => cell(r, 4).numFmt),
  };
}

test("same cells, types, widths, frozen bold header and filter as writeSubmission", async () => {
  const streamed = await streamSubmission(sheet);
  const inMemory = await writeSubmission(sheet);
  expect(await readXlsxRows(Buffer.from(streamed))).toEqual(await readXlsxRows(Buffer.from(inMemory)));
  const a = await layout(streamed);
  expect(a.types).toEqual([
    ["number", "string", "string", "string", "object"],
    ["number", "string", "string", "string", "string"],
    ["number", "string", "object", "string", "string"],
  ]);
  expect(a.idFormat).toEqual(["@", "@", "@"]);
  expect(a.headerBold).toEqual([true, true, true, true, true]);
  const b = await layout(inMemory);
  expect({ ...a, frozen: { ...a.frozen } }).toMatchObject({
    ...b,
    frozen: expect.objectContaining({ state: "frozen", ySplit: 1 }),
  });
});
