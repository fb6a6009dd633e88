import { promises as fs } from "node:fs";
import path from "node:path";
import { runCli } from "../../src/cli/run";
import { AccessKeyStore, createAccessKey } from "../../src/server/accessKeys";
import { fakeIO } from "../cli/helpers";
import { COLLEGE, removeDir, tempDir } from "./helpers";

/** keygen --desk and the store's desk check: a desk key opens no college, a college key no desk. */

let dir: string;
beforeAll(() => (dir = tempDir("capture-desk-keys-")));
afterAll(() => removeDir(dir));

test("keygen --desk stores @desk:NAME beside the colleges; each key opens only its own door", async () => {
  const file = path.join(dir, "keys.json");
  const collegeKey = await createAccessKey(file, COLLEGE);
  const io = fakeIO(dir);
  expect(await runCli(["keygen", "--desk", "--name", "赵老师", "--keys", "keys.json"], io)).toBe(0);
  const deskKey = io.out.trim();
  expect(deskKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(io.err).toContain("使用人“赵老师”");
  const plain = fakeIO(dir);
  expect(await runCli(["keygen", "--desk", "--keys", "keys.json"], plain)).toBe(0);
  const stored = JSON.parse(await fs.readFile(file, "utf8")) as Record<string, string>;
  expect(Object.keys(stored)).toEqual([COLLEGE, "@desk:赵老师", "@desk:研究生院"]);

  const store = new AccessKeyStore(file);
  expect(await store.verifyDesk(deskKey)).toBe("@desk:赵老师");
  expect(await store.verifyDesk(plain.out.trim())).toBe("@desk:研究生院");
  expect(await store.verifyDesk(collegeKey)).toBeUndefined();
  expect(await store.verify(COLLEGE, deskKey)).toBe(false);
  // Remembered after the first check: the cached answer is the same.
  expect(await store.verifyDesk(deskKey)).toBe("@desk:赵老师");
});

test("keygen --desk refuses --college beside it and a name that is no name", async () => {
  const both = fakeIO(dir);
  expect(await runCli(["keygen", "--desk", "--college", COLLEGE, "--keys", "k.json"], both)).toBe(2);
  expect(both.err).toContain("keygen --desk 需要 --keys 密钥文件（不与 --college 同用）");
  const bad = fakeIO(dir);
  expect(await runCli(["keygen", "--desk", "--name", " ", "--keys", "k.json"], bad)).toBe(2);
  expect(bad.err).toContain("--name 应为 1–40 个字的使用人名称");
  await expect(fs.access(path.join(dir, "k.json"))).rejects.toThrow();
});
