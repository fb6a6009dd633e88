import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { DEFAULT_CAMPAIGN } from "../../src/domain";
import { createAccessKey, deskEntry } from "../../src/server/accessKeys";
import type { RunningServer } from "../../src/server/app";
import {
  COLLEGE,
  OTHER_COLLEGE,
  TestSmtp,
  listXlsx,
  parseMime,
  removeDir,
  settleOutbox,
  startTestServer,
  status,
  tempDir,
  untilStatus,
  upload,
  validRows,
  type LogCapture,
  type TestRow,
} from "./helpers";

/** The desk API end to end: real server, real SMTP on loopback, real workbooks. */

const THIRD = "文学院";
const FOURTH = "历史文化学院";
let dir: string;
let smtp: TestSmtp;
let server: RunningServer;
let logs: LogCapture;
const keys: Record<string, string> = {};
let deskKey = "";

beforeAll(async () => {
  dir = tempDir("capture-desk-");
  const keysFile = path.join(dir, "keys.json");
  for (const c of [COLLEGE, OTHER_COLLEGE, THIRD, FOURTH]) keys[c] = await createAccessKey(keysFile, c);
  deskKey = await createAccessKey(keysFile, deskEntry("赵老师"));
  smtp = new TestSmtp();
  await smtp.start();
  ({ server, logs } = await startTestServer(path.join(dir, "data"), keysFile, {
    SMTP_URL: smtp.url,
    RATE_LIMIT: "1000",
    AUTH_FAILURE_LIMIT: "1000",
  }));
});

afterAll(async () => {
  await server.close();
  await smtp.stop();
  removeDir(dir);
});

async function desk(
  method: string,
  urlPath: string,
  opts: { key?: string; body?: unknown } = {},
): Promise<{ status: number; body: unknown; headers: Headers; bytes: Buffer }> {
  const headers: Record<string, string> = {};
  const key = opts.key ?? deskKey;
  if (key) headers["X-Access-Key"] = key;
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${server.url}${urlPath}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get("content-type") ?? "").includes("json");
  return {
    status: res.status,
    body: json ? JSON.parse(bytes.toString("utf8")) : undefined,
    headers: res.headers,
    bytes,
  };
}

type Row = Record<string, unknown>;
const collegesPath = "/api/desk/colleges";
const enc = encodeURIComponent;
const rowOf = async (college: string) =>
  ((await desk("GET", collegesPath)).body as Row[]).find((r) => r.college === college) as Row;

async function submit(rows: TestRow[], college: string): Promise<string> {
  const res = await upload(server.url, await listXlsx(rows, college), { key: keys[college], college });
  expect(res.status).toBe(202);
  return String(res.body.id);
}

const first = validRows(3, 41);
const other = [validRows(1, 42)[0], first[1]];
const renamed = { ...first[1], name: "王改名" };
const added = validRows(2, 43);
const second = [first[0], renamed, ...added];
let firstId = "";
let secondId = "";
let otherId = "";

describe("keys", () => {
  test("desk endpoints refuse a college's key and no key; college endpoints refuse the desk key", async () => {
    expect((await desk("GET", collegesPath, { key: keys[COLLEGE] })).status).toBe(401);
    const none = await desk("GET", collegesPath, { key: "" });
    expect(none).toMatchObject({
      status: 401,
      body: { message: "缺少访问密钥：请输入研究生院工作台的密钥" },
    });
    const wrong = await desk("GET", collegesPath, { key: keys[COLLEGE] });
    expect((wrong.body as Row).message).toBe(
      "密钥不对：工作台只接受研究生院的工作台密钥（学院的提交密钥不能用于工作台）",
    );
    const put = await desk("PUT", `/api/colleges/${enc(COLLEGE)}/profile`, {
      body: { secretaryName: "x", mobile: "13800000000", email: "x@example.edu.cn", mailAddress: "x" },
    });
    expect(put.status).toBe(401);
    const res = await upload(server.url, await listXlsx(validRows(1, 40)), { key: deskKey });
    expect(res.status).toBe(401);
    // Another method on a desk endpoint is 405, an unknown desk path 404.
    expect((await desk("DELETE", "/api/desk/reminders")).status).toBe(405);
    expect((await desk("GET", "/api/desk/nothing")).status).toBe(404);
  });

  test("before any submission: every campaign college, none submitted", async () => {
    const res = await desk("GET", collegesPath);
    expect(res.status).toBe(200);
    const rows = res.body as Row[];
    expect(rows.map((r) => r.college)).toEqual(DEFAULT_CAMPAIGN.colleges.map((c) => c.name));
    expect(rows[0]).toEqual({
      college: THIRD,
      status: "none",
      students: 0,
      feeDue: 0,
      feePaid: 0,
      balance: 0,
      vouchers: 0,
      submissions: 0,
      byLevel: {},
      byMode: {},
      byBatch: {},
      hasProfile: false,
    });
  });
});

