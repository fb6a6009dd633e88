import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import {
  checkGrid,
  DEFAULT_CAMPAIGN,
  mergeSubmissions,
  parseCampaign,
  type MergedList,
} from "../../src/domain";
import { FEE_HEADERS, FEE_SHEET, writeMergedWorkbook } from "../../src/files/mergedWorkbook";
import { writeMergedCsv } from "../../src/files/mergedCsv";
import { readSheet } from "../../src/files/readSheet";
import { defaultMailAddress } from "../../src/domain/colleges.default";
import { idFor } from "../domain/helpers";
import { of, raw, submissionOf } from "../domain/mergeHelpers";

const WEN = "文学院";
const ADDRESS = defaultMailAddress(WEN);
const FA = "法学院";

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return wb;
}

function merged(campaign = DEFAULT_CAMPAIGN): MergedList {
  return mergeSubmissions(
    campaign,
    [
      submissionOf(FA, [of(FA, 5), of(FA, 3, { gradDate: "2018年12月" })], campaign),
      submissionOf(
        WEN,
        [
          of(WEN, 1),
          of(WEN, 2, {
            mode: "异地采集",
            site: "新华社四川分社",
            mailAddress: ADDRESS,
            recipient: "赵老师",
            recipientPhone: "13912345678",
          }),
        ],
        campaign,
      ),
    ],
    { payments: new Map([[WEN, 26]]) },
  );
}

const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);

describe("writeMergedWorkbook", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await load(await writeMergedWorkbook(merged(), DEFAULT_CAMPAIGN));
  });

  it("writes one sheet per graduation batch, then the fee summary", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["2018年6月毕业", "2018年12月毕业", FEE_SHEET]);
    const june = wb.getWorksheet("2018年6月毕业")!;
    expect(headers(june)).toEqual(merged().columns.map((c) => c.header));
    expect(june.actualRowCount).toBe(4);
    const rows = [2, 3, 4].map((r) => [1, 2, 5, 6].map((c) => june.getCell(r, c).value));
    expect(rows).toEqual([
      [1, WEN, "220150901", idFor(1, "女")],
      [2, WEN, "220150902", idFor(2, "男")],
      [3, FA, "220150905", idFor(5, "女")],
    ]);
    const dec = wb.getWorksheet("2018年12月毕业")!;
    expect([1, 2, 5].map((c) => dec.getCell(2, c).value)).toEqual([1, FA, "220150903"]);
  });

  it("keeps IDs and phone numbers as text cells with the text format, never numbers", () => {
    const june = wb.getWorksheet("2018年6月毕业")!;
    for (const col of [5, 6, 13]) {
      const cell = june.getCell(3, col);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe("@");
    }
    expect(june.getCell(3, 13).value).toBe("13912345678");
    expect(june.getCell(2, 1).type).toBe(ExcelJS.ValueType.Number);
  });

  it("is set up for printing: landscape, one page wide, header row on every page, page header", () => {
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: "1:1",
        paperSize: 9,
      });
      expect(ws.headerFooter.oddHeader).toBe(`&L兰州大学&C2018届毕业研究生图像采集名单&R${ws.name}`);
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      const h = ws.getCell(1, 1);
      expect(h.font?.bold).toBe(true);
      expect(h.fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } });
      expect(h.border?.bottom?.style).toBe("thin");
    }
  });

  it("sums the fees: due, registered and the difference, with a total", () => {
    const fees = wb.getWorksheet(FEE_SHEET)!;
    expect(headers(fees)).toEqual([...FEE_HEADERS]);
    const rows = [2, 3, 4].map((r) => (fees.getRow(r).values as unknown[]).slice(1));
    expect(rows).toEqual([
      [WEN, 2, 26, 26, 0],
      [FA, 2, 26, 0, 26],
      ["合计", 4, 52, 26, 26],
    ]);
  });

  it("one sheet when the campaign has one batch; '&' in a name is not a header code", async () => {
    const campaign = parseCampaign({ school: { name: "A&B大学", code: "1" }, gradBatches: ["2018年6月"] });
    const m = mergeSubmissions(campaign, [submissionOf(FA, [of(FA, 5)], campaign)]);
    const one = await load(await writeMergedWorkbook(m, campaign));
    expect(one.worksheets.map((w) => w.name)).toEqual(["图像采集名单", FEE_SHEET]);
    expect(one.worksheets[0].headerFooter.oddHeader).toBe(
      "&LA&&B大学&C2018届毕业研究生图像采集名单&R图像采集名单",
    );
    // Without payments the paid and difference cells stay empty.
    expect((one.getWorksheet(FEE_SHEET)!.getRow(2).values as unknown[]).slice(1)).toEqual([FA, 1, 13]);
  });

  it("keeps a 学号 with a leading zero whole", async () => {
    const m = mergeSubmissions(DEFAULT_CAMPAIGN, [raw(WEN, [["甲", "012345678", idFor(1)]])]);
    const ws = (await load(await writeMergedWorkbook(m, DEFAULT_CAMPAIGN))).worksheets[0];
    const col = m.columns.findIndex((c) => c.key === "studentNo") + 1;
    expect(ws.getCell(2, col).value).toBe("012345678");
  });
});

