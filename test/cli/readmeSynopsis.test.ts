import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALLOWED, USAGE } from "../../src/cli/args";
import { ROOT } from "./helpers";

/**
 * The README's command table and the usage text say what each command takes and what it requires: the
 * options are exactly those the parser accepts, and the ones outside brackets are the required ones.
 */

const README = readFileSync(join(ROOT, "README.md"), "utf8");

function synopsis(command: string): string {
  const row = README.split("\n").find((l) => l.startsWith(`| \`${command} `));
  if (!row) throw new Error(`no README row for ${command}`);
  return /^\| `([^`]+)`/.exec(row)![1];
}

function usageLine(command: string): string {
  const line = USAGE.split("\n").find((l) => l.startsWith(`  ${command} `));
  if (!line) throw new Error(`no usage line for ${command}`);
  return line.trim();
}

/** Option names in a synopsis (`-o` is `--output`). */
function options(text: string): string[] {
  const names = [...text.matchAll(/(?:^|[\s[|])(--[a-z-]+|-o)\b/g)].map((m) =>
    m[1] === "-o" ? "output" : m[1].slice(2),
  );
  return [...new Set(names)].sort();
}

/** Options outside any [...] group. */
function required(text: string): string[] {
  let outside = "";
  let depth = 0;
  for (const ch of text) {
    if (ch === "[") depth++;
    else if (ch === "]") depth--;
    else if (depth === 0) outside += ch;
  }
  return options(outside);
}

const CHECK_OPTIONS = ["roster", "captured", "config", "server", "key", "college", "format"];

test.each([
  ["check", CHECK_OPTIONS, []],
  ["fill", ["college", "config", "server", "key", "roster", "captured", "output"], ["college", "output"]],
  ["template", ["config", "server", "output"], ["output"]],
  // --college NAME|--desk: one of the two is required.
  ["keygen", ["college", "desk", "name", "keys", "campaign"], ["college", "desk", "keys"]],
  ["send", ["server", "key", "college", "sender-name", "sender-email", "wait"], ["server", "key", "college"]],
  ["campaign", [], []],
])(
  "%s: the README and the usage name the options the parser takes, required ones unbracketed",
  (command, all, req) => {
    expect([...ALLOWED[command as keyof typeof ALLOWED]].sort()).toEqual([...all].sort());
    for (const text of [synopsis(command), usageLine(command)]) {
      expect(options(text)).toEqual([...all].sort());
      expect(required(text)).toEqual([...req].sort());
    }
  },
);

test("build takes check's options (the README says so) and its own", () => {
  expect(synopsis("build")).toContain("[check options]");
  expect([...ALLOWED.build].sort()).toEqual([...CHECK_OPTIONS, "output", "annotated", "skip-invalid"].sort());
  expect(required(synopsis("build"))).toEqual(["output"]);
});
