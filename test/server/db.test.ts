import { promises as fs } from "node:fs";
import path from "node:path";
import { DEFAULT_CAMPAIGN } from "../../src/domain";
import { openDatabase } from "../../src/server/db/database";
import { MIGRATIONS, migrate } from "../../src/server/db/migrations";
import { AuditLog } from "../../src/server/db/auditLog";
import { PaymentStore } from "../../src/server/db/paymentStore";
import { SqliteProfileStore } from "../../src/server/db/profileStore";
import {
  Outbox,
  sha256Hex,
  submissionId,
  type SubmissionMeta,
  type SubmissionState,
} from "../../src/server/outbox";
import {
  COLLEGE,
  OTHER_COLLEGE,
  TestSmtp,
  listXlsx,
  makeKeys,
  removeDir,
  startTestServer,
  status,
  tempDir,
  validRows,
} from "./helpers";

let dir: string;
beforeAll(() => (dir = tempDir("capture-db-")));
afterAll(() => removeDir(dir));

async function freshDataDir(name: string): Promise<string> {
  const d = path.join(dir, name);
  await fs.mkdir(d, { recursive: true });
  return d;
}

function metaFor(upload: Buffer, college = COLLEGE, createdAt = "2026-11-30T02:00:00.000Z"): SubmissionMeta {
  const uploadSha256 = sha256Hex(upload);
  const day = "2026-11-30";
  return {
    id: submissionId(college, day, uploadSha256),
    college,
    senderName: "张秘书",
    senderEmail: "secretary@example.edu.cn",
    fileName: `10730兰州大学_${college}_2018届毕业研究生图像采集名单_3人.xlsx`,
    uploadSha256,
    headCount: 3,
    feeTotal: 39,
    byLevel: { 博士研究生: 1, 硕士研究生: 2 },
    byMode: { 现场采集: 3 },
    createdAt,
    day,
  };
}

const queued = (at: string): SubmissionState => ({
  status: "queued",
  attempts: 0,
  permanentFailures: 0,
  updatedAt: at,
});

/** A submission folder as the file outbox of the earlier version wrote it. */
async function writeFileOutboxEntry(dataDir: string, meta: SubmissionMeta, state: unknown, upload: Buffer) {
  const folder = path.join(dataDir, "submissions", meta.id);
  await fs.mkdir(folder, { recursive: true });
  await fs.writeFile(path.join(folder, "upload.xlsx"), upload);
  await fs.writeFile(path.join(folder, "meta.json"), JSON.stringify(meta, null, 2));
  if (state !== undefined) await fs.writeFile(path.join(folder, "state.json"), JSON.stringify(state));
}

test("the database: WAL, synchronous FULL, foreign keys, every migration applied once", async () => {
  const dataDir = await freshDataDir("pragmas");
  const db = openDatabase(dataDir);
  try {
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    const tables = db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .all()
      .map((r) => r.name);
    expect(tables).toEqual([
      "audit_log",
      "campaigns",
      "meta",
      "outbox",
      "payments",
      "profiles",
      "reminders",
      "status_history",
      "submissions",
    ]);
    const indexes = db
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
      )
      .all()
      .map((r) => r.name);
    expect(indexes).toEqual([
      "audit_log_at",
      "outbox_college",
      "outbox_created",
      "outbox_status",
      "payments_college",
      "status_history_id",
    ]);
    // Already up to date: nothing more to apply.
    expect(migrate(db)).toEqual([]);
  } finally {
    db.close();
  }
  // A database from a newer server is refused, not half-used.
  const newer = openDatabase(dataDir);
  newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  newer.close();
  expect(() => openDatabase(dataDir)).toThrow(
    `无法打开数据库 ${path.join(dataDir, "capture.sqlite")}（schema）：它由更新版本的服务器写入，请使用该版本或从备份恢复`,
  );
  expect((await fs.stat(path.join(dataDir, "capture.sqlite"))).mode & 0o777).toBe(0o600);
});

test("a later migration is applied once on top; one that fails leaves the schema as it was", async () => {
  const dataDir = await freshDataDir("migrate-next");
  const db = openDatabase(dataDir);
  try {
    const next = [...MIGRATIONS, "ALTER TABLE payments ADD COLUMN receipt TEXT;"];
    expect(migrate(db, next)).toEqual([MIGRATIONS.length + 1]);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(migrate(db, next)).toEqual([]);
    const broken = [...next, "CREATE TABLE extra (x INTEGER); ALTER TABLE missing_table ADD COLUMN y TEXT;"];
    expect(() => migrate(db, broken)).toThrow(/no such table: missing_table/);
    // Rolled back whole: no half-applied table, the version unchanged.
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").all()).toEqual([]);
  } finally {
    db.close();
  }
});

