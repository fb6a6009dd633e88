import { promises as fs } from "node:fs";
import net from "node:net";
import path from "node:path";
import { openDatabase } from "../../src/server/db/database";
import {
  TestSmtp,
  listXlsx,
  makeKeys,
  removeDir,
  spawnServer,
  startTestServer,
  status,
  tempDir,
  untilAttempt,
  untilStatus,
  upload,
  validRows,
} from "./helpers";

/** A loopback port with nothing listening on it (an SMTP server that is down). */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

let dir: string;
let keysFile: string;
let key: string;

beforeAll(async () => {
  dir = tempDir();
  ({ keysFile, key } = await makeKeys(dir));
});
afterAll(() => removeDir(dir));

test("a submission queued while SMTP is down survives a restart and is delivered once", async () => {
  const dataDir = path.join(dir, "restart");
  const smtpPort = await freePort();
  // A long backoff: exactly one attempt before the stop.
  const first = await startTestServer(dataDir, keysFile, {
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    RETRY_BASE_MS: "60000",
    RETRY_MAX_MS: "60000",
  });
  const res = await upload(first.server.url, await listXlsx(validRows(6, 11)), { key });
  expect(res.status).toBe(202);
  const id = String(res.body.id);
  // Connection refused: the attempt fails, the submission stays queued (on disk) for a retry.
  expect(await untilAttempt(first.server, id, 1)).toEqual({ id, status: "queued", attempts: 1 });
  await first.server.close();

  const smtp = new TestSmtp();
  await smtp.start(smtpPort);
  const second = await startTestServer(dataDir, keysFile, {
    SMTP_URL: smtp.url,
    RETRY_BASE_MS: "60000",
    RETRY_MAX_MS: "60000",
  });
  try {
    // Backoff is a minute now: only the "resume everything at once on start" rule delivers it before
    // the sender is idle (a retry timer would still be pending).
    await second.server.sender.idle();
    const s = await status(second.server.url, id, key);
    expect(s.body.status).toBe("sent");
    expect(s.body.attempts).toBe(2);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].raw).toContain(`<submission-${id}@`);
  } finally {
    await second.server.close();
    await smtp.stop();
  }
});

test("without SMTP_URL the message is saved as .eml in DATA_DIR/outbox and the status says so", async () => {
  const dataDir = path.join(dir, "eml");
  const { server } = await startTestServer(dataDir, keysFile);
  try {
    const res = await upload(server.url, await listXlsx(validRows(3, 12)), { key });
    expect(res.status).toBe(202);
    const id = String(res.body.id);
    await untilStatus(server, id, ["sent"]);
    const done = (await status(server.url, id, key)).body;
    expect(done.delivery).toBe("outbox");
    expect(String(done.note)).toMatch(/发件箱/);
    const eml = await fs.readFile(path.join(dataDir, "outbox", `${id}.eml`), "utf8");
    expect(eml).toMatch(/^To: pyk@lzu\.edu\.cn$/m);
    expect(eml).toContain("filename*0*=utf-8''10730");
  } finally {
    await server.close();
  }
});

test("submissions older than RETENTION_DAYS are deleted on start", async () => {
  const dataDir = path.join(dir, "retention");
  const longAgo = new Date(Date.now() - 31 * 86_400_000);
  const { startServer } = await import("../../src/server/app");
  const { loadConfig } = await import("../../src/server/config");
  const { LogCapture } = await import("./helpers");
  const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, ACCESS_KEYS: keysFile });
  const old = await startServer(config, { logger: new LogCapture().logger, now: () => longAgo });
  const res = await upload(old.url, await listXlsx(validRows(2, 13)), { key });
  expect(res.status).toBe(202);
  const recent = await upload(old.url, await listXlsx(validRows(2, 14)), { key });
  await old.close();
  // Make the second one recent again: rewrite its created_at to now (the server is stopped).
  const db = openDatabase(dataDir);
  db.prepare("UPDATE outbox SET created_at = ? WHERE id = ?").run(new Date().toISOString(), recent.body.id);
  db.close();

  const fresh = await startServer(config, { logger: new LogCapture().logger });
  try {
    const left = await fs.readdir(path.join(dataDir, "submissions"));
    expect(left).toEqual([String(recent.body.id)]);
    await expect(fs.access(path.join(dataDir, "outbox", `${res.body.id}.eml`))).rejects.toThrow();
  } finally {
    await fresh.close();
  }
});

test("a server killed with SIGKILL while a submission is queued delivers it exactly once after restart", async () => {
  const dataDir = path.join(dir, "sigkill");
  const smtp = new TestSmtp();
  // The mail server refuses (451) until the restart: the submission is queued, never accepted, so the
  // kill falls outside the documented duplicate window and exactly one mail must arrive.
  smtp.refuse = true;
  await smtp.start();
  const env = {
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    ACCESS_KEYS: keysFile,
    SMTP_URL: smtp.url,
    MAIL_FROM: "capture@example.edu.cn",
    RETRY_BASE_MS: "100",
    RETRY_MAX_MS: "200",
  };
  const first = spawnServer(env);
  let second: ReturnType<typeof spawnServer> | undefined;
  try {
    const url = `http://127.0.0.1:${await first.port}`;
    const rows = validRows(4, 15);
    const res = await upload(url, await listXlsx(rows), { key });
    expect(res.status).toBe(202);
    const id = String(res.body.id);
    await smtp.untilRefusals(1);
    const exited = new Promise((r) => first.child.once("exit", r));
    first.child.kill("SIGKILL");
    await exited;

    smtp.refuse = false;
    second = spawnServer(env);
    const url2 = `http://127.0.0.1:${await second.port}`;
    await second.untilLog(/"msg":"submission sent"/);
    const s = await status(url2, id, key);
    expect(s.body.status).toBe("sent");
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].to).toEqual(["pyk@lzu.edu.cn"]);
    // The child's own log lines carry no ID number either.
    const logText = first.output() + second.output();
    expect(rows.filter((r) => logText.includes(r.idNumber))).toEqual([]);
    expect(logText).not.toContain(key);

    // Graceful stop on SIGTERM: exit code 0, and still exactly one mail.
    const code = new Promise((r) => second!.child.once("exit", r));
    second.child.kill("SIGTERM");
    expect(await code).toBe(0);
    expect(smtp.messages).toHaveLength(1);
  } finally {
    first.child.kill("SIGKILL");
    second?.child.kill("SIGKILL");
    await smtp.stop();
  }
}, 60_000);

test("a wrong setting stops the start with a Chinese message naming the variable", async () => {
  const child = spawnServer({ PORT: "70000", DATA_DIR: path.join(dir, "bad") });
  await expect(child.port).rejects.toThrow(/PORT/);
  expect(child.output()).toMatch(/配置有误：环境变量 PORT/);
  expect(child.child.exitCode).toBe(2);
});
