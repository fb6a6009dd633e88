import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { DEFAULT_TEMPLATE, listColumns } from "../../src/domain/template";
import type { SubmissionSheet } from "../../src/domain/submission";
import { headerCode } from "../../src/files/printSetup";
import { writeAnnotated, writeSubmission } from "../../src/files/writeWorkbook";
import { streamSubmission } from "../../src/server/attachmentWriter";

/** Printing of the workbooks we write: read back with ExcelJS, and printed to PDF by the real LibreOffice. */

const columns = listColumns(DEFAULT_TEMPLATE).map((c) => ({
  key: c.key,
  header: c.header,
  text: c.text,
  width: c.width,
}));

function row(i: number): string[] {
  const values: Record<string, string> = {
    seq: String(i + 1),
    college: "信息科学与工程学院",
    name: "张明远",
    gender: "男",
    studentNo: String(220150920001 + i),
    idNumber: "620102199203140076",
    level: "硕士研究生",
    gradDate: "2018年6月",
    mode: "异地采集",
    site: "新华社四川分社",
    mailAddress: "甘肃省兰州市城关区天水南路222号 信息科学与工程学院",
    recipient: "马晓燕",
    recipientPhone: "13919312345",
    note: "备注",
  };
  return columns.map((c) => values[c.key] ?? "");
}

const sheet: SubmissionSheet = {
  sheetName: "图像采集名单",
  columns,
  rows: [0, 1, 2, 3, 4].map(row),
  fileName: "x.xlsx",
  printHeader: { left: "兰州大学 信息科学与工程学院", center: "2018届毕业研究生图像采集名单" },
};

async function load(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return wb.worksheets[0];
}

function expectPrintSetup(ws: ExcelJS.Worksheet, titlesRow: string): void {
  expect(ws.pageSetup).toMatchObject({
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    paperSize: 9,
    printTitlesRow: titlesRow,
  });
}

test("the submission and the server's attachment print landscape, one page wide, header on every page", async () => {
  expect(columns).toHaveLength(14);
  for (const bytes of [await writeSubmission(sheet), await streamSubmission(sheet)]) {
    const ws = await load(bytes);
    expectPrintSetup(ws, "1:1");
    expect(ws.headerFooter.oddHeader).toBe(
      "&L兰州大学 信息科学与工程学院&C2018届毕业研究生图像采集名单&R打印日期 &D",
    );
    const head = ws.getRow(1).getCell(3);
    expect(head.font?.bold).toBe(true);
    expect(head.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } });
    expect(head.border?.bottom?.style).toBe("thin");
    // Data cells stay plain.
    expect(ws.getRow(2).getCell(3).fill).toBeUndefined();
  }
});

test("an ampersand in a name is printed, not read as a header code", () => {
  expect(headerCode({ left: "A&B", center: "C", right: "D" })).toBe("&LA&&B&CC&RD");
});

test("the annotated copy repeats the list's own header row (under a title row)", async () => {
  const grid = {
    rows: [["2018年毕业研究生图像信息采集名单"], columns.map((c) => c.header), ...sheet.rows.slice(0, 2)],
  };
  const ws = await load(
    await writeAnnotated({ grid }, [], {
      headerRow: 2,
      pageHeader: { left: "信息科学与工程学院 名单（标注副本）" },
    }),
  );
  expectPrintSetup(ws, "2:2");
  expect(ws.headerFooter.oddHeader).toBe("&L信息科学与工程学院 名单（标注副本）&C&R打印日期 &D");
});

// ---- The real LibreOffice: every one of the 14 columns on the first page. ----

const SOFFICE = "/usr/bin/soffice";
const haveSoffice = existsSync(SOFFICE);
if (!haveSoffice && process.env.CI) throw new Error(`${SOFFICE} is required in CI`);
if (!haveSoffice)
  console.warn(`printSetup.test: ${SOFFICE} not installed; the LibreOffice print test is skipped`);

/** Page objects of a PDF (`/Type /Page`, not the `/Pages` tree nodes). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

function toPdf(dir: string, files: string[]): Promise<void> {
  // A private profile: parallel runs (and a user's open LibreOffice) do not share one.
  const profile = `-env:UserInstallation=file://${join(dir, "profile")}`;
  return new Promise((resolve, reject) => {
    execFile(
      SOFFICE,
      [profile, "--headless", "--convert-to", "pdf", "--outdir", dir, ...files],
      { env: { ...process.env, HOME: dir } },
      (err, _stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve()),
    );
  });
}

/** The same 14 columns and rows with ExcelJS's defaults: what the files printed like before. */
async function unprepared(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("图像采集名单");
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.addRow(columns.map((c) => c.header));
  for (const r of sheet.rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

(haveSoffice ? test : test.skip)(
  "LibreOffice prints the 14-column submission on one page (the unprepared file needs several)",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "print-"));
    try {
      writeFileSync(join(dir, "submission.xlsx"), await writeSubmission(sheet));
      writeFileSync(join(dir, "attachment.xlsx"), await streamSubmission(sheet));
      writeFileSync(join(dir, "plain.xlsx"), await unprepared());
      await toPdf(
        dir,
        ["submission.xlsx", "attachment.xlsx", "plain.xlsx"].map((f) => join(dir, f)),
      );
      const pages = (name: string) => pdfPages(readFileSync(join(dir, `${name}.pdf`)));
      // Five rows, every column one page wide: exactly one page.
      expect(pages("submission")).toBe(1);
      expect(pages("attachment")).toBe(1);
      // The control: without the setup the columns spill onto further pages.
      expect(pages("plain")).toBeGreaterThan(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  180_000,
);