test("a damaged database file stops the start with a Chinese message naming it", async () => {
  const dataDir = await freshDataDir("damaged");
  await fs.writeFile(path.join(dataDir, "capture.sqlite"), Buffer.alloc(4096, 7));
  expect(() => openDatabase(dataDir)).toThrow(
    `无法打开数据库 ${path.join(dataDir, "capture.sqlite")}（SQLITE_NOTADB）：文件已损坏或不是本程序的数据库，请从备份恢复`,
  );
});

test("a submission: upload file fsynced and renamed before its row; state changes kept as history", async () => {
  const dataDir = await freshDataDir("create");
  const db = openDatabase(dataDir);
  const outbox = new Outbox(dataDir, db);
  try {
    await outbox.init();
    const upload = Buffer.from("an upload");
    const profile = {
      college: COLLEGE,
      secretaryName: "李秘书",
      mobile: "13800000000",
      email: "li@example.edu.cn",
      mailAddress: "兰州市城关区天水南路222号",
    };
    const meta = {
      ...metaFor(upload),
      byBatch: { "2018年6月": 3 },
      campaign: DEFAULT_CAMPAIGN,
      campaignVersion: "0123456789abcdef",
      profile,
    };
    // Two identical uploads racing: one is stored, the other told it exists.
    const both = await Promise.all([
      outbox.create(meta, upload, queued(meta.createdAt)),
      outbox.create(meta, upload, queued(meta.createdAt)),
    ]);
    expect(both).toEqual([true, false]);
    expect(await outbox.create(meta, upload, queued(meta.createdAt))).toBe(false);
    expect(await fs.readdir(outbox.submissionsDir)).toEqual([meta.id]);
    expect(await fs.readdir(path.join(outbox.submissionsDir, meta.id))).toEqual(["upload.xlsx"]);
    expect(await outbox.readUpload(meta.id)).toEqual(upload);
    expect(await outbox.readMeta(meta.id)).toEqual(meta);
    // The campaign is stored once per version, however many submissions were checked with it.
    expect(db.prepare("SELECT version FROM campaigns").all()).toEqual([{ version: "0123456789abcdef" }]);
    const sending = { ...queued("2026-11-30T02:00:01.000Z"), status: "sending" as const, attempts: 1 };
    await outbox.writeState(meta.id, sending);
    await outbox.writeState(meta.id, {
      ...sending,
      status: "sent",
      messageId: "<m@x>",
      delivery: "smtp",
      sentAt: "2026-11-30T02:00:02.000Z",
      updatedAt: "2026-11-30T02:00:02.000Z",
    });
    expect(await outbox.readState(meta.id)).toEqual({
      status: "sent",
      attempts: 1,
      permanentFailures: 0,
      messageId: "<m@x>",
      delivery: "smtp",
      sentAt: "2026-11-30T02:00:02.000Z",
      updatedAt: "2026-11-30T02:00:02.000Z",
    });
    expect(outbox.history(meta.id)).toEqual([
      { at: "2026-11-30T02:00:00.000Z", status: "queued", attempts: 0 },
      { at: "2026-11-30T02:00:01.000Z", status: "sending", attempts: 1 },
      { at: "2026-11-30T02:00:02.000Z", status: "sent", attempts: 1 },
    ]);
    // Rows that are not there read like files that are not there (the sender's ENOENT path).
    await expect(outbox.readState("b".repeat(24))).rejects.toMatchObject({ code: "ENOENT" });
    await expect(outbox.writeState("b".repeat(24), sending)).rejects.toMatchObject({ code: "ENOENT" });
    expect(await outbox.has("b".repeat(24))).toBe(false);

    // Retention: the row (with its history) and the folder go.
    expect(await outbox.purgeOlderThan(30, new Date("2026-12-29T00:00:00Z"))).toEqual([]);
    expect(await outbox.purgeOlderThan(30, new Date("2027-01-02T00:00:00Z"))).toEqual([meta.id]);
    expect(await outbox.ids()).toEqual([]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM status_history").get()).toEqual({ n: 0 });
    expect(await fs.readdir(outbox.submissionsDir)).toEqual([]);
  } finally {
    db.close();
  }
});

test("a file outbox is imported on first start; a half-imported folder and a second start are safe", async () => {
  const dataDir = await freshDataDir("import");
  const sent = metaFor(Buffer.from("sent one"));
  const queuedMeta = metaFor(Buffer.from("queued one"), OTHER_COLLEGE);
  const noState = metaFor(Buffer.from("no state"));
  const sentState = {
    status: "sent",
    attempts: 2,
    permanentFailures: 0,
    messageId: "<submission-x@example.edu.cn>",
    delivery: "smtp",
    sentAt: "2026-11-30T02:05:00.000Z",
    updatedAt: "2026-11-30T02:05:00.000Z",
  };
  await writeFileOutboxEntry(dataDir, sent, sentState, Buffer.from("sent one"));
  await writeFileOutboxEntry(
    dataDir,
    queuedMeta,
    { ...queued(queuedMeta.createdAt), lastError: "无法连接邮件服务器，稍后自动重试", attempts: 1 },
    Buffer.from("queued one"),
  );
  await writeFileOutboxEntry(dataDir, noState, undefined, Buffer.from("no state"));
  // A damaged meta.json: left untouched for an operator, reported.
  const damaged = "d".repeat(24);
  await fs.mkdir(path.join(dataDir, "submissions", damaged));
  await fs.writeFile(path.join(dataDir, "submissions", damaged, "meta.json"), "{ half");
  // A folder of this version whose row never committed (a crash in between), and a temporary folder.
  const orphan = "e".repeat(24);
  await fs.mkdir(path.join(dataDir, "submissions", orphan));
  await fs.writeFile(path.join(dataDir, "submissions", orphan, "upload.xlsx"), "x");
  await fs.mkdir(path.join(dataDir, "submissions", `.tmp-${orphan}-0000`));

  const db = openDatabase(dataDir);
  try {
    const outbox = new Outbox(dataDir, db);
    expect(await outbox.init()).toEqual({
      imported: [sent.id, queuedMeta.id, noState.id].sort(),
      orphans: [orphan],
      unreadable: [damaged],
    });
    expect(await outbox.readMeta(sent.id)).toEqual({ ...sent, byBatch: {} });
    expect(await outbox.readState(sent.id)).toEqual(sentState);
    expect((await outbox.readState(queuedMeta.id)).lastError).toBe("无法连接邮件服务器，稍后自动重试");
    expect(await outbox.readState(noState.id)).toEqual(queued(noState.createdAt));
    expect(await outbox.unsentIds()).toEqual([queuedMeta.id, noState.id].sort());
    expect((await fs.readdir(path.join(dataDir, "submissions"))).sort()).toEqual(
      [sent.id, queuedMeta.id, noState.id, damaged].sort(),
    );
    expect(await fs.readdir(path.join(dataDir, "submissions", sent.id))).toEqual(["upload.xlsx"]);

    // A crash after a row committed but before its JSON files went: the next start only removes them.
    await fs.writeFile(path.join(dataDir, "submissions", sent.id, "meta.json"), JSON.stringify(sent));
    await fs.writeFile(path.join(dataDir, "submissions", sent.id, "state.json"), JSON.stringify(queued("x")));
    expect(await outbox.init()).toEqual({ imported: [], orphans: [], unreadable: [damaged] });
    expect(await outbox.readState(sent.id)).toEqual(sentState);
    expect(await fs.readdir(path.join(dataDir, "submissions", sent.id))).toEqual(["upload.xlsx"]);
    expect(await outbox.ids()).toEqual([sent.id, queuedMeta.id, noState.id].sort());
  } finally {
    db.close();
  }
});

test("a server started on a file outbox delivers its queued submission exactly once", async () => {
  const dataDir = await freshDataDir("import-server");
  const sub = path.join(dir, "import-keys");
  await fs.mkdir(sub);
  const { keysFile, key } = await makeKeys(sub);
  const upload = await listXlsx(validRows(3, 31));
  const meta = metaFor(upload);
  await writeFileOutboxEntry(
    dataDir,
    meta,
    { ...queued(meta.createdAt), status: "sending", attempts: 1 },
    upload,
  );
  const smtp = new TestSmtp();
  await smtp.start();
  const { server, logs } = await startTestServer(dataDir, keysFile, { SMTP_URL: smtp.url });
  try {
    await server.sender.idle();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].raw).toContain(`<submission-${meta.id}@example.edu.cn>`);
    const s = await status(server.url, meta.id, key);
    expect(s.body).toMatchObject({ id: meta.id, status: "sent", attempts: 2, headCount: 3 });
    expect(logs.lines().find((l) => l.msg === "file outbox moved into the database")).toMatchObject({
      imported: 1,
      orphans: 0,
      unreadable: [],
    });
    expect(server.outbox.history(meta.id).map((h) => [h.status, h.attempts])).toEqual([
      ["sending", 1],
      ["sending", 2],
      ["sent", 2],
    ]);
  } finally {
    await server.close();
  }
  // Restarted: nothing imported again, nothing sent again.
  const again = await startTestServer(dataDir, keysFile, { SMTP_URL: smtp.url });
  try {
    await again.server.sender.idle();
    expect(smtp.messages).toHaveLength(1);
    expect(again.logs.lines().some((l) => l.msg === "file outbox moved into the database")).toBe(false);
  } finally {
    await again.server.close();
    await smtp.stop();
  }
});

