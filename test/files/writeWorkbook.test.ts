import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { DEFAULT_CAMPAIGN, parseCampaign } from "../../src/domain/campaign";
import { cellText, type Grid } from "../../src/domain/grid";
import { MARK_FILL } from "../../src/domain/marks";
import { DEFAULT_TEMPLATE, listColumns } from "../../src/domain/template";
import { readSheet } from "../../src/files/readSheet";
import {
  inlineListFormula,
  safeSheetName,
  type SubmissionSheet,
  toCsv,
  writeAnnotated,
  writeEdited,
  writeSubmission,
  writeTemplate,
} from "../../src/files/writeWorkbook";

const FIX = join(__dirname, "..", "fixtures");
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIX, name)));
const texts = (grid: Grid): string[][] => grid.rows.map((r) => r.map(cellText));

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return wb;
}

type Validations = { model: Record<string, ExcelJS.DataValidation | undefined> };
const validationsOf = (ws: ExcelJS.Worksheet): Validations["model"] =>
  (ws as unknown as { dataValidations: Validations }).dataValidations.model;

const columns = listColumns(DEFAULT_TEMPLATE).map((c) => ({
  key: c.key,
  header: c.header,
  text: c.text,
  width: c.width,
}));
const submission: SubmissionSheet = {
  sheetName: "图像采集名单",
  columns,
  rows: [
    [
      "1",
      "信息科学与工程学院",
      "张明远",
      "男",
      "220150920001",
      "620102199203140076",
      "硕士研究生",
      "2018年6月",
      "现场采集",
      "",
      "",
      "",
      "",
      "",
    ],
    [
      "2",
      "信息科学与工程学院",
      "陈𠀾文",
      "男",
      "022015092005",
      "35010219930917035X",
      "博士研究生",
      "2018年12月",
      "补拍",
      "",
      "甘肃省兰州市城关区天水南路222号",
      "马晓燕",
      "13919312345",
      "备注",
    ],
  ],
  fileName: "10730兰州大学_信息科学与工程学院_2018届毕业研究生图像采集名单_2人.xlsx",
};

describe("writeSubmission", () => {
  it("round-trips through readSheet", async () => {
    const bytes = await writeSubmission(submission);
    const { grid, sheetName } = await readSheet(bytes, submission.fileName);
    expect(sheetName).toBe("图像采集名单");
    expect(texts(grid)).toEqual([columns.map((c) => c.header), ...submission.rows]);
    expect(grid.rows[1][0]).toBe(1); // 序号 as a number
  });

  it("stores 学号, 身份证号 and phone as text cells with the '@' format", async () => {
    const ws = (await load(await writeSubmission(submission))).worksheets[0];
    for (const key of ["studentNo", "idNumber", "recipientPhone"]) {
      const col = columns.findIndex((c) => c.key === key) + 1;
      const cell = ws.getCell(3, col);
      expect({ key, type: cell.type, numFmt: cell.numFmt }).toEqual({
        key,
        type: ExcelJS.ValueType.String,
        numFmt: "@",
      });
    }
    expect(ws.getCell(3, 5).value).toBe("022015092005"); // leading zero kept
  });

  it("has a bold, frozen header with a filter, the model's widths and one sheet", async () => {
    const wb = await load(await writeSubmission(submission));
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("N1").font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(6).width).toBe(22);
    expect(ws.getCell("J2").value).toBeNull(); // "" stays empty
  });
});

