import path from "node:path";
import { DEFAULT_CAMPAIGN } from "../../src/domain";
import { createDeskApi, type DeskFetch } from "../../src/desk/deskApi";
import { createAccessKey, deskEntry } from "../../src/server/accessKeys";
import type { RunningServer } from "../../src/server/app";
import {
  COLLEGE,
  OTHER_COLLEGE,
  TestSmtp,
  listXlsx,
  removeDir,
  settleOutbox,
  startTestServer,
  tempDir,
  upload,
  validRows,
  type TestRow,
} from "./helpers";

/**
 * The desk page's own client (src/desk/deskApi.ts, which checks every answer field by field) against the
 * real server: each answer of the desk API is one the page can read.
 */

let dir: string;
let smtp: TestSmtp;
let server: RunningServer;
const keys: Record<string, string> = {};
let deskKey = "";
const fetchImpl = fetch as unknown as DeskFetch;

const first = validRows(3, 61);
const second = [first[0], { ...first[1], name: "王改名" }, ...validRows(1, 62)];
const other = [first[1]];
let secondId = "";

beforeAll(async () => {
  dir = tempDir("capture-desk-contract-");
  const keysFile = path.join(dir, "keys.json");
  for (const c of [COLLEGE, OTHER_COLLEGE]) keys[c] = await createAccessKey(keysFile, c);
  deskKey = await createAccessKey(keysFile, deskEntry("研究生院"));
  smtp = new TestSmtp();
  await smtp.start();
  ({ server } = await startTestServer(path.join(dir, "data"), keysFile, { SMTP_URL: smtp.url }));
  const send = async (rows: TestRow[], college: string) => {
    const res = await upload(server.url, await listXlsx(rows, college), { key: keys[college], college });
    expect(res.status).toBe(202);
    await settleOutbox(server);
    return String(res.body.id);
  };
  await send(first, COLLEGE);
  secondId = await send(second, COLLEGE);
  await send(other, OTHER_COLLEGE);
});

afterAll(async () => {
  await server.close();
  await smtp.stop();
  removeDir(dir);
});

test("the page reads the campaign, the table, the history and the duplicates", async () => {
  const api = createDeskApi({ fetchImpl, accessKey: deskKey, baseUrl: server.url });
  const campaign = await api.campaign();
  expect(campaign).toEqual({
    ok: true,
    value: {
      submitDeadline: DEFAULT_CAMPAIGN.submitDeadline,
      cohort: DEFAULT_CAMPAIGN.cohort,
      school: "兰州大学",
    },
  });

  const colleges = await api.colleges();
  if (!colleges.ok) throw new Error(colleges.message);
  expect(colleges.value).toHaveLength(DEFAULT_CAMPAIGN.colleges.length);
  expect(colleges.value.find((c) => c.college === COLLEGE)).toEqual({
    college: COLLEGE,
    status: "sent",
    students: 3,
    feeDue: 39,
    feePaid: 0,
    submittedAt: (await server.outbox.readMeta(secondId)).createdAt,
    byLevel: { 博士研究生: 1, 硕士研究生: 2 },
    byMode: { 现场采集: 3 },
    byBatch: { "2018年6月": 3 },
    vouchers: 0,
    error: undefined,
  });

  const history = await api.submissions(COLLEGE);
  if (!history.ok) throw new Error(history.message);
  expect(history.value.map((s) => [s.id, s.students, s.status])).toEqual([
    [secondId, 3, "sent"],
    [expect.any(String), 3, "sent"],
  ]);
  const extra = second[2];
  expect(history.value[0].changes).toEqual({
    added: [{ name: extra.name, studentNo: extra.studentNo }],
    removed: [{ name: first[2].name, studentNo: first[2].studentNo }],
    changed: [
      {
        studentNo: first[1].studentNo,
        name: "王改名",
        fields: [{ field: "姓名", before: first[1].name, after: "王改名" }],
      },
    ],
  });

  const duplicates = await api.duplicates();
  if (!duplicates.ok) throw new Error(duplicates.message);
  expect(
    duplicates.value.map((d) => [d.key, d.value, d.colleges, d.rows.map((r) => [r.college, r.row, r.name])]),
  ).toEqual([
    [
      "studentNo",
      first[1].studentNo,
      [OTHER_COLLEGE, COLLEGE],
      [
        [OTHER_COLLEGE, 2, first[1].name],
        [COLLEGE, 3, "王改名"],
      ],
    ],
  ]);
});

test("the page registers a payment, retries, reminds, downloads and reads the audit log", async () => {
  const api = createDeskApi({ fetchImpl, accessKey: deskKey, baseUrl: server.url });
  expect(await api.registerPayment(COLLEGE, { amount: 39, vouchers: 3, by: "赵老师" })).toEqual({
    ok: true,
    value: true,
  });
  expect(await api.retry(COLLEGE)).toEqual({
    ok: false,
    status: 409,
    message: "该学院最近一次提交没有发送失败，无需重新发送",
  });
  const preview = await api.previewReminders();
  const submitted = new Set([COLLEGE, OTHER_COLLEGE]);
  expect(preview).toEqual({
    ok: true,
    value: {
      recipients: [],
      missing: DEFAULT_CAMPAIGN.colleges.map((c) => c.name).filter((c) => !submitted.has(c)),
    },
  });
  expect(await api.sendReminders()).toEqual({ ok: true, value: { queued: 0, alreadyToday: [] } });

  const merged = await api.download("xlsx");
  if (!merged.ok) throw new Error(merged.message);
  expect(merged.value.fileName).toBe("10730兰州大学_2018届毕业研究生图像采集名单_合并名单_4人.xlsx");
  expect(merged.value.blob.size).toBeGreaterThan(1000);
  const own = await api.downloadSubmission(secondId, "x.xlsx");
  if (!own.ok) throw new Error(own.message);
  expect(own.value.fileName).toBe((await server.outbox.readMeta(secondId)).fileName);

  const audit = await api.audit();
  if (!audit.ok) throw new Error(audit.message);
  expect(audit.value.map(({ at: _at, ...e }) => e)).toEqual([
    {
      who: "研究生院（127.0.0.1）",
      action: "下载学院提交的名单",
      target: `${COLLEGE} ${own.value.fileName}`,
    },
    { who: "研究生院（127.0.0.1）", action: "下载合并名单（Excel）", target: "2 个学院，4 人" },
    { who: "研究生院（127.0.0.1）", action: "发送催报邮件", target: "0 个学院" },
  ]);
});

test("a college's key is refused as the page expects (401, the page's own words)", async () => {
  let unauthorized = 0;
  const api = createDeskApi({
    fetchImpl,
    accessKey: keys[COLLEGE],
    baseUrl: server.url,
    onUnauthorized: () => unauthorized++,
  });
  expect(await api.colleges()).toEqual({ ok: false, status: 401, message: "密钥不对" });
  expect(unauthorized).toBe(1);
});
