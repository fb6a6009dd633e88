/**
 * The task pane page's old-engine check (src/taskpane/taskpane.html): it must parse as ES5 (Internet
 * Explorer 11 runs it), tell Trident and EdgeHTML from Chromium Edge, and be the only way the pane's
 * bundles get onto the page. The end-to-end side (real Chromium, IE11/EdgeHTML user agents) is
 * test/e2e/oldOffice.test.ts.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { parse } from "acorn";

const ROOT = join(__dirname, "..", "..");
const TEMPLATE = readFileSync(join(ROOT, "src/taskpane/taskpane.html"), "utf8");

/** Inline classic scripts: <script> without src and without a non-JavaScript type. */
function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1];
    if (/\bsrc\s*=/.test(attrs)) continue;
    const type = /\btype\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    if (type !== undefined && type !== "text/javascript") continue;
    out.push(m[2]);
  }
  return out;
}

const parseEs5 = (code: string) => parse(code, { ecmaVersion: 5, sourceType: "script" });

const IE11_OFFICE =
  "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko";
const EDGE_HTML =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045";
const WEBVIEW2 =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91";
const CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

/** Runs the check against a stub page and reports what it did. */
function runGate(userAgent: string) {
  const [gate] = inlineScripts(TEMPLATE);
  const written: string[] = [];
  const listeners: string[] = [];
  const window: Record<string, unknown> = {};
  const document = {
    getElementById: (id: string) => (id === "pane-scripts" ? { text: '["ui.js","taskpane.js"]' } : null),
    write: (html: string) => written.push(html),
    addEventListener: (type: string) => listeners.push(type),
  };
  runInNewContext(gate, { window, document, navigator: { userAgent }, JSON });
  return { oldEngine: window.captureOldEngine, written, listeners };
}

describe("the task pane's old-engine check", () => {
  test("is one inline script that parses as ES5", () => {
    const scripts = inlineScripts(TEMPLATE);
    expect(scripts).toHaveLength(1);
    expect(() => parseEs5(scripts[0])).not.toThrow();
  });

  test("the ES5 parser setting rejects what Internet Explorer 11 cannot run", () => {
    for (const modern of [
      "var f = () => 1;",
      "let a = 1;",
      "const a = 1;",
      "var s = `x`;",
      "function f(a = 1) {}",
      "class A {}",
    ]) {
      expect(() => parseEs5(modern)).toThrow(SyntaxError);
    }
  });

  test("Trident and EdgeHTML get the message and no bundle", () => {
    for (const ua of [IE11_OFFICE, EDGE_HTML]) {
      expect(runGate(ua)).toEqual({ oldEngine: true, written: [], listeners: ["DOMContentLoaded"] });
    }
  });

  test("Chromium Edge (WebView2) and other current browsers get the bundles as deferred scripts, in order", () => {
    for (const ua of [WEBVIEW2, CHROME]) {
      expect(runGate(ua)).toEqual({
        oldEngine: false,
        written: ['<script defer src="ui.js"></script>', '<script defer src="taskpane.js"></script>'],
        listeners: [],
      });
    }
  });

  test("webpack leaves the bundles to the check: the taskpane page injects none and lists them as JSON", async () => {
    const load = createRequire(__filename);
    const factory = load(join(ROOT, "webpack.config.js")) as (
      env: Record<string, unknown>,
      argv: Record<string, unknown>,
    ) => Promise<{
      plugins: { constructor: { name: string }; userOptions?: { filename?: string; inject?: unknown } }[];
    }>;
    const config = await factory({ quiet: true }, { mode: "production" });
    const taskpane = config.plugins.find(
      (p) => p.constructor.name === "HtmlWebpackPlugin" && p.userOptions?.filename === "taskpane.html",
    );
    expect(taskpane?.userOptions?.inject).toBe(false);
    expect(TEMPLATE).toContain(
      '<script type="application/json" id="pane-scripts"><%= JSON.stringify(htmlWebpackPlugin.files.js) %></script>',
    );
    // The list comes before the check that reads it.
    expect(TEMPLATE.indexOf('id="pane-scripts"')).toBeLessThan(TEMPLATE.indexOf(inlineScripts(TEMPLATE)[0]));
  });
});