test("profiles: profiles.json imported once (a database row wins), then read and written as rows", async () => {
  const dataDir = await freshDataDir("profiles");
  const old = {
    college: COLLEGE,
    secretaryName: "李秘书",
    mobile: "13800000000",
    email: "li@example.edu.cn",
    mailAddress: "兰州市城关区天水南路222号",
    updatedAt: "2026-11-01T00:00:00.000Z",
  };
  await fs.writeFile(
    path.join(dataDir, "profiles.json"),
    JSON.stringify({ [COLLEGE]: old, 坏的: { college: "坏的" } }),
  );
  const db = openDatabase(dataDir);
  try {
    const store = new SqliteProfileStore(db);
    expect(await store.importJsonOnce(dataDir)).toBe(1);
    expect(await store.get(COLLEGE)).toEqual(old);
    expect(await store.get("坏的")).toBeUndefined();
    const { updatedAt: _u, ...input } = old;
    const saved = await store.put({ ...input, secretaryName: "王秘书" }, new Date("2026-12-01T00:00:00Z"));
    expect(saved).toEqual({ ...old, secretaryName: "王秘书", updatedAt: "2026-12-01T00:00:00.000Z" });
    // Not imported twice: the newer row stays.
    expect(await store.importJsonOnce(dataDir)).toBe(0);
    expect((await store.get(COLLEGE))?.secretaryName).toBe("王秘书");
    expect([...store.all().keys()]).toEqual([COLLEGE]);
  } finally {
    db.close();
  }
});

