import path from "node:path";
import { createAccessKey, deskEntry } from "../../src/server/accessKeys";
import { COLLEGE, TestSmtp, listXlsx, removeDir, spawnServer, tempDir, upload, validRows } from "./helpers";

/** The desk's records (payments, audit, submissions) survive a SIGKILL; a queued list is delivered once. */

let dir: string;
beforeAll(() => (dir = tempDir("capture-desk-restart-")));
afterAll(() => removeDir(dir));

test("killed with SIGKILL between desk actions, the restarted server has lost nothing", async () => {
  const keysFile = path.join(dir, "keys.json");
  const key = await createAccessKey(keysFile, COLLEGE);
  const deskKey = await createAccessKey(keysFile, deskEntry("赵老师"));
  const smtp = new TestSmtp();
  await smtp.start();
  const env = {
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: path.join(dir, "data"),
    ACCESS_KEYS: keysFile,
    SMTP_URL: smtp.url,
    MAIL_FROM: "capture@example.edu.cn",
    RETRY_BASE_MS: "100",
    RETRY_MAX_MS: "200",
  };
  const call = async (url: string, method: string, p: string, body?: unknown) => {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: { "X-Access-Key": deskKey, ...(body ? { "Content-Type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: res.status,
      bytes: Buffer.from(await res.arrayBuffer()),
      type: res.headers.get("content-type"),
    };
  };
  const json = (r: { bytes: Buffer }) => JSON.parse(r.bytes.toString("utf8")) as Record<string, unknown>[];

  const first = spawnServer(env);
  let second: ReturnType<typeof spawnServer> | undefined;
  try {
    const url = `http://127.0.0.1:${await first.port}`;
    const sent = await upload(url, await listXlsx(validRows(3, 51)), { key });
    expect(sent.status).toBe(202);
    await first.untilLog(/"msg":"submission sent"/);
    const paid = await call(url, "POST", `/api/desk/colleges/${encodeURIComponent(COLLEGE)}/payments`, {
      amount: 39,
      vouchers: 3,
      by: "赵老师",
    });
    expect(paid.status).toBe(201);
    expect((await call(url, "GET", "/api/desk/export.xlsx")).status).toBe(200);
    // A resubmission the mail server refuses: queued (on disk) when the process dies.
    smtp.refuse = true;
    const queued = await upload(url, await listXlsx(validRows(4, 52)), { key });
    expect(queued.status).toBe(202);
    await smtp.untilRefusals(1);
    const exited = new Promise((r) => first.child.once("exit", r));
    first.child.kill("SIGKILL");
    await exited;

    smtp.refuse = false;
    second = spawnServer(env);
    const url2 = `http://127.0.0.1:${await second.port}`;
    await second.untilLog(/"msg":"submission sent"/);
    const row = json(await call(url2, "GET", "/api/desk/colleges")).find((r) => r.college === COLLEGE);
    expect(row).toMatchObject({
      status: "sent",
      students: 4,
      feeDue: 52,
      feePaid: 39,
      balance: 13,
      vouchers: 3,
      submissions: 2,
      submissionId: queued.body.id,
    });
    const audit = json(await call(url2, "GET", "/api/desk/audit"));
    expect(audit.map((e) => [e.code, e.who, e.target])).toEqual([
      ["export.xlsx", "赵老师（127.0.0.1）", "1 个学院，3 人"],
    ]);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1].raw).toContain(`<submission-${queued.body.id}@example.edu.cn>`);
  } finally {
    first.child.kill("SIGKILL");
    second?.child.kill("SIGKILL");
    await smtp.stop();
  }
}, 60_000);