describe("submissions, history and changes", () => {
  test("a college submitting twice: the table shows the latest, the history both and what changed", async () => {
    firstId = await submit(first, COLLEGE);
    await untilStatus(server, firstId, ["sent"]);
    otherId = await submit(other, OTHER_COLLEGE);
    secondId = await submit(second, COLLEGE);
    await settleOutbox(server);

    const row = await rowOf(COLLEGE);
    expect(row).toEqual({
      college: COLLEGE,
      status: "sent",
      students: 4,
      feeDue: 52,
      feePaid: 0,
      balance: 52,
      vouchers: 0,
      submittedAt: (await server.outbox.readMeta(secondId)).createdAt,
      submissionId: secondId,
      submissions: 2,
      byLevel: { 博士研究生: 2, 硕士研究生: 2 },
      byMode: { 现场采集: 4 },
      byBatch: { "2018年6月": 4 },
      hasProfile: false,
    });
    expect(await rowOf(OTHER_COLLEGE)).toMatchObject({
      status: "sent",
      students: 2,
      feeDue: 26,
      submissionId: otherId,
      submissions: 1,
    });

    const history = await desk("GET", `${collegesPath}/${enc(COLLEGE)}/submissions`);
    expect(history.status).toBe(200);
    const [newer, older] = history.body as Row[];
    expect((history.body as Row[]).map((s) => s.id)).toEqual([secondId, firstId]);
    expect(older.changes).toBeUndefined();
    expect(older).toMatchObject({
      students: 3,
      status: "sent",
      attempts: 1,
      feeDue: 39,
      senderName: "张秘书",
    });
    expect((older.history as Row[]).map((h) => [h.status, h.attempts])).toEqual([
      ["queued", 0],
      ["sending", 1],
      ["sent", 1],
    ]);
    const brief = (r: TestRow, row: number) => ({
      row,
      name: r.name,
      studentNo: r.studentNo,
      idNumber: r.idNumber,
    });
    expect(newer.changes).toEqual({
      added: [brief(added[0], 4), brief(added[1], 5)],
      removed: [brief(first[2], 4)],
      changed: [
        {
          matchedBy: "studentNo",
          before: brief(first[1], 3),
          after: brief(renamed, 3),
          fields: [{ key: "name", header: "姓名", before: first[1].name, after: "王改名" }],
        },
      ],
      unchanged: 1,
    });
    expect((await desk("GET", `${collegesPath}/${enc("不存在学院")}/submissions`)).status).toBe(404);
  });

  test("the same student in two colleges' latest lists is one duplicate", async () => {
    const res = await desk("GET", "/api/desk/duplicates");
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        key: "studentNo",
        value: first[1].studentNo,
        colleges: [OTHER_COLLEGE, COLLEGE],
        rows: [
          {
            college: OTHER_COLLEGE,
            row: 3,
            name: first[1].name,
            studentNo: first[1].studentNo,
            idNumber: first[1].idNumber,
          },
          {
            college: COLLEGE,
            row: 3,
            name: "王改名",
            studentNo: first[1].studentNo,
            idNumber: first[1].idNumber,
          },
        ],
        sameIdNumber: true,
      },
    ]);
  });
});

describe("fees", () => {
  test("a payment is registered, the table shows paid and balance; bad input is refused in Chinese", async () => {
    const res = await desk("POST", `${collegesPath}/${enc(COLLEGE)}/payments`, {
      body: { amount: 39, vouchers: 3, by: "赵老师", paidAt: "2026-12-01T10:00:00+08:00" },
    });
    expect(res.status).toBe(201);
    expect((res.body as Row).payment).toMatchObject({
      seq: 1,
      college: COLLEGE,
      amount: 39,
      vouchers: 3,
      paidBy: "赵老师",
      paidAt: "2026-12-01T02:00:00.000Z",
    });
    expect((res.body as Row).college).toMatchObject({ feeDue: 52, feePaid: 39, balance: 13, vouchers: 3 });
    await desk("POST", `${collegesPath}/${enc(COLLEGE)}/payments`, {
      body: { amount: 13.1, vouchers: 1, by: "赵老师" },
    });
    expect(await rowOf(COLLEGE)).toMatchObject({ feePaid: 52.1, balance: -0.1, vouchers: 4 });
    const list = await desk("GET", `${collegesPath}/${enc(COLLEGE)}/payments`);
    expect((list.body as Row[]).map((p) => p.amount)).toEqual([39, 13.1]);

    const bad = await desk("POST", `${collegesPath}/${enc(COLLEGE)}/payments`, {
      body: { amount: 10, vouchers: 1.5, by: "x" },
    });
    expect(bad).toMatchObject({ status: 400, body: { message: "缴费登记有误：拍照凭证张数应为整数" } });
    const noBy = await desk("POST", `${collegesPath}/${enc(COLLEGE)}/payments`, {
      body: { amount: 10, vouchers: 1, by: " " },
    });
    expect((noBy.body as Row).message).toBe("缴费登记有误：请填写经办人");
    const unknown = await desk("POST", `${collegesPath}/${enc("不存在学院")}/payments`, {
      body: { amount: 10, vouchers: 1, by: "x" },
    });
    expect(unknown.status).toBe(404);
  });
});

