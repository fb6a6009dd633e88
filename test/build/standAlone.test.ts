import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SEVERITY } from "../../src/domain/problems";

/**
 * The repository stands alone (issue 11 §5): nothing points outside it, every "SPEC §N" cited is a heading
 * of docs/SPEC.md, and SPEC.md's problem tables are the codes and severities of src/domain/problems.ts.
 */

const ROOT = join(__dirname, "../..");
const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  .filter(
    (f) => /\.(ts|tsx|js|mjs|cjs|json|md|html|css|yml|yaml|xml)$/.test(f) && !f.endsWith("package-lock.json"),
  );
const text = (f: string): string => readFileSync(join(ROOT, f), "utf8");
const spec = text("docs/SPEC.md");

test("no tracked file sends a reader to ../shared", () => {
  expect(tracked.length).toBeGreaterThan(100);
  const outside = tracked.filter(
    (f) => f !== "test/build/standAlone.test.ts" && /\.\.\/shared\b/.test(text(f)),
  );
  expect(outside).toEqual([]);
});

test('every "SPEC §N" cited is a heading of docs/SPEC.md', () => {
  const headings = new Set<string>();
  for (const m of spec.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)) headings.add(m[1]);
  expect([...headings]).toEqual(
    expect.arrayContaining(["1", "2", "3", "3.1", "3.2", "3.3", "3.4", "4", "5", "6", "7", "8"]),
  );
  const cited = new Map<string, string>();
  for (const f of tracked) {
    for (const m of text(f).matchAll(/SPEC(?:\.md)? §(\d+(?:\.\d+)?)/g)) cited.set(m[1], f);
  }
  expect(cited.size).toBeGreaterThan(5);
  const missing = [...cited].filter(([n]) => !headings.has(n)).map(([n, f]) => `§${n} (${f})`);
  expect(missing).toEqual([]);
});

test("SPEC.md §3 lists exactly the problem codes of problems.ts, with their severities", () => {
  const part = spec.slice(spec.indexOf("## 3. "), spec.indexOf("## 4. "));
  const rows = [...part.matchAll(/^\| `([a-zA-Z0-9.]+)` +\| (error|warning) +\|/gm)].map((m) => [m[1], m[2]]);
  expect(rows.length).toBe(new Set(rows.map(([c]) => c)).size);
  expect(Object.fromEntries(rows)).toEqual({ ...SEVERITY });
});
