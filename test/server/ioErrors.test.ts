import { promises as fs } from "node:fs";
import path from "node:path";
import { AccessKeyStore, KeysUnavailableError, createAccessKey } from "../../src/server/accessKeys";
import { openDatabase } from "../../src/server/db/database";
import { Outbox } from "../../src/server/outbox";
import {
  COLLEGE,
  listXlsx,
  makeKeys,
  removeDir,
  startTestServer,
  tempDir,
  upload,
  validRows,
} from "./helpers";

/** An I/O error is never read as "nothing there": no submissions, no keys. */

let dir: string;
beforeAll(() => (dir = tempDir("capture-io-")));
afterAll(() => removeDir(dir));
afterEach(() => jest.restoreAllMocks());

const ioError = (code: string) => Object.assign(new Error(code), { code });

test("outbox: a database error is thrown, never read as no submissions", async () => {
  const dataDir = path.join(dir, "outbox");
  await fs.mkdir(dataDir);
  const db = openDatabase(dataDir);
  const outbox = new Outbox(dataDir, db);
  await outbox.init();
  expect(await outbox.ids()).toEqual([]);
  db.close();
  // Resume (unsentIds), purge and the listing all fail loudly rather than skip everything.
  await expect(outbox.ids()).rejects.toThrow(/database connection is not open/);
  await expect(outbox.unsentIds()).rejects.toThrow(/database connection is not open/);
  await expect(outbox.purgeOlderThan(30, new Date())).rejects.toThrow(/database connection is not open/);
});

test("keys file: a stat error before any good read refuses loudly; after one, the last good keys stay", async () => {
  const file = path.join(dir, "keys.json");
  const key = await createAccessKey(file, COLLEGE);
  const logged: { obj: object; msg: string }[] = [];
  const log = { error: (obj: object, msg: string) => logged.push({ obj, msg }), warn: () => undefined };

  const stat = jest.spyOn(fs, "stat");
  stat.mockRejectedValueOnce(ioError("EACCES"));
  const fresh = new AccessKeyStore(file, log);
  await expect(fresh.load()).rejects.toBeInstanceOf(KeysUnavailableError);
  expect(logged).toEqual([
    { obj: { file, code: "EACCES", keptLastGood: false }, msg: "cannot stat the access-key file" },
  ]);
  stat.mockRestore();

  const store = new AccessKeyStore(file, log);
  expect(await store.verify(COLLEGE, key)).toBe(true);
  jest.spyOn(fs, "stat").mockRejectedValue(ioError("EIO"));
  expect(Object.keys(await store.load())).toEqual([COLLEGE]);
  expect(await store.verify(COLLEGE, "wrong")).toBe(false);
  expect(logged.at(-1)).toEqual({
    obj: { file, code: "EIO", keptLastGood: true },
    msg: "cannot stat the access-key file",
  });
});

test("keys file: a missing file is no keys; a damaged one keeps the last good keys", async () => {
  const file = path.join(dir, "keys2.json");
  const store = new AccessKeyStore(file);
  expect(await store.load()).toEqual({});
  const key = await createAccessKey(file, COLLEGE);
  expect(await store.verify(COLLEGE, key)).toBe(true);
  await fs.writeFile(file, "{ half written");
  expect(await store.verify(COLLEGE, key)).toBe(true);
});

test("server: unreadable keys stop the start; a later stat error keeps the last good keys, logged", async () => {
  const sub = path.join(dir, "server");
  await fs.mkdir(sub);
  const { keysFile, key } = await makeKeys(sub);
  const realStat = fs.stat.bind(fs);
  const stat = jest.spyOn(fs, "stat");
  let failing = false;
  stat.mockImplementation(((p: string, o?: unknown) =>
    failing && p === keysFile
      ? Promise.reject(ioError("EACCES"))
      : realStat(p, o as undefined)) as typeof fs.stat);
  failing = true;
  // The start itself reads the keys: unreadable at start is a failed start, not "no keys".
  await expect(startTestServer(path.join(sub, "data"), keysFile)).rejects.toBeInstanceOf(
    KeysUnavailableError,
  );
  failing = false;
  const { server, logs } = await startTestServer(path.join(sub, "data2"), keysFile);
  try {
    const file = await listXlsx(validRows(2, 24));
    expect((await upload(server.url, file, { key })).status).toBe(202);
    failing = true;
    // Last good keys stay in force (logged); the college is not locked out by a passing disk error.
    expect((await upload(server.url, file, { key })).status).toBe(202);
    const errors = logs.lines().filter((l) => l.msg === "cannot stat the access-key file");
    expect(errors.map((l) => [l.level, l.code, l.keptLastGood])).toEqual([[50, "EACCES", true]]);
  } finally {
    failing = false;
    await server.close();
  }
});
