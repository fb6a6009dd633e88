import { promises as fs } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { campaignSchema } from "../../src/domain";
import { DEFAULT_COLLEGES } from "../../src/domain/colleges.default";
import { runCli } from "../../src/cli/run";
import { fakeIO, ROOT } from "./helpers";
import { removeDir, tempDir } from "../server/helpers";

/**
 * docs/CAMPAIGN.md (for the graduate school's IT staff) cannot drift from the code: its example file is
 * the one in the repository and valid, its printed output is what `campaign check` prints, its key table
 * names every key of the schema, and its college table is the built-in list.
 */

const DOC = path.join(ROOT, "docs", "CAMPAIGN.md");
const EXAMPLE = "docs/campaign.example.json";
let doc: string;
beforeAll(async () => (doc = await fs.readFile(DOC, "utf8")));

/** The fenced blocks of one language, in order. */
function blocks(lang: string): string[] {
  return [...doc.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

/** Table rows (cells trimmed) whose first cell satisfies `first`. */
function tableRows(first: (cell: string) => boolean): string[][] {
  return doc
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .map((l) =>
      l
        .slice(1, l.lastIndexOf("|"))
        .split("|")
        .map((c) => c.trim()),
    )
    .filter((cells) => first(cells[0]));
}

/** Every key path of a zod object schema: `school.name`, `levels[].aliases`, … */
function keyPaths(schema: z.ZodType, prefix = "", out: string[] = []): string[] {
  let t = schema as unknown as { def: Record<string, unknown> };
  for (;;) {
    const d = t.def;
    if (["default", "prefault", "optional", "nullable"].includes(d.type as string))
      t = d.innerType as typeof t;
    else break;
  }
  if (t.def.type === "object") {
    for (const [k, v] of Object.entries(t.def.shape as Record<string, z.ZodType>)) {
      const p = prefix ? `${prefix}.${k}` : k;
      out.push(p);
      keyPaths(v, p, out);
    }
  } else if (t.def.type === "array") keyPaths(t.def.element as z.ZodType, `${prefix}[]`, out);
  return out;
}

test("the example in the doc is the repository's file, and campaign check finds it valid without remarks", async () => {
  const file = await fs.readFile(path.join(ROOT, EXAMPLE), "utf8");
  expect(blocks("json")).toEqual([file]);
  const io = fakeIO(ROOT);
  expect(await runCli(["campaign", "check", EXAMPLE], io)).toBe(0);
  expect(io.err).toBe("");
  expect(io.out).not.toContain("请留意");
  // The output the doc shows is the beginning of what the command prints.
  const shown = blocks("text")[0];
  expect(io.out.startsWith(shown)).toBe(true);
  expect(shown.split("\n").length).toBeGreaterThan(15);
});

test("the doc's invalid example is what campaign check prints for it", async () => {
  const dir = tempDir("capture-campaign-doc-");
  try {
    await fs.writeFile(path.join(dir, "campaign.json"), JSON.stringify({ feePerPerson: "15", fee: 15 }));
    const io = fakeIO(dir);
    expect(await runCli(["campaign", "check", "campaign.json"], io)).toBe(2);
    expect(io.out).toBe(blocks("text")[1]);
  } finally {
    removeDir(dir);
  }
});

test("the key table names every key of the schema, and nothing else", () => {
  const documented = tableRows((c) => /^`[^`]+`$/.test(c)).map((cells) => cells[0].slice(1, -1));
  expect(documented).toEqual(keyPaths(campaignSchema));
});

test("the college table is the built-in list: names, other names and default addresses", () => {
  const names = new Set(DEFAULT_COLLEGES.map((c) => c.name));
  const rows = tableRows((c) => names.has(c)).map((cells) => cells.slice(0, 3));
  expect(rows).toEqual(DEFAULT_COLLEGES.map((c) => [c.name, (c.aliases ?? []).join("、"), c.mailAddress]));
});
