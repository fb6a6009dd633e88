/**
 * The command line, run in-process through runCli with a recording IO (milliseconds per run, no child
 * process). compiled.test.ts runs the compiled build the README's command uses.
 */
import ExcelJS from "exceljs";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSheet } from "../../src/files/readSheet";
import { locateHeader, DEFAULT_TEMPLATE, cellText, listColumns } from "../../src/domain";
import { cli, FIX, json } from "./helpers";

const COLLEGE = "信息科学与工程学院";

const tmp = mkdtempSync(join(tmpdir(), "capture-cli-"));
const config = join(tmp, "campaign.json");
const mistakes = JSON.parse(readFileSync(join(FIX, "mistakes.json"), "utf8")) as {
  profile: { mailAddress: string; recipient: string; recipientPhone: string };
  mistakes: Record<string, string>;
};
writeFileSync(config, JSON.stringify({ colleges: [{ name: COLLEGE, ...mistakes.profile }] }));

describe("check", () => {
  const full = [
    "--roster",
    join(FIX, "roster.csv"),
    "--captured",
    join(FIX, "captured.csv"),
    "--config",
    config,
  ];
  const report = async (file: string) =>
    json((await cli("check", join(FIX, file), ...full, "--college", COLLEGE, "--format", "json")).stdout);

  test("json: exactly one object with the SPEC §6 shape; exit 1 when errors", async () => {
    const r = await cli("check", join(FIX, "list.xlsx"), ...full, "--college", COLLEGE, "--format", "json");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const parsed = json(r.stdout);
    expect(Object.keys(parsed).sort()).toEqual(["problems", "summary"]);
    expect(parsed.summary).toEqual({ rows: 40, errors: 13, warnings: 6 });
    for (const p of parsed.problems) {
      expect(
        Object.keys(p).every((k) => ["row", "column", "code", "severity", "message", "fix"].includes(k)),
      ).toBe(true);
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(parsed.summary.errors).toBe(parsed.problems.filter((p) => p.severity === "error").length);
  });

  test("golden: every seeded mistake of the sample list is found on its row, and nothing on the valid rows", async () => {
    const parsed = await report("list.xlsx");
    const codesByRow = new Map<number, Set<string>>();
    for (const p of parsed.problems) codesByRow.set(p.row, (codesByRow.get(p.row) ?? new Set()).add(p.code));
    for (const [row, text] of Object.entries(mistakes.mistakes)) {
      const expected = [...text.matchAll(/([a-z]+\.[a-zA-Z0-9]+)/g)].map((m) => m[1]);
      const found = codesByRow.get(Number(row)) ?? new Set();
      // Each seeded row names one or more codes ("a / b" means either is acceptable).
      if (text.includes(" / ")) expect(expected.some((c) => found.has(c))).toBe(true);
      else
        for (const c of expected)
          expect({ row, code: c, found: found.has(c) }).toEqual({ row, code: c, found: true });
    }
    const seeded = new Set(Object.keys(mistakes.mistakes).map(Number));
    expect(parsed.problems.filter((p) => !seeded.has(p.row))).toEqual([]);
  });

  test("the same list reads the same from .xlsx (with and without r=), .xls, UTF-8, GB18030 and UTF-16 CSV", async () => {
    const files = [
      "list.xls",
      "list.csv",
      "list-gb18030.csv",
      "list-nobom.csv",
      "list-utf16le.txt",
      "list-utf16be.csv",
      "list-no-refs.xlsx",
    ];
    const expected = await report("list.xlsx");
    for (const f of files) expect({ f, report: await report(f) }).toEqual({ f, report: expected });
  });

  test("HTML tables saved as .xls (UTF-8, GB2312 with mso text format, GBK undeclared) keep IDs as text", async () => {
    const expected = await report("list.xlsx");
    // HTML collapses a cell's edge spaces, as Excel does when it opens such a file: row 11's trailing
    // space in 姓名 is gone, so is its warning. Everything else, including every ID, reads the same.
    const withoutEdgeSpace = {
      summary: { ...expected.summary, warnings: expected.summary.warnings - 1 },
      problems: expected.problems.filter((p) => !(p.row === 11 && p.code === "normalize.whitespace")),
    };
    expect(withoutEdgeSpace.problems).toHaveLength(expected.problems.length - 1);
    for (const f of ["list-html-utf8.xls", "list-html-gb2312.xls", "list-html-gbk-nometa.xls"]) {
      const r = await report(f);
      expect({ f, report: r }).toEqual({ f, report: withoutEdgeSpace });
      expect(r.problems.filter((p) => p.code === "id.numeric")).toEqual([]);
    }
  });

  test("an ID column stored as numbers is reported as id.numeric on every data row", async () => {
    const r = await cli("check", join(FIX, "list-numeric-ids.xlsx"), "--format", "json");
    expect(r.code).toBe(1);
    const rows = json(r.stdout)
      .problems.filter((p) => p.code === "id.numeric")
      .map((p) => p.row);
    // The converter made numbers of the IDs that are plain digits; an X or full-width digits stay text.
    const csv = (await readSheet(new Uint8Array(readFileSync(join(FIX, "list.csv"))), "list.csv")).grid;
    const idCol = DEFAULT_TEMPLATE.columns.findIndex((c) => c.key === "idNumber");
    const digitRows = csv.rows.flatMap((row, i) =>
      i > 0 && /^\d+$/.test(cellText(row[idCol])) ? [i + 1] : [],
    );
    expect(digitRows.length).toBeGreaterThan(30);
    expect(rows).toEqual(digitRows);
  });

  test("text report is Chinese, grouped by row, and says when no roster was given", async () => {
    const r = await cli("check", join(FIX, "list.csv"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("共 40 行");
    expect(r.stdout).toContain("未提供学籍名单");
    expect(r.stdout).toMatch(/第 8 行（[^）]+）\n {2}\[错误\]/);
  });

  test("on a terminal the progress names no row count of its own (the report's 共 40 行 is the only one)", async () => {
    const r = await cli.tty("check", join(FIX, "list.csv"));
    expect(r.stderr).toBe("\r\x1b[2K正在读取名单 list.csv …\r\x1b[2K正在检查 …\r\x1b[2K");
  });

  test.each([
    ["truncated xlsx", [join(FIX, "truncated.xlsx")]],
    ["empty file", [join(FIX, "empty.xlsx")]],
    ["random bytes", [join(FIX, "random.xls")]],
    ["missing file", [join(tmp, "nope.xlsx")]],
    ["unknown college", [join(FIX, "list.xlsx"), "--college", "不存在学院"]],
    ["bad --format", [join(FIX, "list.xlsx"), "--format", "xml"]],
  ])("unusable input (%s): exit 2, one Chinese+English line, no stack trace", async (_name, args) => {
    const r = await cli("check", ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/[\u4e00-\u9fff].*\(.*[a-z].*\)$/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+|内部错误/);
  });

  test("a file without a header row (fewer than three template headers in 10 rows) is unusable", async () => {
    const f = join(tmp, "noheader.csv");
    writeFileSync(f, "甲,乙,丙\n1,2,3\n姓名,x,y\n");
    const r = await cli("check", f);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "名单“noheader.csv”的前 10 行中找不到表头（至少要有 3 个模板列名，如 姓名、学号、身份证号） (no header row found)\n",
    );
  });

  test("a bad config names the key and exits 2", async () => {
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, JSON.stringify({ feePerPerson: "十三", unknownKey: 1 }));
    const r = await cli("check", join(FIX, "list.xlsx"), "--config", bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("feePerPerson");
    expect(r.stderr).toContain("unknownKey");
  });
});

describe("build, fill, template", () => {
  test("build refuses a list with errors (exit 1), names the rows once, and writes nothing", async () => {
    const out = join(tmp, "refused.xlsx");
    const r = await cli("build", join(FIX, "list.xlsx"), "--config", config, "--college", COLLEGE, "-o", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "没有生成提交名单：第 8、13、21、25、34 行有错误。请改正后再生成，或加 --skip-invalid 只提交没有错误的行。\n",
    );
    expect(existsSync(out)).toBe(false);
  });

  test("build --skip-invalid writes a clean submission that checks clean, IDs as text", async () => {
    const out = join(tmp, "submission.xlsx");
    const annotated = join(tmp, "annotated.xlsx");
    const r = await cli(
      "build",
      join(FIX, "list.xlsx"),
      "--config",
      config,
      "--college",
      COLLEGE,
      "--roster",
      join(FIX, "roster.csv"),
      "--skip-invalid",
      "--annotated",
      annotated,
      "-o",
      out,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/10730兰州大学_信息科学与工程学院_2018届毕业研究生图像采集名单_\d+人\.xlsx/);
    expect(existsSync(annotated)).toBe(true);
    // Both print one page wide with the list's header row on every page and the college on top.
    for (const [file, top] of [
      [out, `&L兰州大学 ${COLLEGE}&C2018届毕业研究生图像采集名单&R打印日期 &D`],
      [annotated, `&L${COLLEGE} 名单（标注副本）&C&R打印日期 &D`],
    ]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0];
      expect(ws.pageSetup).toMatchObject({
        orientation: "landscape",
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: "1:1",
      });
      expect(ws.headerFooter.oddHeader).toBe(top);
    }
    const sheet = await readSheet(new Uint8Array(readFileSync(out)), "submission.xlsx");
    const header = locateHeader(sheet.grid, DEFAULT_TEMPLATE);
    expect(header?.row).toBe(1);
    const idCol = header?.columns.get("idNumber") as number;
    const dataRows = sheet.grid.rows.slice(1);
    expect(dataRows.every((row) => typeof row[idCol] === "string")).toBe(true);
    expect(dataRows.map((row) => cellText(row[0]))).toEqual(dataRows.map((_r, i) => String(i + 1)));
    const recheck = await cli("check", out, "--config", config, "--college", COLLEGE, "--format", "json");
    expect(json(recheck.stdout).summary.errors).toBe(0);
    expect(recheck.code).toBe(0);
  });

  test("fill writes the college profile into the 异地采集/补拍 rows", async () => {
    const out = join(tmp, "filled.xlsx");
    const r = await cli("fill", join(FIX, "list.xlsx"), "--config", config, "--college", COLLEGE, "-o", out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `已为 1 行“异地采集/补拍”的学生填写邮寄信息（1 个单元格），写入 ${out}\n填写后名单仍有 6 个错误，请用 check 查看。\n`,
    );
    const after = json(
      (await cli("check", out, "--config", config, "--college", COLLEGE, "--format", "json")).stdout,
    );
    expect(after.problems.filter((p) => p.code.startsWith("offsite.") || p.code === "cell.required")).toEqual(
      [],
    );
  });

  test("fill and build --annotated work on an .xlsx whose cells carry no r= attribute", async () => {
    const filled = join(tmp, "no-refs-filled.xlsx");
    const fill = await cli(
      "fill",
      join(FIX, "list-no-refs.xlsx"),
      "--config",
      config,
      "--college",
      COLLEGE,
      "-o",
      filled,
    );
    expect(fill.stderr).toBe("");
    expect(fill.code).toBe(1);
    const reference = join(tmp, "refs-filled.xlsx");
    await cli("fill", join(FIX, "list.xlsx"), "--config", config, "--college", COLLEGE, "-o", reference);
    const grid = async (f: string) => (await readSheet(new Uint8Array(readFileSync(f)), "x.xlsx")).grid;
    expect(await grid(filled)).toEqual(await grid(reference));

    const annotated = join(tmp, "no-refs-annotated.xlsx");
    const build = await cli(
      "build",
      join(FIX, "list-no-refs.xlsx"),
      "--college",
      COLLEGE,
      "--annotated",
      annotated,
      "-o",
      join(tmp, "no-refs-out.xlsx"),
    );
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/^已写出标注副本：.*\n没有生成提交名单：/);
    expect(await grid(annotated)).toEqual(await grid(join(FIX, "list.xlsx")));
  });

  test("template writes a blank workbook whose header the engine finds", async () => {
    const out = join(tmp, "template.xlsx");
    expect((await cli("template", "-o", out)).code).toBe(0);
    const sheet = await readSheet(new Uint8Array(readFileSync(out)), "template.xlsx");
    const header = locateHeader(sheet.grid, DEFAULT_TEMPLATE);
    expect(header?.columns.size).toBe(listColumns(DEFAULT_TEMPLATE).length);
  });

  test("unknown command and unknown option exit 2", async () => {
    expect((await cli("frobnicate")).code).toBe(2);
    expect((await cli("check", join(FIX, "list.xlsx"), "--bogus")).code).toBe(2);
  });

  test("help prints the usage on stdout", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法 \(usage\): npm run --silent cli -- <命令>/);
  });
});
