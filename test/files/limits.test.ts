/** Files beyond the limits are refused from cheap signals, before anything big is built. */
import { inflateWithZlib } from "../../src/files/node";
import { FileReadError, MAX_SHEET_ROWS, readSheet } from "../../src/files/readSheet";
import { rowCounter } from "../../src/files/zipCheck";
import { sheetXml, xlsxWith } from "./zipParts";

/** `n` rows of three inline-string cells, with no r= (as the format allows). */
function rows(n: number): string {
  const row = `<row><c t="inlineStr"><is><t>张三</t></is></c><c t="inlineStr"><is><t>220150920001</t></is></c><c t="inlineStr"><is><t>620102199001011234</t></is></c></row>`;
  return row.repeat(n);
}

const tooMany = (limit: number) =>
  expect.objectContaining({
    reason: "tooManyRows",
    en: `more than ${limit} rows`,
  }) as unknown as FileReadError;

describe("row limits", () => {
  // The 1,048,576-row, three-column list that once ended in a V8 fatal error: 40 MB of XML, a small file.
  const excelMax = xlsxWith(sheetXml(rows(1_048_576), "A1:C1048576"), { deflate: true });

  test("a full 1,048,576-row sheet is refused while inflating (streams and zlib alike)", async () => {
    expect(excelMax.length).toBeLessThan(1_000_000);
    await expect(readSheet(excelMax, "huge.xlsx")).rejects.toEqual(tooMany(MAX_SHEET_ROWS));
    await expect(readSheet(excelMax, "huge.xlsx", { inflate: inflateWithZlib })).rejects.toEqual(
      tooMany(MAX_SHEET_ROWS),
    );
  });

  test("a caller's own limit (the server's MAX_ROWS) applies the same way", async () => {
    const list = xlsxWith(sheetXml(rows(501)), { deflate: true });
    await expect(readSheet(list, "l.xlsx", { maxRows: 500 })).rejects.toEqual(tooMany(500));
    const read = await readSheet(list, "l.xlsx", { maxRows: 501 });
    expect(read.grid.rows).toHaveLength(501);
    expect(read.grid.rows[500]).toEqual(["张三", "220150920001", "620102199001011234"]);
  });

  test("a stored (uncompressed) archive is counted too", async () => {
    const stored = xlsxWith(sheetXml(rows(11)), { deflate: false });
    await expect(readSheet(stored, "s.xlsx", { maxRows: 10 })).rejects.toEqual(tooMany(10));
    expect((await readSheet(stored, "s.xlsx", { maxRows: 11 })).grid.rows).toHaveLength(11);
  });

  test("HTML tables are counted before SheetJS parses them", async () => {
    const html = `<table>${"<tr><td>1</td></tr>".repeat(21)}</table>`;
    await expect(readSheet(new TextEncoder().encode(html), "t.xls", { maxRows: 20 })).rejects.toEqual(
      tooMany(20),
    );
    expect(
      (await readSheet(new TextEncoder().encode(html), "t.xls", { maxRows: 21 })).grid.rows,
    ).toHaveLength(21);
  });
});

describe("rowCounter", () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  test("counts <row and <x:row tags, not rowBreaks or text", () => {
    const count = rowCounter(3);
    expect(count(bytes(`<row r="1"><c/></row><x:row><rowBreaks/><row/><t>arrow</t>`))).toBe(true);
    expect(count(bytes(`<row>`))).toBe(false);
  });

  test("a tag split between chunks at any point is counted once", () => {
    const text = `<sheetData><row r="1"></row><row r="2"></row><row r="3"></row></sheetData>`;
    for (let cut = 1; cut < text.length; cut++) {
      const exact = rowCounter(3);
      expect(exact(bytes(text.slice(0, cut))) && exact(bytes(text.slice(cut)))).toBe(true);
      const below = rowCounter(2);
      expect(below(bytes(text.slice(0, cut))) && below(bytes(text.slice(cut)))).toBe(false);
    }
  });
});
