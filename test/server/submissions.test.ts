import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { RunningServer } from "../../src/server/app";
import {
  COLLEGE,
  OTHER_COLLEGE,
  LogCapture,
  TestSmtp,
  dispositionFileName,
  listXlsx,
  makeKeys,
  mimeParts,
  parseMime,
  readXlsxRows,
  removeDir,
  startTestServer,
  status,
  tempDir,
  settleOutbox,
  untilAttempt,
  untilStatus,
  upload,
  validRows,
} from "./helpers";

const SUBMIT_TO = "pyk@lzu.edu.cn";
let dir: string;
let smtp: TestSmtp;
let server: RunningServer;
let logs: LogCapture;
let key: string;
let otherKey: string;
let keysFile: string;
/** Every ID number, name and key uploaded in this file, for the log scan at the end. */
const secrets = new Set<string>();

function remember(rows: { idNumber: string; name: string; studentNo: string }[]): void {
  for (const r of rows) {
    secrets.add(r.idNumber);
    secrets.add(r.name);
    secrets.add(r.studentNo);
  }
}

beforeAll(async () => {
  dir = tempDir();
  ({ keysFile, key, otherKey } = await makeKeys(dir));
  secrets.add(key);
  secrets.add(otherKey);
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

describe("POST /api/submissions with a real SMTP server", () => {
  let firstId = "";
  const rows = validRows(12, 1);
  // exceljs stamps creation times into the file: keep one copy so a repeat is byte-identical.
  let firstFile: Buffer;

  test("an accepted list is mailed once to SUBMIT_TO only, the secretary in Reply-To, with a readable attachment", async () => {
    remember(rows);
    firstFile = await listXlsx(rows);
    const res = await upload(server.url, firstFile, { key });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe("queued");
    expect(res.body.headCount).toBe(12);
    firstId = String(res.body.id);

    await untilStatus(server, firstId, ["sent"]);
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    // The envelope: exactly SUBMIT_TO. The address the client typed is never a recipient (SPEC §8).
    expect(mail.to).toEqual([SUBMIT_TO]);
    expect(mail.from).toBe("capture@example.edu.cn");
    const top = parseMime(mail.raw);
    expect(top.headers.get("to")).toBe(SUBMIT_TO);
    expect(top.headers.has("cc")).toBe(false);
    expect(top.headers.get("reply-to")).toContain("<secretary@example.edu.cn>");
    expect(top.headers.get("message-id")).toBe(`<submission-${firstId}@example.edu.cn>`);
    const subject = Buffer.concat(
      [...(top.headers.get("subject") ?? "").matchAll(/=\?UTF-8\?B\?([^?]*)\?=/gi)].map((m) =>
        Buffer.from(m[1], "base64"),
      ),
    ).toString("utf8");
    expect(subject).toContain(COLLEGE);
    expect(subject).toContain("12人");
    expect(subject).toContain("156元");

    const parts = mimeParts(top);
    const text = parts.find((p) => (p.headers.get("content-type") ?? "").startsWith("text/plain"));
    const body = Buffer.from(text!.body.replace(/\s+/g, ""), "base64").toString("utf8");
    expect(body).toContain("12 人 × 13 元 = 156 元");
    expect(body).toContain("secretary@example.edu.cn");

    const att = parts.find((p) => (p.headers.get("content-disposition") ?? "").startsWith("attachment"));
    expect(att).toBeDefined();
    expect(dispositionFileName(att!.headers.get("content-disposition")!)).toBe(
      `10730兰州大学_${COLLEGE}_2018届毕业研究生图像采集名单_12人.xlsx`,
    );
    const xlsx = Buffer.from(att!.body.replace(/\s+/g, ""), "base64");
    const back = await readXlsxRows(xlsx);
    expect(back[0].slice(0, 6)).toEqual(["序号", "学院", "姓名", "性别", "学号", "身份证号"]);
    expect(back.slice(1).map((r) => r[5])).toEqual(rows.map((r) => r.idNumber));
    expect(back.slice(1).map((r) => r[2])).toEqual(rows.map((r) => r.name));

    const st = await status(server.url, firstId, key);
    expect(st.status).toBe(200);
    expect(st.body).toMatchObject({
      id: firstId,
      status: "sent",
      attempts: 1,
      messageId: `<submission-${firstId}@example.edu.cn>`,
    });
  });

  test("the same file again the same day: the same id, no second mail", async () => {
    const res = await upload(server.url, firstFile, { key, fileName: "again.xlsx" });
    expect(res.status).toBe(202);
    expect(res.body.id).toBe(firstId);
    expect(res.body.duplicate).toBe(true);
    expect(res.body.status).toBe("sent");
    expect(res.body.requeued).toBeUndefined();
    expect(res.body.message).toBe("这份名单今天已经提交过，未重复发送");
    // Nothing was queued for it: no attempt is running, waiting or scheduled.
    expect(server.sender.pending()).toEqual([]);
    expect(smtp.messages).toHaveLength(1);
  });

  test("the status of a submission needs the key of its own college", async () => {
    expect((await status(server.url, firstId, otherKey)).status).toBe(401);
    expect((await status(server.url, firstId, "nope")).status).toBe(401);
    const unknown = await status(server.url, "0".repeat(24), key);
    expect(unknown.status).toBe(404);
    expect(typeof unknown.body.message).toBe("string");
  });

  test("401 without a key, with a wrong key and with another college's key; nothing is stored", async () => {
    const file = await listXlsx(validRows(3, 2));
    remember(validRows(3, 2));
    const before = (await fs.readdir(server.outbox.submissionsDir)).length;
    for (const k of [undefined, "wrong-key", otherKey, key + "x"]) {
      const res = await upload(server.url, file, { key: k });
      expect(res.status).toBe(401);
      expect(String(res.body.message)).toMatch(/访问密钥/);
    }
    expect((await fs.readdir(server.outbox.submissionsDir)).length).toBe(before);
  });

  test("the other college's key works for its own college only", async () => {
    const rows2 = validRows(2, 3);
    remember(rows2);
    const res = await upload(server.url, await listXlsx(rows2, OTHER_COLLEGE), {
      key: otherKey,
      college: OTHER_COLLEGE,
    });
    expect(res.status).toBe(202);
    // A list of college A sent as college B is refused by the engine (college.value), even with B's key.
    const crossed = await upload(server.url, await listXlsx(rows2, COLLEGE), {
      key: otherKey,
      college: OTHER_COLLEGE,
    });
    expect(crossed.status).toBe(422);
  });

  test("415 for a file that is not an xlsx (text, and a zip that is not a workbook)", async () => {
    const text = await upload(server.url, Buffer.from("序号,学院,姓名\n1,文学院,张三\n"), {
      key,
      fileName: "list.xlsx",
    });
    expect(text.status).toBe(415);
    expect(String(text.body.message)).toMatch(/xlsx/);
    // A valid zip with no [Content_Types].xml: the local-file magic is right, the package is not.
    const zip = Buffer.from(
      "504b0304140000000000000000000000000000000000000000000100000061" +
        "78504b01021400140000000000000000000000000000000000000000000100000000000000000000000000000061" +
        "504b050600000000010001002f0000002000000000",
      "hex",
    );
    const res = await upload(server.url, zip, { key });
    expect(res.status).toBe(415);
    const truncated = await listXlsx(validRows(3, 4));
    expect((await upload(server.url, truncated.subarray(0, 200), { key })).status).toBe(415);
  });

  test("422 with the problems for a list with errors; nothing is stored or sent", async () => {
    const rows3 = validRows(4, 5);
    remember(rows3);
    // Row 3: a wrong check character; rows 4 and 5: the same 学号 (an error on each): 3 errors.
    const bad = rows3.map((r, i) =>
      i === 1
        ? { ...r, idNumber: r.idNumber.slice(0, 17) + (r.idNumber[17] === "1" ? "2" : "1") }
        : i === 3
          ? { ...r, studentNo: rows3[2].studentNo }
          : r,
    );
    remember(bad);
    // Earlier tests' accepted submissions are mailed asynchronously: let them all land first.
    await settleOutbox(server);
    const mailsBefore = smtp.messages.length;
    const dirsBefore = (await fs.readdir(server.outbox.submissionsDir)).length;
    const res = await upload(server.url, await listXlsx(bad), { key });
    expect(res.status).toBe(422);
    const problems = res.body.problems as { row: number; code: string; severity: string }[];
    expect(problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 3, code: "id.checksum", severity: "error" })]),
    );
    expect(res.body.message).toBe("名单有 3 个错误，服务器未予受理，请改正后再提交");
    // Refused before anything was stored: nothing for the sender to do.
    expect(server.sender.pending()).toEqual([]);
    expect(smtp.messages.length).toBe(mailsBefore);
    expect((await fs.readdir(server.outbox.submissionsDir)).length).toBe(dirsBefore);
  });

  test("a list without a header row is refused with 422", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("x").addRow(["hello", "world"]);
    const res = await upload(server.url, Buffer.from(await wb.xlsx.writeBuffer()), { key });
    expect(res.status).toBe(422);
  });

  test("a 'to' or 'recipient' field in the form changes nothing: the mail goes to SUBMIT_TO only", async () => {
    const rows4 = validRows(3, 6);
    remember(rows4);
    const before = smtp.messages.length;
    const res = await upload(server.url, await listXlsx(rows4), {
      key,
      extraFields: {
        to: "attacker@evil.example",
        recipient: "attacker@evil.example",
        submitTo: "attacker@evil.example",
        cc: "attacker@evil.example",
      },
    });
    expect(res.status).toBe(202);
    expect(res.body.submitTo).toBe(SUBMIT_TO);
    await untilStatus(server, String(res.body.id), ["sent"]);
    expect(smtp.messages.length).toBe(before + 1);
    const mail = smtp.messages[before];
    expect(mail.to).toEqual([SUBMIT_TO]);
    expect(mail.raw).not.toContain("evil.example");
  });

  test("400 for a form without a file or with an unknown college", async () => {
    const form = new FormData();
    form.append("college", COLLEGE);
    const res = await fetch(`${server.url}/api/submissions`, {
      method: "POST",
      body: form,
      headers: { "X-Access-Key": key },
    });
    expect(res.status).toBe(400);
    const unknown = await upload(server.url, await listXlsx(validRows(1, 7)), { key, college: "不存在学院" });
    expect(unknown.status).toBe(400);
    const notForm = await fetch(`${server.url}/api/submissions`, {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json", "X-Access-Key": key },
    });
    expect(notForm.status).toBe(415);
  });

  test("SMTP refusing: the submission stays queued, is retried, and is delivered once it recovers", async () => {
    const rows5 = validRows(5, 8);
    remember(rows5);
    smtp.refuse = true;
    const before = smtp.messages.length;
    const res = await upload(server.url, await listXlsx(rows5), { key });
    expect(res.status).toBe(202);
    const id = String(res.body.id);
    const second = await untilAttempt(server, id, 2);
    expect(second).toEqual({ id, status: "queued", attempts: 2 });
    expect(smtp.refusals).toBeGreaterThanOrEqual(2);
    const queued = await status(server.url, id, key);
    expect(queued.body.status).toBe("queued");
    expect(String(queued.body.error)).toBe("邮件服务器暂时拒收（代码 451），稍后自动重试");
    smtp.refuse = false;
    await untilStatus(server, id, ["sent"]);
    const sent = (await status(server.url, id, key)).body;
    expect(sent.status).toBe("sent");
    expect(sent.error).toBeUndefined();
    expect(smtp.messages.length).toBe(before + 1);
    expect(smtp.messages[before].raw).toContain(`<submission-${id}@example.edu.cn>`);
  });

  test("a permanent refusal (550) five times marks it failed; posting the same file again sends it again", async () => {
    const rows6 = validRows(2, 10);
    remember(rows6);
    const file = await listXlsx(rows6);
    smtp.refuse = true;
    smtp.refuseCode = 550;
    let id = "";
    try {
      const res = await upload(server.url, file, { key });
      expect(res.status).toBe(202);
      id = String(res.body.id);
      await untilStatus(server, id, ["failed"]);
      const failed = (await status(server.url, id, key)).body;
      expect(failed.status).toBe("failed");
      expect(failed.attempts).toBe(5);
      expect(failed.error).toBe("邮件服务器拒收（代码 550），已停止重试，请联系研究生院");
    } finally {
      smtp.refuse = false;
      smtp.refuseCode = 451;
    }
    const before = smtp.messages.length;
    const again = await upload(server.url, file, { key });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id, duplicate: true, requeued: true, status: "queued" });
    expect(again.body.message).toBe("这份名单今天提交过但未能发出，现已重新排队发送");
    const state = await untilStatus(server, id, ["sent"]);
    expect(state.attempts).toBe(6);
    expect(smtp.messages.length).toBe(before + 1);
  });

  test("an operator retries a failed submission with POST /api/submissions/:id/retry", async () => {
    const rows7 = validRows(2, 16);
    remember(rows7);
    smtp.refuse = true;
    smtp.refuseCode = 554;
    let id = "";
    try {
      const res = await upload(server.url, await listXlsx(rows7), { key });
      id = String(res.body.id);
      await untilStatus(server, id, ["failed"]);
    } finally {
      smtp.refuse = false;
      smtp.refuseCode = 451;
    }
    const retry = (k: string) =>
      fetch(`${server.url}/api/submissions/${id}/retry`, { method: "POST", headers: { "X-Access-Key": k } });
    expect((await retry(otherKey)).status).toBe(401);
    const res = await retry(key);
    expect(res.status).toBe(202);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id, status: "queued", requeued: true, message: "已重新排队发送" });
    await untilStatus(server, id, ["sent"]);
    // Sent now: nothing to retry.
    const twice = await retry(key);
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { message: string }).message).toBe("这份名单没有发送失败，无需重新发送");
  });

  test("no ID number, student name or access key appears in the logs", () => {
    expect(logs.lines().length).toBeGreaterThan(10);
    const found = [...secrets].filter((s) => logs.text.includes(s));
    expect(found).toEqual([]);
    expect(logs.text).not.toContain("secretary@example.edu.cn");
    expect(logs.text).not.toContain("张秘书");
  });
});
