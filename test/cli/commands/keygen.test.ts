import { promises as fs } from "node:fs";
import path from "node:path";
import { keygenCommand } from "../../../src/cli/commands/keygen";
import { runCli } from "../../../src/cli/run";
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

describe("the colleges of the campaign the server runs with", () => {
  const CAMPAIGN = { colleges: [{ name: "人工智能学院", aliases: ["AI学院"] }] };

  test("--campaign: a college the file adds gets a key, under its full name", async () => {
    await fs.writeFile(path.join(dir, "campaign.json"), JSON.stringify(CAMPAIGN));
    const r = io(dir);
    expect(await keygenCommand({ college: "AI学院", keys: "ai.json", campaign: "campaign.json" }, r)).toBe(0);
    const stored = JSON.parse(await fs.readFile(path.join(dir, "ai.json"), "utf8")) as Record<string, string>;
    expect(Object.keys(stored)).toEqual(["人工智能学院"]);
    expect(await verifyAccessKey(r.out.trim(), stored["人工智能学院"])).toBe(true);
  });

  test("the CAMPAIGN variable, as the server reads it, when --campaign is not given", async () => {
    await fs.writeFile(path.join(dir, "campaign.json"), JSON.stringify(CAMPAIGN));
    const r = { ...io(dir), env: { CAMPAIGN: "campaign.json" } };
    const code = await runCli(["keygen", "--college", "人工智能学院", "--keys", "env.json"], r);
    expect(code).toBe(0);
    const stored = JSON.parse(await fs.readFile(path.join(dir, "env.json"), "utf8")) as Record<
      string,
      string
    >;
    expect(Object.keys(stored)).toEqual(["人工智能学院"]);
  });

  test("without either, only the built-in colleges: the added one is refused and nothing written", async () => {
    const r = io(dir);
    expect(await runCli(["keygen", "--college", "人工智能学院", "--keys", "builtin.json"], r)).toBe(2);
    expect(r.err).toBe(`不认识的学院“人工智能学院”，请写学院全称 (unknown college "人工智能学院")\n`);
    await expect(fs.access(path.join(dir, "builtin.json"))).rejects.toThrow();
  });

  test("a wrong campaign file: exit 2 naming the key, nothing written", async () => {
    await fs.writeFile(path.join(dir, "bad-campaign.json"), JSON.stringify({ colleges: [{ title: "x" }] }));
    const r = io(dir);
    const code = await keygenCommand(
      { college: "文学院", keys: "bad.json", campaign: "bad-campaign.json" },
      r,
    );
    expect(code).toBe(2);
    expect(r.err).toBe(
      "配置文件 bad-campaign.json 有误：配置项 colleges[0].name 类型不对（应为 string）；未知的配置项 colleges[0].title (invalid campaign config)\n",
    );
    await expect(fs.access(path.join(dir, "bad.json"))).rejects.toThrow();
  });
});
