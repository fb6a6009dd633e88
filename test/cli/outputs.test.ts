/** What a command writes: never over its input, and every output or none. */
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commitOutputs } from "../../src/cli/output";
import { cli, fakeIO, FIX } from "./helpers";

const COLLEGE = "信息科学与工程学院";
const dir = mkdtempSync(join(tmpdir(), "capture-out-"));
const input = join(dir, "名单.xlsx");
copyFileSync(join(FIX, "list.xlsx"), input);
symlinkSync(input, join(dir, "link.xlsx"));
linkSync(input, join(dir, "hard.xlsx"));
const original = readFileSync(input);

const OVERWRITE =
  /^(.+)的输出文件 (.+) 就是输入文件 (.+)，写入会覆盖原文件：请换一个文件名 \(output would overwrite an input file\)\n$/;

describe("-o naming the input is refused (exit 2), the input untouched", () => {
  test.each([
    ["the same path", ["fill", "名单.xlsx", "--college", COLLEGE, "-o", "名单.xlsx"]],
    ["./x against x", ["fill", "名单.xlsx", "--college", COLLEGE, "-o", "./名单.xlsx"]],
    ["an absolute path against a relative one", ["fill", "名单.xlsx", "--college", COLLEGE, "-o", input]],
    ["a symbolic link to the input", ["fill", "名单.xlsx", "--college", COLLEGE, "-o", "link.xlsx"]],
    ["a hard link to the input", ["fill", "名单.xlsx", "--college", COLLEGE, "-o", "hard.xlsx"]],
    ["build -o", ["build", "link.xlsx", "--skip-invalid", "-o", "名单.xlsx"]],
    [
      "build --annotated",
      ["build", "名单.xlsx", "--skip-invalid", "--annotated", "./名单.xlsx", "-o", "x.xlsx"],
    ],
    ["the roster", ["build", "名单.xlsx", "--roster", "link.xlsx", "--skip-invalid", "-o", "hard.xlsx"]],
  ])("%s", async (_name, argv) => {
    const r = await cli.in(dir, ...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(OVERWRITE);
    expect(readFileSync(input).equals(original)).toBe(true);
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
  });

  test("two outputs naming one file are refused too", async () => {
    const r = await cli.in(
      dir,
      "build",
      "名单.xlsx",
      "--skip-invalid",
      "--annotated",
      "out.xlsx",
      "-o",
      "./out.xlsx",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "两个输出文件是同一个文件：./out.xlsx 和 out.xlsx (two outputs name the same file)\n",
    );
  });
});

describe("nothing written on exit 2", () => {
  test("--annotated is not written when -o cannot be (refused before any work)", async () => {
    const r = await cli.in(
      dir,
      "build",
      "名单.xlsx",
      "--skip-invalid",
      "--annotated",
      "a.xlsx",
      "-o",
      "no/such/dir/out.xlsx",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "无法写入提交名单：文件夹 no/such/dir 不存在 (cannot write no/such/dir/out.xlsx (no such directory))\n",
    );
    expect(existsSync(join(dir, "a.xlsx"))).toBe(false);
  });

  test("an output that is a directory is refused", async () => {
    const r = await cli.in(dir, "template", "-o", ".");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("无法写入模板：. 不是文件 (cannot write . (not a regular file))\n");
  });

  test("commitOutputs writes all or none, and leaves no temporary file", async () => {
    const sub = mkdtempSync(join(dir, "commit-"));
    const io = fakeIO(sub);
    await expect(
      commitOutputs(io, [
        { path: "first.xlsx", data: "1" },
        { path: "missing/second.xlsx", data: "2" },
      ]),
    ).rejects.toMatchObject({ zh: "无法写入文件：missing/second.xlsx，没有写出任何文件" });
    expect(readdirSync(sub)).toEqual([]);
    await commitOutputs(io, [
      { path: "first.xlsx", data: "1" },
      { path: "second.xlsx", data: "2" },
    ]);
    expect(readdirSync(sub).sort()).toEqual(["first.xlsx", "second.xlsx"]);
    expect(readFileSync(join(sub, "second.xlsx"), "utf8")).toBe("2");
  });
});
