import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { readSheet } from "../../src/files/readSheet";
import { streamSheet } from "../../src/server/streamSheet";

/** The server's streaming reader gives the very grid readSheet gives (the pane's and the CLI's reader). */

const FIXTURES = path.resolve(__dirname, "..", "fixtures");

async function both(bytes: Uint8Array) {
  const streamed = await streamSheet(bytes, 1_048_576);
  const read = await readSheet(bytes, "x.xlsx");
  return { streamed, read };
}

test.each(["list.xlsx", "list-numeric-ids.xlsx"])("fixture %s: the same grid", async (name) => {
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, name)));
  const { streamed, read } = await both(bytes);
  expect(streamed).toEqual({ ok: true, grid: read.grid });
});

test("cells without r= attributes are left to readSheet (which reads them)", async () => {
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, "list-no-refs.xlsx")));
  expect(await streamSheet(bytes, 1_048_576)).toEqual({ ok: false, reason: "useReadSheet" });
});

test("every kind of cell: text, numbers, dates, booleans, formulas, errors, rich text, links, gaps", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  ws.getCell("A1").value = "序号";
  ws.getCell("B1").value = "身份证号";
  ws.getCell("C1").value = "日期";
  ws.getCell("A2").value = 1;
  ws.getCell("B2").value = "620102199001011234";
  ws.getCell("C2").value = new Date(Date.UTC(2018, 5, 30));
  ws.getCell("D2").value = true;
  ws.getCell("E2").value = { formula: "A2*2", result: 2 };
  ws.getCell("F2").value = { error: "#N/A" };
  ws.getCell("G2").value = { richText: [{ text: "兰州" }, { font: { bold: true }, text: "大学" }] };
  ws.getCell("H2").value = { text: "链接", hyperlink: "https://example.edu.cn" };
  ws.getCell("I2").value = 3.25;
  ws.getCell("C2").numFmt = "yyyy-mm-dd";
  // Row 3 left empty, row 4 has a cell far right, row 5 an empty string.
  ws.getCell("K4").value = "远";
  ws.getCell("A5").value = "";
  ws.getCell("B6").value = { formula: 'CONCAT("a","b")', result: "ab" };
  ws.getCell("C7").value = new Date(Date.UTC(2018, 5, 30, 8, 30, 0));
  ws.getCell("C7").numFmt = "yyyy-mm-dd hh:mm";
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const { streamed, read } = await both(bytes);
  expect(streamed).toEqual({ ok: true, grid: read.grid });
  expect(read.grid.rows[1].slice(0, 9)).toEqual([
    1,
    "620102199001011234",
    "2018-06-30",
    true,
    2,
    "#N/A",
    "兰州大学",
    "链接",
    3.25,
  ]);
});

test("past the row cap it stops: tooManyRows", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("x");
  for (let i = 1; i <= 30; i++) ws.addRow([i, `n${i}`]);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  expect(await streamSheet(bytes, 29)).toEqual({ ok: false, reason: "tooManyRows" });
  const all = await streamSheet(bytes, 30);
  expect(all.ok && all.grid.rows.length).toBe(30);
});

test("several sheets, no cells, or not a workbook: left to readSheet", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("a").addRow(["x"]);
  wb.addWorksheet("b").addRow(["y"]);
  const two = new Uint8Array(await wb.xlsx.writeBuffer());
  expect(await streamSheet(two, 100)).toEqual({ ok: false, reason: "useReadSheet" });
  const empty = new Uint8Array(readFileSync(path.join(FIXTURES, "empty.xlsx")));
  expect(await streamSheet(empty, 100)).toEqual({ ok: false, reason: "useReadSheet" });
  const truncated = new Uint8Array(readFileSync(path.join(FIXTURES, "truncated.xlsx")));
  expect(await streamSheet(truncated, 100)).toEqual({ ok: false, reason: "useReadSheet" });
});
