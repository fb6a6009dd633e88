/** Files that real offices produce: HTML "Excel" exports, Unicode text, cells without references. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import * as XLSX from "@e965/xlsx";
import { addCellRefs, withCellRefs } from "../../src/files/cellRefs";
import { readSheet } from "../../src/files/readSheet";
import { declaredCharset, decodeText } from "../../src/files/text";
import { storedZip, unzip } from "../../src/files/zipCheck";
import { writeAnnotated } from "../../src/files/writeWorkbook";

const FIX = join(__dirname, "..", "fixtures");
const bytesOf = (f: string) => new Uint8Array(readFileSync(join(FIX, f)));
const ID = "620102199001011234";

describe("HTML tables saved as .xls", () => {
  const table = (td: string) =>
    `<html><head><meta charset="gb2312"></head><body><table><tr><td>姓名</td><td>身份证号</td><td>序号</td></tr><tr><td>张三</td>${td}<td>7</td></tr></table></body></html>`;

  test.each([
    ["without a text format", `<td>${ID}</td>`],
    ['with mso-number-format:"\\@"', `<td style='mso-number-format:"\\@"'>${ID}</td>`],
  ])("an 18-digit ID stays text (%s), in GBK as declared", async (_name, td) => {
    const read = await readSheet(iconv.encode(table(td), "gbk"), "export.xls");
    expect(read).toEqual({
      format: "xls",
      sheetName: "Sheet1",
      encoding: "gb18030",
      grid: {
        rows: [
          ["姓名", "身份证号", "序号"],
          ["张三", ID, "7"],
        ],
      },
    });
  });

  test("the committed fixtures read as the CSV they were made from, IDs included", async () => {
    const csv = (await readSheet(bytesOf("list.csv"), "list.csv")).grid.rows;
    for (const f of ["list-html-utf8.xls", "list-html-gb2312.xls", "list-html-gbk-nometa.xls"]) {
      const rows = (await readSheet(bytesOf(f), f)).grid.rows;
      // HTML collapses edge spaces (row 11's name); every other cell is the CSV's text.
      const expected = csv.map((r, i) => r.map((v, c) => (i === 10 && c === 2 ? String(v).trim() : v)));
      expect({ f, rows }).toEqual({ f, rows: expected });
    }
  });
});

describe("declared and detected charsets", () => {
  test("a meta tag or XML declaration names the charset", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(declaredCharset(enc(`<meta http-equiv="Content-Type" content="text/html; charset=GB2312">`))).toBe(
      "gb2312",
    );
    expect(declaredCharset(enc(`<meta charset='big5'>`))).toBe("big5");
    expect(declaredCharset(enc(`<?xml version="1.0" encoding="GBK"?>`))).toBe("gbk");
    expect(declaredCharset(enc(`<table>`))).toBeUndefined();
  });

  test("valid UTF-8 wins over a stale declaration; otherwise the declaration, else GB18030", () => {
    expect(decodeText(new TextEncoder().encode("张三"), "gb2312")).toEqual({
      text: "张三",
      encoding: "utf-8",
    });
    expect(decodeText(iconv.encode("張三", "big5"), "big5")).toEqual({ text: "張三", encoding: "big5" });
    expect(decodeText(iconv.encode("张三", "gbk"), "gb2312")).toEqual({ text: "张三", encoding: "gb18030" });
    expect(decodeText(iconv.encode("张三", "gbk"))).toEqual({ text: "张三", encoding: "gb18030" });
  });
});

describe("Excel's Unicode text (UTF-16 with BOM)", () => {
  test.each([
    ["list-utf16le.txt", "utf-16le"],
    ["list-utf16be.csv", "utf-16be"],
  ])("%s reads as the UTF-8 CSV", async (f, encoding) => {
    const csv = await readSheet(bytesOf("list.csv"), "list.csv");
    const read = await readSheet(bytesOf(f), f);
    expect(read.encoding).toBe(encoding);
    expect(read.grid).toEqual(csv.grid);
  });

  test("named .xls, a UTF-16 tab-separated export is read as text, not refused as binary", async () => {
    const text = `\uFEFF姓名\t身份证号\r\n张三\t${ID}\r\n`;
    const read = await readSheet(new Uint8Array(Buffer.from(text, "utf16le")), "导出.xls");
    expect(read.grid.rows).toEqual([
      ["姓名", "身份证号"],
      ["张三", ID],
    ]);
  });
});

describe("cells without the optional r= attribute", () => {
  test("addCellRefs writes in the implied references and leaves explicit ones", () => {
    const xml = `<sheetData><row><c t="s"><v>0</v></c><c r="C1"/><c/></row><row r="5" spans="1:2"><c s="1"><v>1</v></c></row><x:row><x:c><x:v>2</x:v></x:c></x:row></sheetData><cols><col min="1"/></cols>`;
    expect(addCellRefs(xml)).toBe(
      `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"/><c r="D1"/></row><row r="5" spans="1:2"><c r="A5" s="1"><v>1</v></c></row><x:row r="6"><x:c r="A6"><x:v>2</x:v></x:c></x:row></sheetData><cols><col min="1"/></cols>`,
    );
    const complete = `<sheetData><row r="1"><c r="A1"/></row></sheetData>`;
    expect(addCellRefs(complete)).toBe(complete);
  });

  test("the fixture without references reads like list.xlsx, and an annotated copy of it keeps every cell", async () => {
    const plain = await readSheet(bytesOf("list.xlsx"), "list.xlsx");
    const noRefs = bytesOf("list-no-refs.xlsx");
    expect((await readSheet(noRefs, "list-no-refs.xlsx")).grid).toEqual(plain.grid);
    const copy = await writeAnnotated({ bytes: noRefs, format: "xlsx" }, [
      { row: 21, col: 10, severity: "error", note: "邮寄地址" },
    ]);
    expect((await readSheet(copy, "copy.xlsx")).grid).toEqual(plain.grid);
  });

  test("withCellRefs returns the same bytes when nothing was missing", async () => {
    const bytes = bytesOf("list.xlsx");
    expect(await withCellRefs(bytes)).toBe(bytes);
  });
});

describe("storedZip", () => {
  test("holds the inflated parts SheetJS reads, part for part", async () => {
    const zip = await unzip(bytesOf("list.xlsx"));
    if (!zip.ok) throw new Error(zip.problem);
    const stored = storedZip(zip.entries);
    const again = await unzip(stored);
    expect(again.ok && again.entries.map((e) => [e.name, e.data.length, e.crc])).toEqual(
      zip.entries.map((e) => [e.name, e.data.length, e.crc]),
    );
    const direct = XLSX.read(bytesOf("list.xlsx"), { type: "array", dense: true });
    const viaStored = XLSX.read(stored, { type: "array", dense: true });
    expect(viaStored.Sheets[viaStored.SheetNames[0]]["!data"]).toEqual(
      direct.Sheets[direct.SheetNames[0]]["!data"],
    );
  });
});
