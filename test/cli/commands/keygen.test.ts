import { promises as fs } from "node:fs";
import path from "node:path";
import { keygenCommand } from "../../../src/cli/commands/keygen";
import { fakeIO as io } from "../helpers";
import { verifyAccessKey } from "../../../src/server/accessKeys";
import { removeDir, tempDir } from "../../server/helpers";

let dir: string;
beforeAll(() => (dir = tempDir("capture-keygen-")));
afterAll(() => removeDir(dir));

test("prints a fresh key on stdout and stores only its hash, keeping other colleges", async () => {
  const a = io(dir);
  expect(await keygenCommand({ college: "文学院", keys: "keys.json" }, a)).toBe(0);
  const keyA = a.out.trim();
  expect(keyA).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  expect(Buffer.from(keyA, "base64url").length).toBeGreaterThanOrEqual(16);
  expect(a.err).toContain("文学院");

  const b = io(dir);
  expect(await keygenCommand({ college: "法学院", keys: "keys.json" }, b)).toBe(0);
  const stored = JSON.parse(await fs.readFile(path.join(dir, "keys.json"), "utf8")) as Record<string, string>;
  expect(Object.keys(stored).sort()).toEqual(["文学院", "法学院"].sort());
  expect(JSON.stringify(stored)).not.toContain(keyA);
  expect(await verifyAccessKey(keyA, stored["文学院"])).toBe(true);
  expect(await verifyAccessKey(b.out.trim(), stored["文学院"])).toBe(false);
  expect(b.out.trim()).not.toBe(keyA);
});

test("an alias is stored under the college's current name", async () => {
  const r = io(dir);
  expect(await keygenCommand({ college: "政治与行政学院", keys: "alias.json" }, r)).toBe(0);
  const stored = JSON.parse(await fs.readFile(path.join(dir, "alias.json"), "utf8")) as Record<
    string,
    string
  >;
  expect(Object.keys(stored)).toEqual(["政治与国际关系学院"]);
});

test("an unknown college exits 2 with a Chinese and English line and writes nothing", async () => {
  const r = io(dir);
  expect(await keygenCommand({ college: "魔法学院", keys: "none.json" }, r)).toBe(2);
  expect(r.err).toBe(`不认识的学院“魔法学院”，请写学院全称 (unknown college "魔法学院")\n`);
  expect(r.out).toBe("");
  await expect(fs.access(path.join(dir, "none.json"))).rejects.toThrow();
});

test("a damaged keys file is left alone (exit 2)", async () => {
  await fs.writeFile(path.join(dir, "broken.json"), "{oops");
  const r = io(dir);
  expect(await keygenCommand({ college: "文学院", keys: "broken.json" }, r)).toBe(2);
  expect(await fs.readFile(path.join(dir, "broken.json"), "utf8")).toBe("{oops");
  expect(r.out).toBe("");
});
