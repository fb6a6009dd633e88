import { promises as fs } from "node:fs";
import path from "node:path";
import { DEFAULT_CAMPAIGN } from "../../src/domain";
import { createAccessKey, deskEntry } from "../../src/server/accessKeys";
import type { RunningServer } from "../../src/server/app";
import {
  COLLEGE,
  OTHER_COLLEGE,
  TestSmtp,
  listXlsx,
  removeDir,
  startTestServer,
  tempDir,
  upload,
  validRows,
} from "./helpers";

/** The desk's school-wide roster and already-captured lists: real server, real workbooks, the real engine. */

let dir: string;
let dataDir: string;
let smtp: TestSmtp;
let server: RunningServer;
const keys: Record<string, string> = {};
let deskKey = "";

beforeAll(async () => {
  dir = tempDir("capture-desk-lists-");
  dataDir = path.join(dir, "data");
  const keysFile = path.join(dir, "keys.json");
  for (const c of [COLLEGE, OTHER_COLLEGE]) keys[c] = await createAccessKey(keysFile, c);
  deskKey = await createAccessKey(keysFile, deskEntry("赵老师"));
  smtp = new TestSmtp();
  await smtp.start();
  ({ server } = await startTestServer(dataDir, keysFile, {
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

type Json = Record<string, unknown>;

async function call(
  method: string,
  urlPath: string,
  key = deskKey,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.url}${urlPath}`, { method, headers: { "X-Access-Key": key } });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function putList(
  kind: "roster" | "captured",
  content: string | Buffer,
  fileName: string,
  key = deskKey,
): Promise<{ status: number; body: Json }> {
  const form = new FormData();
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  form.append("file", new Blob([new Uint8Array(bytes)]), fileName);
  const res = await fetch(`${server.url}/api/desk/${kind}`, {
    method: "PUT",
    body: form,
    headers: { "X-Access-Key": key },
  });
  return { status: res.status, body: (await res.json()) as Json };
}

// College A sends a0 (博士) and a1 (硕士); college B sends b0 (博士) and x, who is in no roster.
const [a0, a1] = validRows(2, 61);
const [b0, x] = validRows(2, 62);
const rosterCsv = [
  "学号,姓名,身份证号,培养层次",
  `${a0.studentNo},${a0.name},${a0.idNumber},博士研究生`,
  `${a1.studentNo},${a1.name},${a1.idNumber},硕士研究生`,
  `${b0.studentNo},${b0.name},${b0.idNumber},博士研究生`,
].join("\r\n");
const capturedCsv = ["学号,姓名", `${a1.studentNo},${a1.name}`].join("\r\n");

test("a college's key is refused at every list endpoint (401); nothing is stored", async () => {
  expect((await putList("roster", rosterCsv, "花名册.csv", keys[COLLEGE])).status).toBe(401);
  expect((await call("DELETE", "/api/desk/roster", keys[COLLEGE])).status).toBe(401);
  expect((await call("GET", "/api/desk/lists", keys[COLLEGE])).status).toBe(401);
  expect((await call("GET", "/api/desk/checks", keys[COLLEGE])).status).toBe(401);
  expect(await call("GET", "/api/desk/lists")).toEqual({ status: 200, body: {} });
  expect(await call("GET", "/api/desk/checks")).toEqual({ status: 200, body: [] });
});

test("a file without a 学号 header is refused with the engine's Chinese reason (422); a wrong type 415", async () => {
  expect(await putList("roster", "甲,乙\r\n1,2", "花名册.csv")).toEqual({
    status: 422,
    body: { status: 422, message: "学籍名单的前10行中找不到表头（学号、身份证号等）。" },
  });
  expect((await putList("roster", rosterCsv, "花名册.txt")).status).toBe(415);
  expect(await call("GET", "/api/desk/lists")).toEqual({ status: 200, body: {} });
});

test("roster and captured lists uploaded, both colleges' latest rows checked: exactly the two problems", async () => {
  const sentA = await upload(server.url, await listXlsx([a0, a1], COLLEGE), { key: keys[COLLEGE] });
  const sentB = await upload(server.url, await listXlsx([b0, x], OTHER_COLLEGE), {
    key: keys[OTHER_COLLEGE],
    college: OTHER_COLLEGE,
  });
  expect([sentA.status, sentB.status]).toEqual([202, 202]);

  const roster = await putList("roster", rosterCsv, "花名册.csv");
  expect(roster.status).toBe(200);
  expect(roster.body).toMatchObject({ by: "赵老师", students: 3, fileName: "花名册.csv" });
  const captured = await putList("captured", capturedCsv, "已采集.csv");
  expect(captured.body).toMatchObject({ by: "赵老师", students: 1, fileName: "已采集.csv" });

  const lists = await call("GET", "/api/desk/lists");
  expect(lists).toEqual({
    status: 200,
    body: {
      roster: { uploadedAt: roster.body.uploadedAt, by: "赵老师", students: 3, fileName: "花名册.csv" },
      captured: { uploadedAt: captured.body.uploadedAt, by: "赵老师", students: 1, fileName: "已采集.csv" },
    },
  });
  // Stored as files, readable by the server only.
  const stat = await fs.stat(path.join(dataDir, "desk", "roster.list"));
  expect(stat.mode & 0o777).toBe(0o600);

  const expected = [
    {
      college: COLLEGE,
      row: 3,
      studentNo: a1.studentNo,
      name: a1.name,
      code: "captured.already",
      severity: "error",
      message: "该学生（按学号）已参加过图像信息采集，请勿重复采集，以免学信网数据冲突。",
    },
    {
      college: OTHER_COLLEGE,
      row: 3,
      studentNo: x.studentNo,
      name: x.name,
      code: "roster.unknown",
      severity: "error",
      message: `学号“${x.studentNo}”不在学籍名单中，请核对学号。`,
    },
  ];
  // In the campaign's college order.
  const order = DEFAULT_CAMPAIGN.colleges.map((c) => c.name);
  expected.sort((p, q) => order.indexOf(p.college) - order.indexOf(q.college));
  expect(await call("GET", "/api/desk/checks")).toEqual({ status: 200, body: expected });

  // Removing the captured list leaves only the roster's finding.
  expect(await call("DELETE", "/api/desk/captured")).toEqual({ status: 204, body: undefined });
  expect((await call("DELETE", "/api/desk/captured")).status).toBe(404);
  expect(await call("GET", "/api/desk/checks")).toEqual({
    status: 200,
    body: expected.filter((p) => p.code === "roster.unknown"),
  });
  expect(((await call("GET", "/api/desk/lists")).body as Json).captured).toBeUndefined();

  // Every change is in the audit log, newest first, with who and from where.
  const audit = (await call("GET", "/api/desk/audit?limit=3")).body as Json[];
  expect(audit.map((e) => [e.code, e.who, e.target])).toEqual([
    ["captured.delete", "赵老师（127.0.0.1）", ""],
    ["captured.upload", "赵老师（127.0.0.1）", "已采集.csv，1 人"],
    ["roster.upload", "赵老师（127.0.0.1）", "花名册.csv，3 人"],
  ]);
  expect(audit.map((e) => e.action)).toEqual(["删除已采集名单", "上传已采集名单", "上传全校学籍名单"]);
});
