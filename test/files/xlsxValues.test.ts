/**
 * The fast .xlsx reader (xlsxValues.ts) against SheetJS, the oracle: the same grid from the same file,
 * for every .xlsx the project has and for workbooks built to hold each kind of cell.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import { DEFAULT_CAMPAIGN, DEFAULT_TEMPLATE } from "../../src/domain";
import { FileReadError, readSheet } from "../../src/files/readSheet";
import { writeTemplate } from "../../src/files/writeWorkbook";
import { isDateFormat } from "../../src/files/xlsxValues";
import { addCellRefs } from "../../src/files/cellRefs";
import { sheetXml, xlsxWith, type ExtraParts } from "./zipParts";

const ROOT = join(__dirname, "..", "..");

async function both(bytes: Uint8Array) {
  const fast = await readSheet(bytes, "x.xlsx");
  const oracle = await readSheet(bytes, "x.xlsx", { reader: "sheetjs" });
  return { fast, oracle };
}

describe("the fast reader reads what SheetJS reads", () => {
  const files = [
    ...readdirSync(join(ROOT, "test", "fixtures")).map((f) => join(ROOT, "test", "fixtures", f)),
    ...readdirSync(join(ROOT, "assets")).map((f) => join(ROOT, "assets", f)),
  ].filter((f) => f.endsWith(".xlsx") && !/truncated|inflate-trap|empty/.test(f));

  test.each(files.map((f) => [f.slice(ROOT.length + 1), f]))("%s", async (_name, f) => {
    const { fast, oracle } = await both(new Uint8Array(readFileSync(f)));
    expect(fast).toEqual(oracle);
  });

  test("the blank template (merged title, validations, hidden list sheet)", async () => {
    const bytes = await writeTemplate(DEFAULT_TEMPLATE, DEFAULT_CAMPAIGN, { title: "名单" });
    const { fast, oracle } = await both(bytes);
    expect(fast).toEqual(oracle);
  });

  test("ExcelJS cells of every kind: dates in several formats, booleans, errors, formula results, rich text", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名单");
    ws.addRow(["文本", "  前后空格 ", 'A&B <C> "引号"', "行1\r\n行2", "", " "]);
    ws.addRow([1, -2.5, 1e21, 0.1 + 0.2, 123456789012345680, true, false]);
    const dates = ["yyyy-mm-dd", 'yyyy"年"m"月"', "m/d/yy h:mm", "[h]:mm:ss", "0.00", "@", "General"];
    dates.forEach((numFmt, i) => {
      const cell = ws.getCell(3, i + 1);
      cell.value = 43281.75 + i;
      cell.numFmt = numFmt;
    });
    ws.getCell(4, 1).value = new Date(Date.UTC(2018, 5, 30));
    ws.getCell(4, 2).value = { formula: "1+1", result: 2 };
    ws.getCell(4, 3).value = { formula: '"a"&"b"', result: "ab" };
    ws.getCell(4, 4).value = { error: "#N/A" };
    ws.getCell(4, 5).value = { richText: [{ text: "富" }, { font: { bold: true }, text: "文本" }] };
    ws.getCell(4, 6).value = { formula: "NOW()" };
    ws.getCell(6, 3).value = "跳过一行";
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const { fast, oracle } = await both(bytes);
    expect(fast).toEqual(oracle);
    // Known values, so agreement is not agreement on nothing: dates as ISO text, "@" and "0.00" numbers.
    expect(fast.grid.rows[2]).toEqual([
      "2018-06-30T18:00:00",
      "2018-07-01T18:00:00",
      "2018-07-02T18:00:00",
      "2018-07-03T18:00:00",
      43285.75,
      43286.75,
      43287.75,
    ]);
    expect(fast.grid.rows[3]).toEqual(["2018-06-30", 2, "ab", "#N/A", "富文本", null, null]);
  });

  const crafted: [string, string, Omit<ExtraParts, "deflate">, unknown][] = [
    [
      "shared strings: rich runs, phonetic guides, entities, _xHHHH_ escapes, empty items",
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>`,
      {
        sharedStrings: `<si><t>张三</t></si><si><r><t>王</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 五</t></r><rPh sb="0" eb="1"><t>ワン</t></rPh></si><si><t>a&amp;b&lt;c&gt;&#x4E2D;&#25991;</t></si><si><t>换_x000D_行</t></si><si/><si><t xml:space="preserve">  </t></si>`,
      },
      [["张三", "王 五", "a&b<c>中文", "换\r行", null, "  "]],
    ],
    [
      "inline strings, str formulas, booleans, errors, numbers, cells without r=",
      `<row><c t="inlineStr"><is><t>内联</t></is></c><c t="str"><f>A1</f><v>公式&amp;值</v></c><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c><c><v>6.02E+23</v></c><c><f>SUM(A1)</f></c><c t="e"><v>#WHAT</v></c></row><row r="4"><c r="C4"><v>-0</v></c></row>`,
      {},
      undefined,
    ],
    [
      "date styles: built-in ids, custom codes, the 1904 system",
      `<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>59</v></c><c r="C1" s="1"><v>60</v></c><c r="D1" s="1"><v>61</v></c><c r="E1" s="2"><v>43281.5</v></c><c r="F1" s="3"><v>43281</v></c><c r="G1" s="4"><v>0.75</v></c><c r="H1" s="0"><v>43281</v></c></row>`,
      {
        styles: `<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.00_ "/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="20"/></cellXfs>`,
      },
      [
        [
          "1900-01-01",
          "1900-02-28",
          60,
          "1900-03-01",
          "2018-06-30T12:00:00",
          43281,
          "1899-12-30T18:00:00",
          43281,
        ],
      ],
    ],
  ];

  test.each(crafted)("%s", async (_name, data, extra) => {
    for (const date1904 of [false, true]) {
      const bytes = xlsxWith(sheetXml(data), {
        deflate: true,
        ...extra,
        workbookPr: date1904 ? 'date1904="1"' : undefined,
      });
      const { fast, oracle } = await both(bytes);
      expect({ date1904, grid: fast.grid }).toEqual({ date1904, grid: oracle.grid });
    }
  });

  test("what it does not expect (namespace prefixes, ISO date cells) is left to SheetJS, with the same result", async () => {
    const prefixed = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    const isoDate = sheetXml(`<row r="1"><c r="A1" t="d"><v>2018-06-30T00:00:00</v></c></row>`);
    for (const xml of [prefixed, isoDate]) {
      const { fast, oracle } = await both(xlsxWith(xml, { deflate: false }));
      expect(fast).toEqual(oracle);
      expect(fast.grid.rows).toHaveLength(1);
    }
  });
});

describe("isDateFormat", () => {
  const formats = [
    "General",
    "0",
    "0.00",
    "#,##0",
    "0%",
    "0.00E+00",
    "##0.0E+0",
    "@",
    "m/d/yy",
    "yyyy-mm-dd",
    'yyyy"年"m"月"',
    '[$-804]yyyy"年"m"月"d"日"',
    "h:mm AM/PM",
    "[h]:mm:ss",
    "mm:ss",
    "[Red]0.00",
    '"day"0',
    "\\d0",
    "0_d",
    "[$¥-804]#,##0.00",
    "B1yyyy",
    '上午/下午h"时"',
    "[DBNum1]General",
    "yyyy/m/d;@",
    '#,##0.00 "元"',
    "0.00_);[Red](0.00)",
    "e",
    "G/通用格式",
    "ge",
    "[$-F800]dddd",
    "General;General",
    "* #,##0",
    " A/P",
    "aaaa",
    '0 "小时"',
    "[mm]:ss",
    "0.0_);\\(0.0\\)",
    '"年"0',
    "dd",
    "s",
  ];
  test.each(formats)("%s: as SheetJS decides", (f) => {
    expect(isDateFormat(f)).toBe(XLSX.SSF.is_date(f));
  });
});

describe("hostile markup stays linear (a quadratic scan would not finish)", () => {
  const n = 200_000;
  test.each([
    ["cells never closed", sheetXml(`<row r="1">${'<c r="A1" t="s"><v>0</v>'.repeat(n)}</row>`), {}],
    ["tags never ended", sheetXml(`<row r="1"><c r="A1" ${"<c ".repeat(n)}`), {}],
    [
      "inline strings never closed",
      sheetXml(`<row r="1"><c t="inlineStr">${"<is><t>x".repeat(n)}</c></row>`),
      {},
    ],
    [
      "shared strings and phonetic runs never closed",
      sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`),
      { sharedStrings: `<si><r><t>a</t></r>${"<rPh><t>b</t>".repeat(n)}</si>${"<si>".repeat(n)}` },
    ],
    [
      "styles never closed",
      sheetXml(`<row r="1"><c r="A1" s="0"><v>1</v></c></row>`),
      { styles: "<cellXfs>".repeat(n) },
    ],
  ])("%s", async (_name, xml, extra) => {
    const bytes = xlsxWith(xml, { deflate: false, ...extra });
    const read = await readSheet(bytes, "hostile.xlsx").then(
      (r) => r.format,
      (e: FileReadError) => e.reason,
    );
    expect(["xlsx", "empty", "corrupt"]).toContain(read);
    expect(addCellRefs(xml).length).toBeGreaterThanOrEqual(xml.length);
  });
});
