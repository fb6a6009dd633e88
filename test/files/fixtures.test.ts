/**
 * The committed fixtures say what the report promises: each deliberate mistake sits on its row, every
 * other row is clean. The `idcard` package is the independent oracle for ID numbers.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import idcard from "idcard";
import { cellText, type Grid } from "../../src/domain/grid";
import { DEFAULT_TEMPLATE, listColumns } from "../../src/domain/template";
import { readSheet } from "../../src/files/readSheet";

const ROOT = join(__dirname, "..", "..");
const FIX = join(ROOT, "test", "fixtures");
const bytesOf = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const texts = (grid: Grid): string[][] => grid.rows.map((r) => r.map(cellText));

const mistakes = JSON.parse(readFileSync(join(FIX, "mistakes.json"), "utf8")) as {
  college: string;
  profile: { mailAddress: string; recipient: string; recipientPhone: string };
  mistakes: Record<string, string>;
};
const MISTAKE_ROWS = Object.keys(mistakes.mistakes).map(Number);

let list: string[][];
let roster: Map<string, { id: string; name: string; level: string }>;
let captured: string[][];

beforeAll(async () => {
  list = texts((await readSheet(bytesOf(join(FIX, "list.csv")), "list.csv")).grid);
  const r = texts((await readSheet(bytesOf(join(FIX, "roster.csv")), "roster.csv")).grid);
  roster = new Map(r.slice(2).map(([no, id, name, level]) => [no, { id, name, level }]));
  captured = texts((await readSheet(bytesOf(join(FIX, "captured.csv")), "captured.csv")).grid).slice(1);
});

const C = Object.fromEntries(listColumns(DEFAULT_TEMPLATE).map((c, i) => [c.key, i])) as Record<
  string,
  number
>;
const row = (n: number): string[] => list[n - 1];
const valid = (id: string): boolean => idcard.verify(id);
const idGender = (id: string): string => (Number(id[16]) % 2 === 1 ? "男" : "女");

describe("test/fixtures/list.csv", () => {
  it("has the template's header and 40 data rows of one college", () => {
    expect(list[0]).toEqual(listColumns(DEFAULT_TEMPLATE).map((c) => c.header));
    expect(list).toHaveLength(41);
    for (let n = 2; n <= 41; n++) expect(row(n)[C.college]).toBe(mistakes.college);
  });

  it("carries each deliberate mistake on its row", () => {
    expect(valid(row(8)[C.idNumber])).toBe(false);
    expect(valid(roster.get(row(8)[C.studentNo])!.id)).toBe(true);
    expect(row(9)[C.idNumber]).toMatch(/^\d{17}x$/);
    expect(valid(row(9)[C.idNumber].toUpperCase())).toBe(true);
    expect(row(10)[C.idNumber]).toMatch(/^[０-９]{17}[０-９Ｘ]$/);
    expect(row(11)[C.name]).toMatch(/\S $/);
    expect(row(12)[C.level]).toBe("硕士");
    expect(row(13).slice(C.name)).toEqual(row(34).slice(C.name));
    expect(row(21)[C.mode]).toBe("异地采集");
    expect(row(21)[C.site]).not.toBe("");
    expect(row(21)[C.mailAddress]).toBe("");
    expect(valid(row(25)[C.idNumber])).toBe(true);
    expect(row(25)[C.gender]).not.toBe(idGender(row(25)[C.idNumber]));
    expect(row(29)[C.idNumber]).toMatch(/^\d{15}$/);
    const rec31 = roster.get(row(31)[C.studentNo])!;
    expect(rec31.id).not.toBe(row(31)[C.idNumber]);
    expect([valid(rec31.id), valid(row(31)[C.idNumber])]).toEqual([true, true]);
    expect(row(36)[C.name]).toContain("\u2022");
    expect(captured.some((c) => c[0] === row(38)[C.studentNo])).toBe(true);
    const byId = captured.find((c) => c[2] === row(40)[C.idNumber]);
    expect(byId).toBeDefined();
    expect(byId?.[0]).not.toBe(row(40)[C.studentNo]);
  });

  it("keeps every other row clean and consistent with the roster", () => {
    for (let n = 2; n <= 41; n++) {
      if (MISTAKE_ROWS.includes(n)) continue;
      const r = row(n);
      const id = r[C.idNumber];
      expect({ n, valid: valid(id), gender: r[C.gender] }).toEqual({ n, valid: true, gender: idGender(id) });
      expect(r.every((v) => v === v.trim())).toBe(true);
      expect(roster.get(r[C.studentNo])).toEqual({ id, name: r[C.name], level: r[C.level] });
      expect(captured.some((c) => c[0] === r[C.studentNo] || c[2] === id)).toBe(false);
    }
  });

  it("fills the mailing columns of the other off-site rows with the stated profile", () => {
    const { mailAddress, recipient, recipientPhone } = mistakes.profile;
    for (const n of [22, 23]) {
      expect(row(n).slice(C.mailAddress, C.recipientPhone + 1)).toEqual([
        mailAddress,
        recipient,
        recipientPhone,
      ]);
    }
    expect(row(21).slice(C.recipient, C.recipientPhone + 1)).toEqual([recipient, recipientPhone]);
  });

  it("includes the names and ID kinds that trip naive code", () => {
    expect(row(4)[C.name]).toContain("·");
    expect(row(6)[C.name]).toContain("\u{2003E}");
    expect(row(27)[C.idNumber].slice(0, 6)).toBe("810000");
    expect(row(28)[C.idNumber].slice(0, 6)).toBe("830000");
    expect([valid(row(27)[C.idNumber]), valid(row(28)[C.idNumber])]).toEqual([true, true]);
  });
});

describe("assets", () => {
  it("sample-list.xlsx is the fixture list in a prepared template", async () => {
    const bytes = bytesOf(join(ROOT, "assets", "sample-list.xlsx"));
    expect(texts((await readSheet(bytes, "sample-list.xlsx")).grid)).toEqual(list);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell("F2").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("F2").numFmt).toBe("@");
    expect(ws.getCell("F100").numFmt).toBe("@");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("sample roster and captured list are the fixtures", () => {
    expect(bytesOf(join(ROOT, "assets", "sample-roster.csv"))).toEqual(bytesOf(join(FIX, "roster.csv")));
    expect(bytesOf(join(ROOT, "assets", "sample-captured.csv"))).toEqual(bytesOf(join(FIX, "captured.csv")));
  });

  it("template.xlsx reads as its title and the canonical header", async () => {
    const { grid } = await readSheet(bytesOf(join(ROOT, "assets", "template.xlsx")), "template.xlsx");
    expect(grid.rows[0][0]).toBe("2018年毕业研究生图像信息采集名单");
    expect(grid.rows[1]).toEqual(listColumns(DEFAULT_TEMPLATE).map((c) => c.header));
  });
});