describe("downloads, audited", () => {
  test("the merged workbook holds exactly every college's latest rows, sorted, with the fee sheet", async () => {
    const res = await desk("GET", "/api/desk/export.xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="merged.xlsx"; filename*=UTF-8''${enc("10730兰州大学_2018届毕业研究生图像采集名单_合并名单_6人.xlsx")}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["2018年6月毕业", "费用汇总"]);
    const sheet = wb.worksheets[0];
    const values: string[][] = [];
    sheet.eachRow((r) => values.push([1, 2, 3, 5, 6].map((c) => String(r.getCell(c).value ?? ""))));
    const line = (i: number, college: string, r: TestRow) => [
      String(i),
      college,
      r.name,
      r.studentNo,
      r.idNumber,
    ];
    // OTHER_COLLEGE first (campaign order), then by 学号 within each college.
    const otherSorted = [...other].sort((a, b) => a.studentNo.localeCompare(b.studentNo));
    const mineSorted = [...second].sort((a, b) => a.studentNo.localeCompare(b.studentNo));
    expect(values).toEqual([
      ["序号", "学院", "姓名", "学号", "身份证号"],
      ...otherSorted.map((r, i) => line(i + 1, OTHER_COLLEGE, r)),
      ...mineSorted.map((r, i) => line(i + 3, COLLEGE, r)),
    ]);
    const fees: unknown[][] = [];
    wb.worksheets[1].eachRow((r) => fees.push((r.values as unknown[]).slice(1, 6)));
    expect(fees.slice(0, 3)).toEqual([
      ["学院", "人数", "应缴", "已缴", "差额"],
      [OTHER_COLLEGE, 2, 26, 0, 26],
      [COLLEGE, 4, 52, 52.1, -0.1],
    ]);
  });

  test("the CSV is GB18030 with the same rows; a college's list downloads as mailed", async () => {
    const csv = await desk("GET", "/api/desk/export.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=gb18030");
    const lines = iconv.decode(csv.bytes, "gb18030").trimEnd().split("\r\n");
    expect(lines).toHaveLength(7);
    expect(lines[1]).toContain(
      `\t${[...other].sort((a, b) => a.studentNo.localeCompare(b.studentNo))[0].idNumber}`,
    );

    const file = await desk("GET", `/api/desk/submissions/${secondId}/file`);
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(await server.outbox.readAttachment(secondId));
    expect((await desk("GET", `/api/desk/submissions/${"0".repeat(24)}/file`)).status).toBe(404);
  });

  test("the audit log lists each download, newest first, with who", async () => {
    const res = await desk("GET", "/api/desk/audit");
    expect(res.status).toBe(200);
    const entries = (res.body as Row[]).map(({ at: _at, ...e }) => e);
    const fileName = (await server.outbox.readMeta(secondId)).fileName;
    expect(entries).toEqual([
      {
        seq: 3,
        who: "赵老师（127.0.0.1）",
        action: "下载学院提交的名单",
        code: "submission.download",
        target: `${COLLEGE} ${fileName}`,
      },
      {
        seq: 2,
        who: "赵老师（127.0.0.1）",
        action: "下载合并名单（CSV）",
        code: "export.csv",
        target: "2 个学院，6 人",
      },
      {
        seq: 1,
        who: "赵老师（127.0.0.1）",
        action: "下载合并名单（Excel）",
        code: "export.xlsx",
        target: "2 个学院，6 人",
      },
    ]);
    expect(((await desk("GET", "/api/desk/audit?limit=1&before=3")).body as Row[]).map((e) => e.seq)).toEqual(
      [2],
    );
    expect((await desk("GET", "/api/desk/audit?limit=0")).status).toBe(400);
  });
});

describe("retry and reminders", () => {
  test("a college's failed send shows as failed and the desk queues it again", async () => {
    smtp.refuse = true;
    smtp.refuseCode = 550;
    let id = "";
    try {
      id = await submit(validRows(2, 44), THIRD);
      await untilStatus(server, id, ["failed"]);
    } finally {
      smtp.refuse = false;
      smtp.refuseCode = 451;
    }
    expect(await rowOf(THIRD)).toMatchObject({
      status: "failed",
      students: 2,
      error: "邮件服务器拒收（代码 550），已停止重试，请联系研究生院",
    });
    const retry = await desk("POST", `${collegesPath}/${enc(THIRD)}/retry`, { body: {} });
    expect(retry).toMatchObject({ status: 202, body: { id, status: "queued", message: "已重新排队发送" } });
    await untilStatus(server, id, ["sent"]);
    expect((await rowOf(THIRD)).status).toBe("sent");
    const again = await desk("POST", `${collegesPath}/${enc(THIRD)}/retry`, { body: {} });
    expect(again).toMatchObject({
      status: 409,
      body: { message: "该学院最近一次提交没有发送失败，无需重新发送" },
    });
    expect((await desk("POST", `${collegesPath}/${enc(FOURTH)}/retry`, { body: {} })).status).toBe(404);
  });

  test("reminders: a dry run lists the recipients; sending mails each college's stored e-mail once a day", async () => {
    const profile = {
      secretaryName: "钱秘书",
      mobile: "13900000000",
      email: "qian@example.edu.cn",
      mailAddress: "兰州市",
    };
    const put = await desk("PUT", `/api/colleges/${enc(FOURTH)}/profile`, {
      key: keys[FOURTH],
      body: profile,
    });
    expect(put.status).toBe(200);
    const submitted = new Set([COLLEGE, OTHER_COLLEGE, THIRD, FOURTH]);
    const missing = DEFAULT_CAMPAIGN.colleges.map((c) => c.name).filter((c) => !submitted.has(c));
    const recipients = [{ college: FOURTH, email: "qian@example.edu.cn", secretaryName: "钱秘书" }];

    await settleOutbox(server);
    const before = smtp.messages.length;
    const dry = await desk("POST", "/api/desk/reminders", { body: { dryRun: true } });
    expect(dry).toMatchObject({ status: 200, body: { dryRun: true, recipients, missing } });
    expect(smtp.messages.length).toBe(before);

    const sent = await desk("POST", "/api/desk/reminders", { body: { dryRun: false } });
    expect(sent.status).toBe(202);
    const body = sent.body as Row;
    expect(body).toMatchObject({ dryRun: false, recipients, missing, queued: 1, alreadyToday: [] });
    const [reminderId] = body.ids as string[];
    await untilStatus(server, reminderId, ["sent"]);
    expect(smtp.messages.length).toBe(before + 1);
    const mail = smtp.messages[before];
    expect(mail.to).toEqual(["qian@example.edu.cn"]);
    const top = parseMime(mail.raw);
    expect(top.headers.get("message-id")).toBe(`<reminder-${reminderId}@example.edu.cn>`);
    expect(top.headers.get("content-type")).toMatch(/^text\/plain/);

    const twice = await desk("POST", "/api/desk/reminders", { body: { dryRun: false } });
    expect(twice.body).toMatchObject({ queued: 0, alreadyToday: [FOURTH], ids: [] });
    await settleOutbox(server);
    expect(smtp.messages.length).toBe(before + 1);
    // A reminder is not a submission: its id is unknown to the colleges' status endpoint.
    expect((await status(server.url, reminderId, keys[FOURTH])).status).toBe(404);
    // Both presses are in the audit log, the second with nobody mailed.
    const audit = (await desk("GET", "/api/desk/audit?limit=2")).body as Row[];
    expect(audit.map((e) => [e.code, e.target])).toEqual([
      ["reminders.send", "0 个学院"],
      ["reminders.send", "1 个学院"],
    ]);
  });

  test("a college whose stored list is unreadable is named, never silently left out of the merged list", async () => {
    const thirdId = String((await rowOf(THIRD)).submissionId);
    await fs.rm(path.join(server.outbox.submissionsDir, thirdId, "upload.xlsx"));
    const expected = {
      status: 409,
      message: `服务器上${THIRD}最新提交的名单文件无法读取，未能合并；请该学院重新提交后再试`,
      colleges: [THIRD],
    };
    expect(await desk("GET", "/api/desk/export.xlsx")).toMatchObject({ status: 409, body: expected });
    expect(await desk("GET", "/api/desk/duplicates")).toMatchObject({ status: 409, body: expected });
    // The history still lists it (without changes: it was the college's first).
    const history = (await desk("GET", `${collegesPath}/${enc(THIRD)}/submissions`)).body as Row[];
    expect(history.map((h) => [h.id, h.changes])).toEqual([[thirdId, undefined]]);
  });

  test("no ID number, student name, e-mail address or key in the logs", () => {
    const secrets = [...first, ...other, ...added, renamed].flatMap((r) => [r.idNumber, r.name]);
    secrets.push(deskKey, ...Object.values(keys), "qian@example.edu.cn");
    expect(secrets.filter((s) => logs.text.includes(s))).toEqual([]);
  });
});
