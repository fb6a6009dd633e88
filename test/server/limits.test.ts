import http from "node:http";
import type { RunningServer } from "../../src/server/app";
import {
  OTHER_COLLEGE,
  listXlsx,
  makeKeys,
  removeDir,
  startTestServer,
  tempDir,
  upload,
  validRows,
} from "./helpers";

/** The limits of the submissions API: rows, bytes (declared and streamed), field size, submissions a minute. */

let dir: string;
let keysFile: string;
let key: string;
let otherKey: string;

beforeAll(async () => {
  dir = tempDir();
  ({ keysFile, key, otherKey } = await makeKeys(dir));
});
afterAll(() => removeDir(dir));

describe("limits", () => {
  let small: RunningServer;
  let smallDir: string;

  beforeAll(async () => {
    smallDir = tempDir();
    ({ server: small } = await startTestServer(smallDir, keysFile, {
      MAX_UPLOAD_BYTES: "20000",
      RATE_LIMIT: "3",
    }));
  });
  afterAll(async () => {
    await small.close();
    removeDir(smallDir);
  });

  test("413 for a list over MAX_ROWS: nothing is stored or sent", async () => {
    const dir = tempDir();
    const { server: capped } = await startTestServer(dir, keysFile, { MAX_ROWS: "5" });
    try {
      const res = await upload(capped.url, await listXlsx(validRows(8, 41)), { key });
      expect(res.status).toBe(413);
      expect(String(res.body.message)).toMatch(/超过 5 行/);
      expect(await capped.outbox.ids()).toEqual([]);
    } finally {
      await capped.close();
      removeDir(dir);
    }
  });

  test("413 for an upload over the limit (declared length)", async () => {
    const big = Buffer.alloc(200_000, 7);
    const res = await upload(small.url, big, { key });
    expect(res.status).toBe(413);
    expect(String(res.body.message)).toMatch(/过大/);
  });

  test("413 while streaming a chunked body with no length: the server answers before the body ends", async () => {
    // The client sends five times MAX_UPLOAD_BYTES and then neither ends the body nor sends more: a server that
    // waited for the end would never answer (the test would time out), whatever the machine's load.
    const answer = await new Promise<{ status: number; sentBytes: number; ended: boolean }>(
      (resolve, reject) => {
        const boundary = "----b" + Date.now();
        const req = http.request(`${small.url}/api/submissions`, {
          method: "POST",
          headers: {
            "Content-Type": `multipart/form-data; boundary=${boundary}`,
            "X-Access-Key": key,
            "Transfer-Encoding": "chunked",
          },
        });
        let sent = 0;
        let done = false;
        req.on("response", (res) => {
          done = true;
          res.resume();
          resolve({ status: res.statusCode ?? 0, sentBytes: sent, ended: req.writableEnded });
          req.destroy();
        });
        req.on("error", (err) => (done ? undefined : reject(err)));
        req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n`);
        const chunk = Buffer.alloc(4_000, 1);
        const pump = () => {
          while (!done && sent < 100_000) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
        };
        pump();
      },
    );
    expect(answer).toEqual({ status: 413, sentBytes: expect.any(Number), ended: false });
    expect(answer.sentBytes).toBeLessThanOrEqual(100_000);
  });

  test("429 after RATE_LIMIT submissions a minute of one college; another college is not held up", async () => {
    const file = await listXlsx(validRows(1, 9));
    // The 413s above were refused before the key was checked: they count for no college.
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await upload(small.url, file, { key })).status);
    expect(codes).toEqual([202, 202, 202, 429]);
    const last = await upload(small.url, file, { key });
    expect(last.status).toBe(429);
    expect(String(last.body.message)).toMatch(/^提交过于频繁，请 \d+ 秒后再试$/);
    expect(Number(last.body.retryAfter)).toBeGreaterThan(0);
    const other = await upload(small.url, await listXlsx(validRows(1, 9), OTHER_COLLEGE), {
      key: otherKey,
      college: OTHER_COLLEGE,
    });
    expect(other.status).toBe(202);
  });

  test("a field over its size limit is a form error (400), not 'file too large'", async () => {
    const res = await upload(small.url, await listXlsx(validRows(1, 17)), {
      key: otherKey,
      college: OTHER_COLLEGE,
      extraFields: { senderPhone: "1".repeat(5000) },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("表单有误：字段 senderPhone 过长");
  });
});
