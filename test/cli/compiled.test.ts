/**
 * The compiled command line, as the README's `npm run --silent cli -- …` runs it (scripts/cli.mjs starts
 * build/cli/main.mjs). Built once here from the current sources, so the tests never run a stale build.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { FIX, ROOT } from "./helpers";

const MAIN = join(ROOT, "build", "cli", "main.mjs");

function node(...args: string[]) {
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CAPTURE_DEBUG: "" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const build = node(join(ROOT, "scripts", "build-cli.mjs"), "--quiet");
  expect(build).toEqual({ code: 0, stdout: "", stderr: "" });
});

test("--help through the launcher prints the usage and exits 0", () => {
  const r = node(join(ROOT, "scripts", "cli.mjs"), "--help");
  expect(r.code).toBe(0);
  expect(r.stderr).toBe("");
  expect(r.stdout).toMatch(/^用法 \(usage\): npm run --silent cli -- <命令>/);
});

test("check: the JSON report on stdout, exit 1 on errors, nothing on stderr", () => {
  const r = node(MAIN, "check", join(FIX, "list.xlsx"), "--format", "json");
  expect(r.code).toBe(1);
  expect(r.stderr).toBe("");
  expect(JSON.parse(r.stdout).summary).toEqual({ rows: 40, errors: 7, warnings: 6 });
});

test("unusable input: exit 2 and one line, no stack", () => {
  const r = node(MAIN, "check", join(FIX, "truncated.xlsx"));
  expect(r).toEqual({
    code: 2,
    stdout: "",
    stderr: "名单“truncated.xlsx”无法使用：文件已损坏或不完整 (corrupt or truncated file)\n",
  });
});

test("the README's command, typed in another directory, reads file names relative to it", () => {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["run", "--silent", "cli", "--", "check", "list.csv", "--format", "json"], {
    cwd: FIX,
    encoding: "utf8",
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(1);
  expect(JSON.parse(r.stdout).summary).toEqual({ rows: 40, errors: 7, warnings: 6 });
});
