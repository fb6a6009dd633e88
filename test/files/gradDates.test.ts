/**
 * Graduation dates and 证件类型 as LibreOffice writes them (issue 8 §3, §4): test/fixtures/grad-dates/
 * list.csv converted with a zh-CN import, so 2018-06-30, 2018/6/30 and 2018年6月30日 are date cells
 * (serials formatted as dates), 2018.6 and 201806 numbers, the rest text.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSubmission, DEFAULT_CAMPAIGN, ListChecker, safeFixEdits } from "../../src/domain";
import { readSheet } from "../../src/files/readSheet";

const DIR = join(__dirname, "..", "fixtures", "grad-dates");

async function load(file: string): Promise<ListChecker> {
  const { grid } = await readSheet(new Uint8Array(readFileSync(join(DIR, file))), file);
  const checker = new ListChecker({ campaign: DEFAULT_CAMPAIGN });
  if (!checker.load(grid).ok) throw new Error("no header");
  return checker;
}

describe.each(["list.csv", "list.xlsx", "list.xls"])("%s", (file) => {
  it("reads the date cells as ISO dates and the typed numbers as numbers", async () => {
    const { grid } = await readSheet(new Uint8Array(readFileSync(join(DIR, file))), file);
    const column = grid.rows.slice(1, 10).map((r) => r[6]);
    if (file === "list.csv") {
      expect(column).toEqual([
        "2018-06-30",
        "2018/6/30",
        "2018-06",
        "2018.6",
        "201806",
        "2018年6月30日",
        "2018届",
        "2018-12-20",
        "2019-06-30",
      ]);
    } else {
      expect(column).toEqual([
        "2018-06-30",
        "2018-06-30",
        "2018-06",
        2018.6,
        201806,
        "2018-06-30",
        "2018届",
        "2018-12-20",
        "2019-06-30",
      ]);
    }
  });

  it("maps each form to its batch as a safe fix; 2019 stays an error; documents are checked by type", async () => {
    const checker = await load(file);
    const got = checker.problems().map((p) => `${p.row}:${p.column}:${p.code}:${p.fix ?? ""}`);
    expect(got).toEqual([
      "2:gradDate:normalize.alias:2018年6月",
      "3:gradDate:normalize.alias:2018年6月",
      "3:docType:normalize.alias:居民身份证",
      "4:gradDate:normalize.alias:2018年6月",
      "5:gradDate:normalize.alias:2018年6月",
      "6:gradDate:normalize.alias:2018年6月",
      "7:gradDate:normalize.alias:2018年6月",
      "8:gradDate:normalize.alias:2018年6月",
      "9:gradDate:normalize.alias:2018年12月",
      "10:gradDate:gradDate.value:",
      "12:docType:normalize.alias:港澳居民来往内地通行证",
    ]);
  });

  it("fix all rewrites the date cells, and the submission writes batches and documents", async () => {
    const checker = await load(file);
    const edits = safeFixEdits(checker.problems(), (key) => checker.header?.columns.get(key));
    expect(edits.filter((e) => e.col === 6).map((e) => [e.row, e.value])).toEqual([
      [2, "2018年6月"],
      [3, "2018年6月"],
      [4, "2018年6月"],
      [5, "2018年6月"],
      [6, "2018年6月"],
      [7, "2018年6月"],
      [8, "2018年6月"],
      [9, "2018年12月"],
    ]);
    const out = buildSubmission(checker, { skipInvalid: true });
    if (!out.ok) throw new Error(out.reason);
    expect(out.skippedRows).toEqual([10]);
    const headers = out.sheet.columns.map((c) => c.header);
    const grad = headers.indexOf("毕业时间");
    const doc = headers.indexOf("证件类型");
    const id = headers.indexOf("身份证号");
    expect(doc).toBe(headers.length - 1);
    expect(out.sheet.rows.map((r) => r[grad])).toEqual([
      ...Array<string>(7).fill("2018年6月"),
      "2018年12月",
      "2018年6月",
      "2018年6月",
      "2018年6月",
    ]);
    expect(out.sheet.rows.slice(8).map((r) => [r[id], r[doc]])).toEqual([
      ["E12345678", "护照"],
      ["H12345678", "港澳居民来往内地通行证"],
      ["911840199503080024", "外国人永久居留身份证"],
    ]);
    expect(out.sheet.rows[1][doc]).toBe("居民身份证");
    expect(out.sheet.rows[2][doc]).toBe("");
  });
});
