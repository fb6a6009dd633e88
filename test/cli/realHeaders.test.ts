import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, FIX, json } from "./helpers";

/**
 * `check` on lists built from real header rows (issue 8; test/fixtures/make-real-headers.ts): the
 * header is found under its title rows, and name, 学号 and ID are mapped — each proven by the defect
 * seeded in that column being reported there, and nothing else.
 */
interface Case {
  name: string;
  what: string;
  headerRow: number;
  rows: [number, number, number];
}

const DIR = join(FIX, "real-headers");
const CASES = JSON.parse(readFileSync(join(DIR, "cases.json"), "utf8")) as Case[];
const FILES = CASES.flatMap((c) => ["csv", "xlsx", "xls"].map((ext) => ({ c, file: `${c.name}.${ext}` })));
FILES.push({ c: CASES[0], file: "01-records-codes.html.xls" });

describe("check on lists with real header rows", () => {
  it("covers at least 12 header rows", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(12);
  });

  it.each(FILES.map(({ c, file }) => [file, c] as const))("%s", async (file, c) => {
    const path = join(DIR, file);
    const res = await cli("check", path, "--format", "json");
    expect(res.stderr).toBe("");
    expect(res.code).toBe(1);
    const report = json(res.stdout);
    const [, second, third] = c.rows;
    expect(report.summary).toEqual({ rows: 3, errors: 3, warnings: 0, defaultMode: "现场采集" });
    expect(report.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [second, "idNumber", "id.checksum"],
      [third, "name", "name.chars"],
      [third, "studentNo", "studentNo.format"],
    ]);
    const text = await cli("check", path);
    expect(text.stdout).toContain(`表头在第${c.headerRow}行`);
    expect(text.stdout).toContain("名单中没有“采集方式”列：全部按“现场采集”处理");
  });
});
