import { promises as fs } from "node:fs";
import path from "node:path";
import { parseCampaign } from "../../src/domain";
import type { RunningServer } from "../../src/server/app";
import { campaignVersion, publicCampaign } from "../../src/server/campaignSource";
import {
  COLLEGE,
  OTHER_COLLEGE,
  LogCapture,
  TestSmtp,
  listXlsx,
  makeKeys,
  parseMime,
  removeDir,
  startTestServer,
  tempDir,
  untilStatus,
  upload,
  validRows,
  type TestRow,
} from "./helpers";

/** GET /api/campaign, the server-held profiles, and submissions checked and mailed with both. */

const NEW_COLLEGE = "人工智能学院";
const CAMPAIGN_2027 = {
  cohort: "2027年毕业研究生",
  listTitle: "2027届毕业研究生图像采集名单",
  submitTo: "grad@lzu.edu.cn",
  feePerPerson: 15,
  submitDeadline: "2026-10-30T11:00:00+08:00",
  captureDate: "2026-11-03T09:00:00+08:00",
  gradBatches: ["2027年6月", "2027年12月"],
  colleges: [
    { name: COLLEGE, recipient: "旧秘书", recipientPhone: "13900000000", captureSlot: "11月3日 9:00–9:40" },
    { name: NEW_COLLEGE, mailAddress: "兰州市城关区天水南路222号", captureSlot: "11月3日 9:40–10:00" },
  ],
};
const PROFILE = {
  secretaryName: " 新秘书 ",
  mobile: "138-0931-0000",
  email: "xin.mishu@lzu.edu.cn",
  mailAddress: "兰州市城关区天水南路222号 信息楼 101",
};

let dir: string;
let campaignFile: string;
let smtp: TestSmtp;
let server: RunningServer;
let logs: LogCapture;
let key: string;
let otherKey: string;

beforeAll(async () => {
  dir = tempDir();
  ({ key, otherKey } = await makeKeys(dir));
  campaignFile = path.join(dir, "campaign.json");
  await fs.writeFile(campaignFile, JSON.stringify(CAMPAIGN_2027));
  smtp = new TestSmtp();
  await smtp.start();
  ({ server, logs } = await startTestServer(path.join(dir, "data"), path.join(dir, "keys.json"), {
    SMTP_URL: smtp.url,
    CAMPAIGN: campaignFile,
    RATE_LIMIT: "1000",
    AUTH_FAILURE_LIMIT: "1000",
  }));
});

afterAll(async () => {
  await server.close();
  await smtp.stop();
  removeDir(dir);
});