test("payments add up per college; the audit log lists newest first, in pages", async () => {
  const dataDir = await freshDataDir("payments");
  const db = openDatabase(dataDir);
  try {
    const payments = new PaymentStore(db);
    const at = new Date("2026-12-01T03:00:00Z");
    const base = { paidBy: "赵老师", paidAt: "2026-12-01T02:00:00.000Z" };
    payments.add({ ...base, college: COLLEGE, amount: 130, vouchers: 10 }, at);
    payments.add({ ...base, college: OTHER_COLLEGE, amount: 26, vouchers: 2 }, at);
    const fix = payments.add({ ...base, college: COLLEGE, amount: -13, vouchers: -1, note: "多收退回" }, at);
    expect(fix).toEqual({
      ...base,
      college: COLLEGE,
      amount: -13,
      vouchers: -1,
      note: "多收退回",
      seq: 3,
      recordedAt: "2026-12-01T03:00:00.000Z",
    });
    expect(payments.totals()).toEqual(
      new Map([
        [COLLEGE, { amount: 117, vouchers: 9 }],
        [OTHER_COLLEGE, { amount: 26, vouchers: 2 }],
      ]),
    );
    expect(payments.list(COLLEGE).map((p) => p.amount)).toEqual([130, -13]);

    const audit = new AuditLog(db);
    for (let i = 1; i <= 5; i++)
      audit.record({ at: `2026-12-01T0${i}:00:00.000Z`, actor: "研究生院", action: "export.xlsx" });
    audit.record({
      at: "2026-12-01T06:00:00.000Z",
      actor: "研究生院",
      action: "submission.download",
      college: COLLEGE,
      submissionId: "a".repeat(24),
    });
    const first = audit.list(2);
    expect(first.map((e) => e.seq)).toEqual([6, 5]);
    expect(first[0]).toEqual({
      seq: 6,
      at: "2026-12-01T06:00:00.000Z",
      actor: "研究生院",
      action: "submission.download",
      college: COLLEGE,
      submissionId: "a".repeat(24),
    });
    expect(audit.list(10, 5).map((e) => e.seq)).toEqual([4, 3, 2, 1]);
  } finally {
    db.close();
  }
});
