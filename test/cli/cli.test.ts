import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSheet } from "../../src/files/readSheet";
import { locateHeader, DEFAULT_TEMPLATE, cellText } from "../../src/domain";

const ROOT = join(__dirname, "..", "..");
const FIX = join(ROOT, "test", "fixtures");
const COLLEGE = "信息科学与工程学院";

/** Runs the real command line as a child process, as `npm run --silent cli -- …` does. */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CAPTURE_DEBUG: "" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport {
  summary: { rows: number; errors: number; warnings: number };
  problems: { row: number; column: string; code: string; severity: string; message: string; fix?: string }[];
}

function json(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

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

  test("json: exactly one object with the SPEC §6 shape; exit 1 when errors", () => {
    const r = cli("check", join(FIX, "list.xlsx"), ...full, "--college", COLLEGE, "--format", "json");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const report = json(r.stdout);
    expect(Object.keys(report).sort()).toEqual(["problems", "summary"]);
    expect(Object.keys(report.summary).sort()).toEqual(["errors", "rows", "warnings"]);
    expect(report.summary.rows).toBe(40);
    for (const p of report.problems) {
      expect(
        Object.keys(p).every((k) => ["row", "column", "code", "severity", "message", "fix"].includes(k)),
      ).toBe(true);
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(report.summary.errors).toBe(report.problems.filter((p) => p.severity === "error").length);
  });

  test("golden: every seeded mistake of the sample list is found on its row, and nothing on the valid rows", () => {
    const report = json(
      cli("check", join(FIX, "list.xlsx"), ...full, "--college", COLLEGE, "--format", "json").stdout,
    );
    const codesByRow = new Map<number, Set<string>>();
    for (const p of report.problems) codesByRow.set(p.row, (codesByRow.get(p.row) ?? new Set()).add(p.code));
    for (const [row, text] of Object.entries(mistakes.mistakes)) {
      const expected = [...text.matchAll(/([a-z]+\.[a-zA-Z0-9]+)/g)].map((m) => m[1]);
      const found = codesByRow.get(Number(row)) ?? new Set();
      // Each seeded row names one or more codes ("a / b" means either is acceptable).
      const alternatives = text.includes(" / ");
      if (alternatives) expect(expected.some((c) => found.has(c))).toBe(true);
      else
        for (const c of expected)
          expect({ row, code: c, found: found.has(c) }).toEqual({ row, code: c, found: true });
    }
    const seeded = new Set(Object.keys(mistakes.mistakes).map(Number));
    const unexpected = report.problems.filter((p) => !seeded.has(p.row));
    expect(unexpected).toEqual([]);
  });

  test("the same list reads the same from .xlsx, .xls, UTF-8 CSV and GB18030 CSV (LibreOffice-written files)", () => {
    const outputs = ["list.xlsx", "list.xls", "list.csv", "list-gb18030.csv", "list-nobom.csv"].map((f) =>
      json(cli("check", join(FIX, f), ...full, "--college", COLLEGE, "--format", "json").stdout),
    );
    for (const o of outputs.slice(1)) expect(o).toEqual(outputs[0]);
  });

  test("an ID column stored as numbers is reported as id.numeric", () => {
    const r = cli("check", join(FIX, "list-numeric-ids.xlsx"), "--format", "json");
    expect(r.code).toBe(1);
    const numeric = json(r.stdout).problems.filter((p) => p.code === "id.numeric");
    expect(numeric.length).toBeGreaterThan(30);
  });

  test("text report is Chinese, grouped by row, and says when no roster was given", () => {
    const r = cli("check", join(FIX, "list.csv"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("共 40 行");
    expect(r.stdout).toContain("未提供学籍名单");
    expect(r.stdout).toMatch(/第 8 行（[^）]+）\n {2}\[错误\]/);
  });

  test.each([
    ["truncated xlsx", [join(FIX, "truncated.xlsx")]],
    ["empty file", [join(FIX, "empty.xlsx")]],
    ["random bytes", [join(FIX, "random.xls")]],
    ["missing file", [join(tmp, "nope.xlsx")]],
    ["unknown college", [join(FIX, "list.xlsx"), "--college", "不存在学院"]],
    ["bad --format", [join(FIX, "list.xlsx"), "--format", "xml"]],
  ])("unusable input (%s): exit 2, one Chinese+English line, no stack trace", (_name, args) => {
    const r = cli("check", ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/[\u4e00-\u9fff].*\(.*[a-z].*\)$/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  test("a file without a header row (fewer than three template headers in 10 rows) is unusable", () => {
    const f = join(tmp, "noheader.csv");
    writeFileSync(f, "甲,乙,丙\n1,2,3\n姓名,x,y\n");
    const r = cli("check", f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("表头");
  });

  test("a bad config names the key and exits 2", () => {
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, JSON.stringify({ feePerPerson: "十三", unknownKey: 1 }));
    const r = cli("check", join(FIX, "list.xlsx"), "--config", bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("feePerPerson");
    expect(r.stderr).toContain("unknownKey");
  });
});

describe("build, fill, template", () => {
  test("build refuses a list with errors (exit 1) and writes nothing", () => {
    const out = join(tmp, "refused.xlsx");
    const r = cli("build", join(FIX, "list.xlsx"), "--config", config, "--college", COLLEGE, "-o", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--skip-invalid");
    expect(existsSync(out)).toBe(false);
  });

  test("build --skip-invalid writes a clean submission that checks clean, IDs as text", async () => {
    const out = join(tmp, "submission.xlsx");
    const annotated = join(tmp, "annotated.xlsx");
    const r = cli(
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
    const sheet = await readSheet(new Uint8Array(readFileSync(out)), "submission.xlsx");
    const header = locateHeader(sheet.grid, DEFAULT_TEMPLATE);
    expect(header?.row).toBe(1);
    const idCol = header?.columns.get("idNumber") as number;
    const dataRows = sheet.grid.rows.slice(1);
    expect(dataRows.every((row) => typeof row[idCol] === "string")).toBe(true);
    expect(dataRows.map((row) => cellText(row[0]))).toEqual(dataRows.map((_r, i) => String(i + 1)));
    const recheck = cli("check", out, "--config", config, "--college", COLLEGE, "--format", "json");
    expect(json(recheck.stdout).summary.errors).toBe(0);
    expect(recheck.code).toBe(0);
  });

  test("fill writes the college profile into the 异地采集/补拍 rows", async () => {
    const out = join(tmp, "filled.xlsx");
    const r = cli("fill", join(FIX, "list.xlsx"), "--config", config, "--college", COLLEGE, "-o", out);
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toContain("已为");
    const after = json(
      cli("check", out, "--config", config, "--college", COLLEGE, "--format", "json").stdout,
    );
    expect(after.problems.filter((p) => p.code.startsWith("offsite.") || p.code === "cell.required")).toEqual(
      [],
    );
  });

  test("template writes a blank workbook whose header the engine finds", async () => {
    const out = join(tmp, "template.xlsx");
    expect(cli("template", "-o", out).code).toBe(0);
    const sheet = await readSheet(new Uint8Array(readFileSync(out)), "template.xlsx");
    const header = locateHeader(sheet.grid, DEFAULT_TEMPLATE);
    expect(header?.columns.size).toBe(DEFAULT_TEMPLATE.columns.length);
  });

  test("unknown command and unknown option exit 2", () => {
    expect(cli("frobnicate").code).toBe(2);
    expect(cli("check", join(FIX, "list.xlsx"), "--bogus").code).toBe(2);
  });
});
