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

describe("check against rosters as the records system exports them", () => {
  it.each(["roster-codes.csv", "roster-codes.xlsx", "roster-codes.xls", "roster-cn-codes.html.xls"])(
    "%s: codes, title rows, 中文(代码): name, ID and level are compared",
    async (roster) => {
      const res = await cli(
        "check",
        join(DIR, "03-bare-codes.xls"),
        "--roster",
        join(DIR, roster),
        "--format",
        "json",
      );
      expect(res.stderr).toBe("");
      const report = json(res.stdout);
      expect(report.problems.map((p) => [p.row, p.column, p.code, p.fix ?? null])).toEqual([
        [2, "name", "roster.nameMismatch", "王晓明"],
        [3, "studentNo", "roster.idMismatch", null],
        [3, "idNumber", "id.checksum", null],
        [3, "idNumber", "roster.idMismatch", "620102199507220227"],
        [3, "level", "roster.levelMismatch", "博士研究生"],
        [4, "name", "name.chars", null],
        [4, "studentNo", "studentNo.format", null],
      ]);
    },
  );
});
