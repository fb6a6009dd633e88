import crypto from "node:crypto";
import path from "node:path";
import type { RunningServer } from "../../src/server/app";
import { STATUS_READS_PER_MINUTE } from "../../src/server/accessGuard";
import {
  COLLEGE,
  OTHER_COLLEGE,
  listXlsx,
  makeKeys,
  removeDir,
  startTestServer,
  status,
  tempDir,
  upload,
  validRows,
} from "./helpers";

/**
 * Who is counted where: failures per client address (X-Forwarded-For only through TRUST_PROXY),
 * submissions per college, and no scrypt once an address's failure bucket is full.
 */

let dir: string;
let keysFile: string;
let key: string;
let otherKey: string;
let file: Buffer;
let otherFile: Buffer;

beforeAll(async () => {
  dir = tempDir();
  ({ keysFile, key, otherKey } = await makeKeys(dir));
  file = await listXlsx(validRows(2, 21));
  otherFile = await listXlsx(validRows(2, 22), OTHER_COLLEGE);
});
afterAll(() => removeDir(dir));

const from = (address: string) => ({ "X-Forwarded-For": address });
const scryptCalls = () => jest.spyOn(crypto, "scrypt");

async function withServer(env: Record<string, string>, run: (s: RunningServer) => Promise<void>) {
  const dataDir = path.join(dir, `d${Math.random().toString(36).slice(2)}`);
  const { server } = await startTestServer(dataDir, keysFile, env);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

afterEach(() => jest.restoreAllMocks());

test("without TRUST_PROXY a spoofed X-Forwarded-For changes nothing: one bucket for the socket's address", async () => {
  await withServer({ AUTH_FAILURE_LIMIT: "3" }, async (server) => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push(
        (await upload(server.url, file, { key: `wrong-${i}`, headers: from(`198.51.100.${i}`) })).status,
      );
    expect(codes).toEqual([401, 401, 401, 429]);
  });
});

test("the failure bucket is full: the next unknown key gets 429 before any scrypt runs", async () => {
  await withServer({ AUTH_FAILURE_LIMIT: "3" }, async (server) => {
    // A college that works before the flood is remembered and goes on working. Its first key check
    // (an scrypt) counts in its address's bucket too: 1 of 3, then two junk keys fill it.
    expect((await upload(server.url, file, { key })).status).toBe(202);
    for (let i = 0; i < 2; i++)
      expect((await upload(server.url, file, { key: `junk-${i}` })).status).toBe(401);
    const spy = scryptCalls();
    const refused = await upload(server.url, file, { key: "junk-x" });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^失败的请求过多，请 \d+ 秒后再试$/);
    expect(spy).not.toHaveBeenCalled();
    // The status query is screened the same way.
    expect((await status(server.url, "0".repeat(24), "junk-y")).status).toBe(429);
    expect(spy).not.toHaveBeenCalled();
    // The verified college: no scrypt, not held up by the junk from its address.
    const again = await upload(server.url, file, { key });
    expect(again.status).toBe(202);
    expect(again.body.duplicate).toBe(true);
    expect(spy).not.toHaveBeenCalled();
  });
});

test("behind a trusted proxy each client has its own failure bucket", async () => {
  await withServer({ AUTH_FAILURE_LIMIT: "2", TRUST_PROXY: "127.0.0.1" }, async (server) => {
    const attacker = from("203.0.113.7");
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await upload(server.url, file, { key: `bad-${i}`, headers: attacker })).status);
    expect(codes).toEqual([401, 401, 429]);
    // Another client behind the same proxy: its own bucket, and a college's first request goes through.
    expect((await upload(server.url, file, { key: "bad-z", headers: from("203.0.113.8") })).status).toBe(401);
    const college = await upload(server.url, otherFile, {
      key: otherKey,
      college: OTHER_COLLEGE,
      headers: from("203.0.113.9"),
    });
    expect(college.status).toBe(202);
    // A forged first hop in front of the proxy's entry does not escape the attacker's bucket.
    const forged = await upload(server.url, file, { key: "bad-f", headers: from("10.9.9.9, 203.0.113.7") });
    expect(forged.status).toBe(429);
  });
});

test("TRUST_PROXY as a hop count takes the address the proxy saw", async () => {
  await withServer({ AUTH_FAILURE_LIMIT: "1", TRUST_PROXY: "1" }, async (server) => {
    expect((await upload(server.url, file, { key: "x1", headers: from("192.0.2.1") })).status).toBe(401);
    expect((await upload(server.url, file, { key: "x2", headers: from("192.0.2.1") })).status).toBe(429);
    expect((await upload(server.url, file, { key: "x3", headers: from("192.0.2.2") })).status).toBe(401);
  });
});

test("submissions are counted per college after authentication, not per address", async () => {
  await withServer({ RATE_LIMIT: "2", TRUST_PROXY: "127.0.0.1" }, async (server) => {
    // Two clients of one college share its bucket.
    expect((await upload(server.url, file, { key, headers: from("192.0.2.10") })).status).toBe(202);
    expect((await upload(server.url, file, { key, headers: from("192.0.2.11") })).status).toBe(202);
    expect((await upload(server.url, file, { key, headers: from("192.0.2.12") })).status).toBe(429);
    // The other college, from the very same address, is not affected.
    const other = await upload(server.url, otherFile, {
      key: otherKey,
      college: OTHER_COLLEGE,
      headers: from("192.0.2.12"),
    });
    expect(other.status).toBe(202);
  });
});

test("status reads are rate-limited per college too", async () => {
  await withServer({}, async (server) => {
    const res = await upload(server.url, file, { key });
    const id = String(res.body.id);
    const codes = new Map<number, number>();
    for (let i = 0; i < STATUS_READS_PER_MINUTE + 1; i++) {
      const s = (await status(server.url, id, key)).status;
      codes.set(s, (codes.get(s) ?? 0) + 1);
    }
    expect(Object.fromEntries(codes)).toEqual({ 200: STATUS_READS_PER_MINUTE, 429: 1 });
  });
});

test("a verified key is remembered: the second request runs no scrypt; a key of another college still does", async () => {
  await withServer({}, async (server) => {
    expect((await upload(server.url, file, { key })).status).toBe(202);
    const spy = scryptCalls();
    expect((await upload(server.url, file, { key })).status).toBe(202);
    expect(spy).not.toHaveBeenCalled();
    // The remembered key is bound to its college: used for another one it is checked (and refused).
    const crossed = await upload(server.url, otherFile, { key, college: OTHER_COLLEGE });
    expect(crossed.status).toBe(401);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(COLLEGE).not.toBe(OTHER_COLLEGE);
  });
});
