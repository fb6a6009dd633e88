import { promises as fs } from "node:fs";
import path from "node:path";
import {
  AccessKeyFileError,
  AccessKeyStore,
  createAccessKey,
  hashAccessKey,
  parseKeyHash,
  readKeyFile,
  verifyAccessKey,
} from "../../src/server/accessKeys";
import { removeDir, tempDir } from "./helpers";

let dir: string;
beforeAll(() => (dir = tempDir("capture-keys-")));
afterAll(() => removeDir(dir));

test("a hash verifies its key and nothing else", async () => {
  const stored = await hashAccessKey("correct horse");
  expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  expect(await verifyAccessKey("correct horse", stored)).toBe(true);
  expect(await verifyAccessKey("correct horsf", stored)).toBe(false);
  expect(await verifyAccessKey("correct horse", undefined)).toBe(false);
  expect(await verifyAccessKey("", stored)).toBe(false);
});

test("cost parameters out of bounds are not accepted", () => {
  expect(parseKeyHash("scrypt$1048576$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")).toBeDefined();
  expect(parseKeyHash("scrypt$4194304$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")).toBeUndefined();
  expect(parseKeyHash("scrypt$1000$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")).toBeUndefined();
  expect(parseKeyHash("plain")).toBeUndefined();
});

test("createAccessKey keeps other colleges and stores only hashes; the store sees changes without restart", async () => {
  const file = path.join(dir, "k.json");
  const store = new AccessKeyStore(file);
  expect(await store.verify("文学院", "x")).toBe(false);
  const a = await createAccessKey(file, "文学院");
  const b = await createAccessKey(file, "法学院");
  expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
  const text = await fs.readFile(file, "utf8");
  expect(text).not.toContain(a);
  expect(text).not.toContain(b);
  expect(Object.keys(await readKeyFile(file)).sort()).toEqual(["文学院", "法学院"].sort());
  expect(await store.verify("文学院", a)).toBe(true);
  expect(await store.verify("法学院", a)).toBe(false);
  expect(await store.verify("法学院", b)).toBe(true);
  expect(((await fs.stat(file)).mode & 0o777).toString(8)).toBe("600");
});

test("a damaged keys file is an error, not an empty map", async () => {
  const file = path.join(dir, "bad.json");
  await fs.writeFile(file, "{ not json");
  await expect(readKeyFile(file)).rejects.toBeInstanceOf(AccessKeyFileError);
  await fs.writeFile(file, JSON.stringify({ 文学院: "plaintext-key" }));
  await expect(readKeyFile(file)).rejects.toThrow(/散列格式/);
});
