/** One wording per fact: the command line's row lists and college names. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rowsText, unknownCollege } from "../../src/cli/messages";
import { cli, FIX } from "./helpers";

test("rowsText lists up to 20 rows, then counts the rest once", () => {
  expect(rowsText([8])).toBe("第 8 行");
  expect(rowsText([2, 3, 5])).toBe("第 2、3、5 行");
  const many = Array.from({ length: 26 }, (_, i) => i + 2);
  expect(rowsText(many)).toBe(`第 ${many.slice(0, 20).join("、")}、… 行等 26 行`);
});

test("a refused build of 26 rows with errors says 等 26 行 once, with no doubled 行", async () => {
  const dir = mkdtempSync(join(tmpdir(), "capture-msg-"));
  const f = join(dir, "bad.csv");
  // The sample list's first 26 rows, each with an invalid 性别 (column D).
  const [header, ...data] = readFileSync(join(FIX, "list.csv"), "utf8")
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split(/\r?\n/);
  const rows = data.slice(0, 26).map((line) =>
    line
      .split(",")
      .map((v, c) => (c === 3 ? "未知" : v))
      .join(","),
  );
  writeFileSync(f, [header, ...rows].join("\n"));
  const r = await cli("build", f, "-o", join(dir, "out.xlsx"));
  expect(r.code).toBe(1);
  const listed = Array.from({ length: 20 }, (_, i) => i + 2).join("、");
  expect(r.stderr).toBe(
    `没有生成提交名单：第 ${listed}、… 行等 26 行有错误。请改正后再生成，或加 --skip-invalid 只提交没有错误的行。\n`,
  );
});

test("check and keygen name an unknown college in the same words", async () => {
  const { zh, en } = unknownCollege("魔法学院");
  const r = await cli("check", "x.csv", "--college", "魔法学院");
  expect(r.stderr).toBe(`${zh} (${en})\n`);
});
