/**
 * support.html (the manifest's SupportUrl) is a page of its own under src/support/, built by
 * HtmlWebpackPlugin from that template: Chinese, no script (it must open in any web view), and it
 * sends secretaries to the web version rather than to the English README.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const PAGE = readFileSync(join(ROOT, "src/support/support.html"), "utf8");

describe("the support page", () => {
  test("webpack builds support.html from src/support/support.html without injecting a script", async () => {
    const load = createRequire(__filename);
    const factory = load(join(ROOT, "webpack.config.js")) as (
      env: Record<string, unknown>,
      argv: Record<string, unknown>,
    ) => Promise<{
      plugins: {
        constructor: { name: string };
        userOptions?: { filename?: string; template?: string; templateContent?: unknown; inject?: unknown };
      }[];
    }>;
    for (const mode of ["production", "development"]) {
      const config = await factory({ quiet: true }, { mode });
      const support = config.plugins.filter(
        (p) => p.constructor.name === "HtmlWebpackPlugin" && p.userOptions?.filename === "support.html",
      );
      expect(support.map((p) => p.userOptions)).toEqual([
        { filename: "support.html", template: "./src/support/support.html", inject: false },
      ]);
    }
  });

  test("is a Chinese page without script that offers the web version and names the contact", () => {
    expect(PAGE).toMatch(/^<!doctype html>\s*<html lang="zh-CN">/);
    expect(PAGE).toContain("<title>采集名单助手 · 使用帮助</title>");
    expect(PAGE).not.toMatch(/<script\b/i);
    // Nothing for the template engine: the page is copied as written.
    expect(PAGE).not.toContain("<%");
    expect(PAGE).toContain('<a href="web.html">采集名单助手网页版</a>');
    expect(PAGE).toContain('<a href="mailto:pyk@lzu.edu.cn">pyk@lzu.edu.cn</a>');
    expect(PAGE).not.toContain("见项目说明");
  });
});