describe("writeMergedCsv", () => {
  it("writes GB18030 with CRLF, IDs after a tab, every row in merged order", () => {
    const m = merged();
    const text = iconv.decode(Buffer.from(writeMergedCsv(m)), "gb18030");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(m.columns.map((c) => c.header).join(","));
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe("");
    expect(lines[1]).toBe(
      `1,${WEN},张芳,女,"\t220150901","\t${idFor(1, "女")}",硕士研究生,2018年6月,现场采集,,,,,`,
    );
    expect(lines[2]).toBe(
      `2,${WEN},张娜,男,"\t220150902","\t${idFor(2, "男")}",硕士研究生,2018年6月,异地采集,新华社四川分社,${ADDRESS},赵老师,"\t13912345678",`,
    );
    expect(lines[3].startsWith(`3,${FA},张秀,女,"\t220150903"`)).toBe(true);
    expect(lines[4].startsWith(`4,${FA},张敏,女,"\t220150905"`)).toBe(true);
  });

  it("quotes commas and quotes, defuses formulas, and encodes characters outside GBK", () => {
    const m = mergeSubmissions(DEFAULT_CAMPAIGN, [
      raw(WEN, [
        ['=HYPERLINK("x")', "220150001", idFor(1)],
        ["王,𠀀", "=1+1", idFor(2)],
      ]),
    ]);
    const bytes = writeMergedCsv(m);
    const lines = iconv.decode(Buffer.from(bytes), "gb18030").split("\r\n");
    expect(lines[1].split(",").slice(0, 3)).toEqual(["1", WEN, `"'=HYPERLINK(""x"")"`]);
    expect(lines[2]).toContain(`"王,𠀀",,'=1+1,`);
    // 𠀀 (U+20000) has a four-byte GB18030 code: 0x95 0x32 0x82 0x36.
    expect(Buffer.from(bytes).includes(Buffer.from([0x95, 0x32, 0x82, 0x36]))).toBe(true);
  });

  it("reads back through the engine with every ID whole (the tab is whitespace to a reader)", async () => {
    const m = merged();
    const read = await readSheet(writeMergedCsv(m), "merged.csv");
    expect(read.format).toBe("csv");
    const { checker, outcome } = checkGrid(read.grid, { campaign: DEFAULT_CAMPAIGN });
    expect(outcome.ok).toBe(true);
    // The tab is whitespace to the engine: the values are read whole, and the only remark is the
    // warning that offers to remove it.
    const problems = checker.problems();
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(new Set(problems.map((p) => `${p.column}:${p.code}`))).toEqual(
      new Set([
        "studentNo:normalize.whitespace",
        "idNumber:normalize.whitespace",
        "recipientPhone:normalize.whitespace",
      ]),
    );
    expect(checker.rows().map((r) => r.value.get("idNumber"))).toEqual(
      m.rows.map((r) => r[m.columns.findIndex((c) => c.key === "idNumber")]),
    );
  });
});