async function api(
  method: string,
  urlPath: string,
  opts: { key?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (opts.key) headers["X-Access-Key"] = opts.key;
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${server.url}${urlPath}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const profilePath = (college: string) => `/api/colleges/${encodeURIComponent(college)}/profile`;

/** Rows of the 2027 campaign: the first `offsite` rows are 异地采集 with the given recipient. */
function rows2027(
  rows: TestRow[],
  offsite: number,
  recipient: { name: string; phone: string; address: string },
) {
  return (data: string[][]) => {
    data.forEach((r, i) => {
      r[7] = "2027年6月";
      if (i < offsite) {
        r[8] = "异地采集";
        r[9] = "新华社北京分社";
        r[10] = recipient.address;
        r[11] = recipient.name;
        r[12] = recipient.phone;
      }
    });
    void rows;
  };
}

function decodedSubject(raw: string): string {
  const top = parseMime(raw);
  return Buffer.concat(
    [...(top.headers.get("subject") ?? "").matchAll(/=\?UTF-8\?B\?([^?]*)\?=/gi)].map((m) =>
      Buffer.from(m[1], "base64"),
    ),
  ).toString("utf8");
}

describe("GET /api/campaign", () => {
  test("serves the graduate school's campaign without any secretary's name or phone", async () => {
    const res = await api("GET", "/api/campaign");
    expect(res.status).toBe(200);
    const expected = parseCampaign(CAMPAIGN_2027);
    expect(res.body.version).toBe(campaignVersion(expected));
    expect(res.body.source).toBe("file");
    expect(res.body.submitTo).toBe("grad@lzu.edu.cn");
    expect(res.body.campaign).toEqual(
      JSON.parse(JSON.stringify(publicCampaign(expected, "grad@lzu.edu.cn"))),
    );
    const served = parseCampaign(res.body.campaign);
    expect(served.cohort).toBe("2027年毕业研究生");
    expect(served.feePerPerson).toBe(15);
    expect(served.colleges.find((c) => c.name === NEW_COLLEGE)?.captureSlot).toBe("11月3日 9:40–10:00");
    expect(served.colleges.every((c) => !c.recipient && !c.recipientPhone)).toBe(true);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain("旧秘书");
    expect(text).not.toContain("13900000000");
  });
});

describe("college profiles on the server", () => {
  test("reading needs that college's key; an unknown college is 404", async () => {
    expect((await api("GET", profilePath(COLLEGE))).status).toBe(401);
    expect((await api("GET", profilePath(COLLEGE), { key: otherKey })).status).toBe(401);
    const unknown = await api("GET", profilePath("不存在学院"), { key });
    expect(unknown).toEqual({
      status: 404,
      body: { status: 404, message: "没有这个学院：学院名称不在本次采集的学院名单中" },
    });
    const empty = await api("GET", profilePath(COLLEGE), { key });
    expect(empty).toEqual({ status: 200, body: { college: COLLEGE, profile: null } });
  });

  test("a wrong field is refused with the pane's own message; nothing is stored", async () => {
    const res = await api("PUT", profilePath(COLLEGE), { key, body: { ...PROFILE, mobile: "12345" } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("学院资料有误：手机号应为 11 位数字，以 1 开头");
    expect(res.body.fields).toEqual({ mobile: "手机号应为 11 位数字，以 1 开头" });
    const notJson = await api("PUT", profilePath(COLLEGE), { key, body: ["x"] });
    expect(notJson.status).toBe(400);
    expect((await api("GET", profilePath(COLLEGE), { key })).body.profile).toBeNull();
    // Another college's key cannot write this college's profile.
    expect((await api("PUT", profilePath(COLLEGE), { key: otherKey, body: PROFILE })).status).toBe(401);
  });

  test("a saved profile is trimmed, stored in the database and read back", async () => {
    const res = await api("PUT", profilePath(COLLEGE), { key, body: PROFILE });
    expect(res.status).toBe(200);
    const stored = {
      college: COLLEGE,
      secretaryName: "新秘书",
      mobile: "13809310000",
      email: "xin.mishu@lzu.edu.cn",
      mailAddress: "兰州市城关区天水南路222号 信息楼 101",
    };
    expect(res.body.profile).toEqual(stored);
    expect(typeof res.body.updatedAt).toBe("string");
    expect((await api("GET", profilePath(COLLEGE), { key })).body).toEqual(res.body);
    const row = server.db
      .prepare("SELECT secretary_name, email, updated_at FROM profiles WHERE college = ?")
      .get(COLLEGE);
    expect(row).toEqual({
      secretary_name: stored.secretaryName,
      email: stored.email,
      updated_at: res.body.updatedAt,
    });
  });
});

describe("submissions checked with the served campaign and the stored profile", () => {
  const newRecipient = {
    name: "新秘书",
    phone: "13809310000",
    address: "兰州市城关区天水南路222号 信息楼 101",
  };

  test("off-site rows naming the old recipient are refused at their rows; a stale campaign version is flagged", async () => {
    const rows = validRows(5, 31);
    const file = await listXlsx(rows, COLLEGE, rows2027(rows, 2, { ...newRecipient, name: "旧秘书" }));
    const res = await upload(server.url, file, { key, extraFields: { campaignVersion: "0123456789abcdef" } });
    expect(res.status).toBe(422);
    expect(res.body.campaignChanged).toBe(true);
    expect(res.body.campaignVersion).toBe(campaignVersion(parseCampaign(CAMPAIGN_2027)));
    const problems = res.body.problems as { row: number; column: string; code: string }[];
    expect(problems.filter((p) => p.code === "offsite.recipient").map((p) => [p.row, p.column])).toEqual([
      [2, "recipient"],
      [3, "recipient"],
    ]);
    const same = await upload(server.url, file, {
      key,
      extraFields: { campaignVersion: String(res.body.campaignVersion) },
    });
    expect(same.status).toBe(422);
    expect(same.body.campaignChanged).toBe(false);
  });

  test("the new recipient is accepted; the mail says 2027 and 15 元 and a copy goes to the stored e-mail", async () => {
    const rows = validRows(5, 32);
    const file = await listXlsx(rows, COLLEGE, rows2027(rows, 2, newRecipient));
    const before = smtp.messages.length;
    const res = await upload(server.url, file, { key });
    expect(res.status).toBe(202);
    expect(res.body.submitTo).toBe("grad@lzu.edu.cn");
    expect(res.body.feeTotal).toBe(75);
    await untilStatus(server, String(res.body.id), ["sent"]);
    const mail = smtp.messages[before];
    expect(mail.to).toEqual(["grad@lzu.edu.cn", "xin.mishu@lzu.edu.cn"]);
    const top = parseMime(mail.raw);
    expect(top.headers.get("to")).toBe("grad@lzu.edu.cn");
    expect(top.headers.get("cc")).toContain("<xin.mishu@lzu.edu.cn>");
    // The form's contact (the helper's 张秘书) is only Reply-To.
    expect(top.headers.get("reply-to")).toContain("<secretary@example.edu.cn>");
    expect(decodedSubject(mail.raw)).toBe(
      `【图像采集名单】10730兰州大学 ${COLLEGE} 2027年毕业研究生图像采集名单（5人，采集费75元）`,
    );
  });

  test("without sender fields the contact comes from the stored profile", async () => {
    const rows = validRows(3, 33);
    const file = await listXlsx(rows, COLLEGE, rows2027(rows, 0, newRecipient));
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(file)]), "名单.xlsx");
    form.append("college", COLLEGE);
    const res = await fetch(`${server.url}/api/submissions`, {
      method: "POST",
      body: form,
      headers: { "X-Access-Key": key },
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string };
    const before = smtp.messages.length;
    await untilStatus(server, body.id, ["sent"]);
    const mail = smtp.messages[before];
    expect(parseMime(mail.raw).headers.get("reply-to")).toContain("<xin.mishu@lzu.edu.cn>");

    // A college without a stored profile must still name its contact.
    const other = await listXlsx(validRows(2, 34), OTHER_COLLEGE, rows2027(rows, 0, newRecipient));
    const form2 = new FormData();
    form2.append("file", new Blob([new Uint8Array(other)]), "名单.xlsx");
    form2.append("college", OTHER_COLLEGE);
    const res2 = await fetch(`${server.url}/api/submissions`, {
      method: "POST",
      body: form2,
      headers: { "X-Access-Key": otherKey },
    });
    expect(res2.status).toBe(400);
    expect(((await res2.json()) as { message: string }).message).toBe(
      "表单有误：请填写联系人（研究生秘书）姓名",
    );
  });
});

describe("the campaign file changes while the server runs", () => {
  test("a list accepted before the change is mailed with the campaign it was checked with", async () => {
    smtp.refuse = true;
    const refusedBefore = smtp.refusals;
    const rows = validRows(4, 35);
    const file = await listXlsx(rows, COLLEGE, rows2027(rows, 0, { name: "", phone: "", address: "" }));
    const res = await upload(server.url, file, { key });
    expect(res.status).toBe(202);
    await smtp.untilRefusals(refusedBefore + 1);
    await fs.writeFile(
      campaignFile,
      JSON.stringify({ ...CAMPAIGN_2027, feePerPerson: 20, cohort: "2028年毕业研究生" }),
    );
    const changed = await api("GET", "/api/campaign");
    expect((changed.body.campaign as { feePerPerson: number }).feePerPerson).toBe(20);
    const before = smtp.messages.length;
    smtp.refuse = false;
    await untilStatus(server, String(res.body.id), ["sent"]);
    expect(decodedSubject(smtp.messages[before].raw)).toBe(
      `【图像采集名单】10730兰州大学 ${COLLEGE} 2027年毕业研究生图像采集名单（4人，采集费60元）`,
    );
  });

  test("a wrong file keeps the last good campaign and the log says why", async () => {
    const good = await api("GET", "/api/campaign");
    await fs.writeFile(campaignFile, JSON.stringify({ feePerPerson: "二十", unknownKey: 1 }));
    const after = await api("GET", "/api/campaign");
    expect(after.body.version).toBe(good.body.version);
    expect((after.body.campaign as { feePerPerson: number }).feePerPerson).toBe(20);
    const line = logs
      .lines()
      .find((l) => l.msg === "the campaign file is wrong: the last good campaign stays in force");
    expect(line?.issues).toEqual(["配置项 feePerPerson 类型不对（应为 number）", "未知的配置项 unknownKey"]);
    // Fixed again: the new campaign is in force at once.
    await fs.writeFile(campaignFile, JSON.stringify({ ...CAMPAIGN_2027, feePerPerson: 16 }));
    expect(((await api("GET", "/api/campaign")).body.campaign as { feePerPerson: number }).feePerPerson).toBe(
      16,
    );
  });
});