describe("writeTemplate", () => {
  it("writes title, bold frozen header, text formats and drop-down lists", async () => {
    const bytes = await writeTemplate(DEFAULT_TEMPLATE, DEFAULT_CAMPAIGN, {
      title: "2018年毕业研究生图像信息采集名单",
    });
    const wb = await load(bytes);
    const ws = wb.getWorksheet("图像采集名单")!;
    expect(ws.getCell("A1").value).toBe("2018年毕业研究生图像信息采集名单");
    expect(ws.getCell("N1").isMerged).toBe(true);
    expect(ws.getCell("E2").value).toBe("学号");
    expect(ws.getCell("E2").font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    for (const addr of ["E3", "F3", "M3", "E1002", "F1002"]) expect(ws.getCell(addr).numFmt).toBe("@");
    expect(ws.getCell("C3").numFmt).toBeUndefined();

    const dv = validationsOf(ws);
    expect(dv["D3"]).toMatchObject({ type: "list", formulae: ['"男,女"'] });
    expect(dv["D1002"]).toMatchObject({ type: "list" });
    expect(dv["D1003"]).toBeUndefined();
    expect(dv["G3"]?.formulae).toEqual(['"博士研究生,硕士研究生"']);
    expect(dv["H500"]?.formulae).toEqual(['"2018年6月,2018年12月"']);
    expect(dv["I3"]?.formulae).toEqual(['"现场采集,异地采集,补拍"']);

    // 36 colleges do not fit in 255 characters: a range on the hidden helper sheet.
    const colleges = DEFAULT_CAMPAIGN.colleges.map((c) => c.name);
    expect(inlineListFormula(colleges)).toBeUndefined();
    const formula = dv["B3"]?.formulae[0] as string;
    const m = /^'(.+)'!\$A\$1:\$A\$(\d+)$/.exec(formula);
    expect(m).not.toBeNull();
    const helper = wb.getWorksheet(m![1])!;
    expect(helper.state).toBe("hidden");
    expect(Number(m![2])).toBe(colleges.length);
    expect(colleges.map((_, i) => helper.getCell(i + 1, 1).value)).toEqual(colleges);

    // The blank template reads as title + header, nothing else.
    const { grid } = await readSheet(bytes, "template.xlsx");
    expect(grid.rows).toHaveLength(2);
    expect(grid.rows[1]).toEqual(listColumns(DEFAULT_TEMPLATE).map((c) => c.header));
  });

  it("puts the header on row 1 without a title and inlines a short college list", async () => {
    const campaign = {
      ...parseCampaign({}),
      colleges: [{ name: "信息科学与工程学院" }, { name: "数学与统计学院" }],
    };
    const wb = await load(await writeTemplate(DEFAULT_TEMPLATE, campaign));
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").value).toBe("序号");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(validationsOf(ws)["B2"]?.formulae).toEqual(['"信息科学与工程学院,数学与统计学院"']);
    expect(ws.getCell("F1001").numFmt).toBe("@");
  });
});

describe("writeAnnotated", () => {
  const marks = [
    { row: 8, col: 5, severity: "error" as const, note: "身份证号校验位错误，应为 2" },
    { row: 9, col: 5, severity: "warning" as const, note: "身份证号末位 x 应为大写 X" },
    { row: 60, col: 20, severity: "error" as const, note: "表外的标记" },
  ];

  it("fills and notes the marked cells of an xlsx and keeps everything else", async () => {
    const input = fixture("list.xlsx");
    const out = await writeAnnotated({ bytes: input, format: "xlsx" }, marks);
    const ws = (await load(out)).worksheets[0];
    const fg = (addr: string) => (ws.getCell(addr).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(fg("F8")).toBe(MARK_FILL.error);
    expect(fg("F9")).toBe(MARK_FILL.warning);
    expect(fg("U60")).toBe(MARK_FILL.error);
    expect(ws.getCell("F8").note).toBe(marks[0].note);
    expect(ws.getCell("U60").note).toBe(marks[2].note);
    // Cells that shared the marked cells' style are untouched.
    expect(fg("F7")).toBeUndefined();
    expect(fg("E8")).toBeUndefined();
    expect(ws.getCell("F7").note).toBeUndefined();
    expect(texts((await readSheet(out, "a.xlsx")).grid)).toEqual(
      texts((await readSheet(input, "list.xlsx")).grid),
    );
  });

  it("marks the sheet readSheet read: the named one, else the first with cells", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明");
    wb.addWorksheet("名单").getCell("A1").value = "学号";
    wb.addWorksheet("其他").getCell("A1").value = "x";
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const mark = [{ row: 1, col: 0, severity: "error" as const, note: "n" }];
    const first = await load(await writeAnnotated({ bytes, format: "xlsx" }, mark));
    expect(first.getWorksheet("名单")!.getCell("A1").note).toBe("n");
    expect(first.getWorksheet("其他")!.getCell("A1").note).toBeUndefined();
    const named = await load(await writeAnnotated({ bytes, format: "xlsx", sheetName: "其他" }, mark));
    expect(named.getWorksheet("其他")!.getCell("A1").note).toBe("n");
    expect(named.getWorksheet("名单")!.getCell("A1").note).toBeUndefined();
  });

  it("writes xls and CSV input as a new xlsx: strings stay strings, numbers stay numbers", async () => {
    for (const name of ["list.csv", "list.xls"] as const) {
      const format = name.endsWith(".csv") ? "csv" : "xls";
      const input = fixture(name);
      const out = await writeAnnotated({ bytes: input, format }, marks);
      const ws = (await load(out)).worksheets[0];
      expect(ws.getCell("F8").note).toBe(marks[0].note);
      expect(ws.getCell("F2").type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell("F2").numFmt).toBe("@");
      expect(ws.getCell("A2").type).toBe(
        format === "csv" ? ExcelJS.ValueType.String : ExcelJS.ValueType.Number,
      );
      expect(texts((await readSheet(out, "a.xlsx")).grid)).toEqual(
        texts((await readSheet(input, name)).grid),
      );
    }
    const numeric = await readSheet(fixture("list-numeric-ids.xlsx"), "n.xlsx");
    const ws = (await load(await writeAnnotated({ grid: numeric.grid }, []))).worksheets[0];
    expect(ws.getCell("F2").type).toBe(ExcelJS.ValueType.Number);
  });
});

describe("writeEdited", () => {
  it("applies edits, writing text columns as text", async () => {
    const edits = [
      { row: 10, col: 5, value: "430104198804120639" },
      { row: 21, col: 10, value: "甘肃省兰州市城关区天水南路222号 兰州大学信息科学与工程学院（邮编730000）" },
      { row: 12, col: 6, value: "硕士研究生" },
      { row: 2, col: 13, value: "" },
    ];
    const out = await writeEdited({ bytes: fixture("list.xlsx"), format: "xlsx" }, edits, {
      textColumns: [4, 5, 12],
    });
    const before = (await readSheet(fixture("list.xlsx"), "list.xlsx")).grid;
    const after = (await readSheet(out, "edited.xlsx")).grid;
    const expected = before.rows.map((r) => [...r]);
    for (const e of edits) expected[e.row - 1][e.col] = e.value === "" ? null : e.value;
    expect(after.rows).toEqual(expected);
    const ws = (await load(out)).worksheets[0];
    expect(ws.getCell("F10").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("F10").numFmt).toBe("@");
  });

  it("edits a grid (CSV input) and can write beyond its end", async () => {
    const grid: Grid = {
      rows: [
        ["学号", "姓名"],
        [220150920001, "张三"],
      ],
    };
    const out = await writeEdited({ grid }, [{ row: 3, col: 0, value: "220150920002" }], {
      textColumns: [0],
    });
    const { grid: after } = await readSheet(out, "e.xlsx");
    expect(after.rows).toEqual([
      ["学号", "姓名"],
      [220150920001, "张三"],
      ["220150920002", null],
    ]);
  });
});

describe("toCsv", () => {
  it("writes UTF-8 CSV with BOM and CRLF, quoting only where needed", () => {
    const grid: Grid = {
      rows: [
        ["学号", "姓名", "备注"],
        [110105194912310000, "周欣怡 ", 'a,"b"\nc'],
        [true, null, "x"],
      ],
    };
    expect(toCsv(grid)).toBe(
      '\uFEFF学号,姓名,备注\r\n110105194912310000,"周欣怡 ","a,""b""\nc"\r\nTRUE,,x\r\n',
    );
  });

  it("reads back to the same texts", async () => {
    const { grid } = await readSheet(fixture("list.xls"), "list.xls");
    const again = await readSheet(new TextEncoder().encode(toCsv(grid)), "again.csv");
    expect(texts(again.grid)).toEqual(texts(grid));
  });
});

describe("safeSheetName", () => {
  it("follows Excel's sheet-name rules", () => {
    expect(safeSheetName("名单[2018]/最终?")).toBe("名单_2018__最终_");
    expect(safeSheetName("x".repeat(40))).toHaveLength(31);
    expect(safeSheetName("''")).toBe("Sheet1");
  });
});

describe("toCsv against formula injection", () => {
  test("text that a spreadsheet would run as a formula is prefixed; numbers and ordinary text are not", () => {
    const { toCsv: csv } = jest.requireActual(
      "../../src/files/writeWorkbook",
    ) as typeof import("../../src/files/writeWorkbook");
    const out = csv({
      rows: [
        ['=HYPERLINK("http://x")', "@SUM(A1)", "+cmd|' /C calc'!A0", "-5", "+8613912345678", "张三", -3],
      ],
    });
    const line = out.replace(/^\uFEFF/, "").trim();
    expect(line).toBe(`"'=HYPERLINK(""http://x"")",'@SUM(A1),'+cmd|' /C calc'!A0,-5,+8613912345678,张三,-3`);
  });
});
