/** Inputs that once crashed or fooled the command line: each ends as a report or one line with exit 2. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_SHEET_ROWS, readSheet } from "../../src/files/readSheet";
import { cli, FIX, json } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "capture-hostile-"));
const csvText = readFileSync(join(FIX, "list.csv"), "utf8").replace(/^\uFEFF/, "");
const [headerLine, ...dataLines] = csvText.trimEnd().split(/\r?\n/);

describe("lists beyond the limits", () => {
  // Three columns, as the 19 MB list that once ended in a V8 fatal error.
  const line = (i: number) => `张三${i},2201509200${i % 100},620102199001011234`;

  test(`a list of more than ${MAX_SHEET_ROWS} rows is refused with one line, exit 2`, async () => {
    const f = join(dir, "huge.csv");
    writeFileSync(
      f,
      ["姓名,学号,身份证号", ...Array.from({ length: MAX_SHEET_ROWS }, (_, i) => line(i))].join("\n"),
    );
    const r = await cli("check", f);
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: `名单“huge.csv”无法使用：表格超过 ${MAX_SHEET_ROWS} 行，不予读取：请确认选对了文件和工作表 (more than ${MAX_SHEET_ROWS} rows)\n`,
    });
  });

  test("a list of exactly the limit is read", async () => {
    const text = [
      "姓名,学号,身份证号",
      ...Array.from({ length: MAX_SHEET_ROWS - 1 }, (_, i) => line(i)),
    ].join("\r\n");
    const read = await readSheet(new TextEncoder().encode(text), "limit.csv");
    expect(read.grid.rows).toHaveLength(MAX_SHEET_ROWS);
  });
});

describe("cell text that would drive a terminal", () => {
  test("escape sequences and bidi overrides in cells are printed escaped in the text report", async () => {
    const cells = dataLines[0].split(",");
    cells[2] = "\u001b[2J\u001b]0;pwned\u0007张三";
    cells[13] = "备注\u202e\u0085\u009b";
    const f = join(dir, "escapes.csv");
    writeFileSync(f, [headerLine, cells.join(",")].join("\n"));
    const r = await cli("check", f);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(r.stdout).toContain("（\\x1b[2J\\x1b]0;pwned\\x07张三，学号 ");
    // The JSON report carries the text as it is (JSON escapes C0 controls itself).
    const j = await cli("check", f, "--format", "json");
    expect(json(j.stdout).problems.find((p) => p.code === "name.chars")?.row).toBe(2);
  });

  test("an unusable file's name is escaped in the error line", async () => {
    const f = join(dir, "bad\u001b[31m.xlsx");
    writeFileSync(f, "");
    const r = await cli("check", f);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("名单“bad\\x1b[31m.xlsx”无法使用：文件是空的 (empty file)\n");
  });
});

describe("a cell over Excel's 32,767 characters", () => {
  const cells = dataLines[0].split(",");
  const long = "长".repeat(40_000);
  const f = join(dir, "long.csv");
  const other = dataLines[1].split(",");
  writeFileSync(f, [headerLine, cells.join(","), [...other.slice(0, 13), long].join(",")].join("\n"));

  test("is a problem reported on its row", async () => {
    const r = await cli("check", f, "--format", "json");
    expect(r.code).toBe(1);
    expect(json(r.stdout).problems.filter((p) => p.code === "cell.tooLong")).toEqual([
      {
        row: 3,
        column: "note",
        code: "cell.tooLong",
        severity: "error",
        message: "“备注”有 40000 个字符，超过 Excel 单元格的上限（32767 个），请删减。",
      },
    ]);
  });

  test("is never written: the submission leaves the row out, the annotated copy keeps what fits", async () => {
    const out = join(dir, "long-out.xlsx");
    const annotated = join(dir, "long-annotated.xlsx");
    const r = await cli("build", f, "--skip-invalid", "--annotated", annotated, "-o", out);
    expect(r.code).toBe(0);
    const submission = (await readSheet(new Uint8Array(readFileSync(out)), "out.xlsx")).grid;
    expect(submission.rows).toHaveLength(2);
    const copy = (await readSheet(new Uint8Array(readFileSync(annotated)), "a.xlsx")).grid;
    expect(copy.rows[2][13]).toBe("长".repeat(32_767));
  });
});
