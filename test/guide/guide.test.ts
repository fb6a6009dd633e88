import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { renderMessage } from "../../src/domain/messages.zh-CN";
import { PROBLEM_CODES, SEVERITY } from "../../src/domain/problems";
import { GUIDE_GROUPS, guideEntry, guideGroups } from "../../src/guide/problemGuide";
import { renderGuide } from "../../src/guide/renderGuide";
import { loadConfig } from "../../src/server/config";

/** guide.html: every problem code with the engine's own message, built by webpack, linked from support.html. */

const ROOT = join(__dirname, "..", "..");
const html = renderGuide();
const esc = (t: string) =>
  t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

test("the groups hold every problem code exactly once", () => {
  const listed = GUIDE_GROUPS.flatMap((g) => g.codes);
  expect(listed).toHaveLength(PROBLEM_CODES.length);
  expect(new Set(listed)).toEqual(new Set(PROBLEM_CODES));
});

test("every code appears once, with its severity and the message module's text", () => {
  for (const code of PROBLEM_CODES) {
    const rows = html.split(`<tr id="${code}">`);
    expect({ code, rows: rows.length }).toEqual({ code, rows: 2 });
    const row = rows[1].slice(0, rows[1].indexOf("</tr>"));
    const e = guideEntry(code);
    expect(row).toContain(SEVERITY[code] === "error" ? "<br />错误" : "<br />警告");
    expect(row).toContain(esc(e.message));
    expect(e.fix.length).toBeGreaterThan(5);
  }
  // The sample messages are the engine's: a checksum one names the expected character.
  const checksum = guideGroups()
    .flatMap((g) => g.entries)
    .find((e) => e.code === "id.checksum")!;
  expect(checksum.message).toBe(renderMessage("id.checksum", { expected: "6", actual: "7" }));
});

test("a Chinese page without script: how to get it, the flow, where the roster and IDs go", () => {
  expect(html).toMatch(/^<!doctype html>\s*<html lang="zh-CN">/);
  expect(html).not.toMatch(/<script\b/i);
  expect(html).toContain('<a href="web.html">采集名单助手网页版</a>');
  expect(html).toContain("集中部署");
  for (const step of ["插入空白模板", "一键规范", "填写邮寄信息", "生成提交名单", "发送"])
    expect(html).toContain(step);
  expect(html).toContain(`提交的文件在服务器上保存 ${loadConfig({}, "/").retentionDays} 天`);
  expect(html).toContain("不写入工作簿，也不会随名单发送");
  // One word each (issue 11 §6).
  expect(html).not.toMatch(/模版|拍照费/);
});

test("webpack builds guide.html from renderGuide, without a script, and support.html links it", async () => {
  const load = createRequire(__filename);
  const factory = load(join(ROOT, "webpack.config.js")) as (
    env: Record<string, unknown>,
    argv: Record<string, unknown>,
  ) => Promise<{
    plugins: {
      constructor: { name: string };
      userOptions?: { filename?: string; templateContent?: unknown; inject?: unknown };
    }[];
  }>;
  const config = await factory({ quiet: true }, { mode: "production" });
  const guide = config.plugins.filter(
    (p) => p.constructor.name === "HtmlWebpackPlugin" && p.userOptions?.filename === "guide.html",
  );
  expect(guide).toHaveLength(1);
  expect(guide[0].userOptions?.inject).toBe(false);
  expect((guide[0].userOptions?.templateContent as () => string)()).toBe(html);
  const support = load("node:fs").readFileSync(join(ROOT, "src/support/support.html"), "utf8") as string;
  expect(support).toContain('<a href="guide.html">研究生秘书使用指南</a>');
});

test("the guide's screenshots are in the repository where the built site serves them", () => {
  const html = renderGuide();
  const images = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]);
  expect(images).toEqual(["assets/guide/check.png", "assets/guide/submit.png"]);
  // webpack copies assets/ to dist/assets/, beside guide.html.
  for (const src of images) expect(existsSync(join(__dirname, "../..", src))).toBe(true);
});
