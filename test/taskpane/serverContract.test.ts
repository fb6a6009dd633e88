import { promises as fs } from "node:fs";
import path from "node:path";
import { buildSubmission, ListChecker, parseCampaign, type CellValue } from "../../src/domain";
import { writeSubmission } from "../../src/files/writeWorkbook";
import type { RunningServer } from "../../src/server/app";
import { fetchCampaign } from "../../src/taskpane/campaignClient";
import { getServerProfile, putServerProfile } from "../../src/taskpane/profileClient";
import { placeRefusal } from "../../src/taskpane/refusalRows";
import { postSubmission } from "../../src/taskpane/sendClient";
import {
  COLLEGE,
  HEADERS,
  makeKeys,
  removeDir,
  startTestServer,
  tempDir,
  validRows,
} from "../server/helpers";

/**
 * The pane's clients against the real host server on loopback: the served campaign parsed as the pane
 * parses it, the profile read and written, and the case end to end — the secretary's new name
 * is on the server, the list still carries the old one on its off-site rows, the server refuses those
 * rows and the pane places its problems at the list's rows (not the submission file's).
 */

const CAMPAIGN_2027 = {
  cohort: "2027年毕业研究生",
  listTitle: "2027届毕业研究生图像采集名单",
  feePerPerson: 15,
  submitDeadline: "2026-10-30T11:00:00+08:00",
  captureDate: "2026-11-03T09:00:00+08:00",
  gradBatches: ["2027年6月", "2027年12月"],
};
const SUBMIT_TO = "grad-desk@lzu.edu.cn";
const ADDRESS = "兰州市城关区天水南路222号 信息楼 101";
const OLD = { mailAddress: ADDRESS, recipient: "旧秘书", recipientPhone: "13900000000" };

let dir: string;
let server: RunningServer;
let key: string;

beforeAll(async () => {
  dir = tempDir("capture-pane-contract-");
  ({ key } = await makeKeys(dir));
  const campaignFile = path.join(dir, "campaign.json");
  await fs.writeFile(campaignFile, JSON.stringify(CAMPAIGN_2027));
  ({ server } = await startTestServer(path.join(dir, "data"), path.join(dir, "keys.json"), {
    CAMPAIGN: campaignFile,
    SUBMIT_TO,
    RATE_LIMIT: "1000",
    AUTH_FAILURE_LIMIT: "1000",
  }));
});

afterAll(async () => {
  await server?.close();
  if (dir) removeDir(dir);
});

const target = () => ({ serverUrl: server.url, accessKey: key, college: COLLEGE });

/**
 * The list as the secretary edits it: a title on row 1, the header on row 2, ten students on rows 3–12.
 * Row 4 has a wrong 性别 (skipped when sending); rows 8–10 are 异地采集, mailed to the old secretary.
 */
function listGrid(): CellValue[][] {
  const students = validRows(10, 7);
  const rows: CellValue[][] = [["2027届毕业研究生图像采集名单"], HEADERS];
  students.forEach((s, i) => {
    const row = i + 3;
    const offsite = row >= 8 && row <= 10;
    rows.push([
      String(i + 1),
      COLLEGE,
      s.name,
      row === 4 ? "未知" : s.gender,
      s.studentNo,
      s.idNumber,
      "硕士研究生",
      "2027年6月",
      offsite ? "异地采集" : "现场采集",
      offsite ? "新华社北京分社" : "",
      offsite ? OLD.mailAddress : "",
      offsite ? OLD.recipient : "",
      offsite ? OLD.recipientPhone : "",
      "",
    ]);
  });
  return rows;
}

describe("the pane's clients and the host server", () => {
  test("campaign, profile and a refusal placed at the list's rows", async () => {
    const found = await fetchCampaign(fetch, server.url);
    if (!found.ok) throw new Error(found.message);
    expect(found.served.campaign.cohort).toBe("2027年毕业研究生");
    expect(found.served.campaign.feePerPerson).toBe(15);
    expect(found.served.submitTo).toBe(SUBMIT_TO);
    expect(found.served.version).toMatch(/^[0-9a-f]{16}$/);
    const campaign = found.served.campaign;
    expect(campaign.gradBatches).toEqual(parseCampaign(CAMPAIGN_2027).gradBatches);

    // Nothing stored yet; then the new secretary's profile, trimmed and checked by the server.
    expect(await getServerProfile(fetch, target())).toEqual({
      ok: true,
      profile: null,
      updatedAt: undefined,
    });
    const saved = await putServerProfile(fetch, target(), {
      college: COLLEGE,
      secretaryName: "新秘书",
      mobile: OLD.recipientPhone,
      email: "xin.mishu@lzu.edu.cn",
      mailAddress: ADDRESS,
    });
    expect(saved).toMatchObject({
      ok: true,
      profile: {
        college: COLLEGE,
        secretaryName: "新秘书",
        mobile: OLD.recipientPhone,
        email: "xin.mishu@lzu.edu.cn",
        mailAddress: ADDRESS,
      },
    });
    const bad = await putServerProfile(fetch, target(), {
      college: COLLEGE,
      secretaryName: "新秘书",
      mobile: "12345",
      email: "xin.mishu@lzu.edu.cn",
      mailAddress: ADDRESS,
    });
    expect(bad).toEqual({ ok: false, message: "学院资料有误：手机号应为 11 位数字，以 1 开头" });
    expect(await getServerProfile(fetch, { ...target(), accessKey: "wrong-key" })).toEqual({
      ok: false,
      message: "访问密钥不对：请在“设置”中核对本学院的访问密钥",
    });

    expect(await getServerProfile(fetch, { ...target(), college: "天文学院" })).toEqual({
      ok: false,
      message: "服务器不保存“天文学院”的学院资料：没有这个学院：学院名称不在本次采集的学院名单中",
    });

    // The pane still checks with the old secretary: only row 4 is wrong locally.
    const checker = new ListChecker({ campaign, college: COLLEGE, profile: OLD });
    checker.load({ rows: listGrid() });
    expect([
      ...new Set(
        checker
          .problems()
          .filter((p) => p.severity === "error")
          .map((p) => p.row),
      ),
    ]).toEqual([4]);
    const built = buildSubmission(checker, { skipInvalid: true });
    if (!built.ok) throw new Error(built.reason);
    expect(built.sourceRows).toEqual([3, 5, 6, 7, 8, 9, 10, 11, 12]);
    const bytes = await writeSubmission(built.sheet);

    const send = (campaignVersion: string) =>
      postSubmission(fetch, {
        serverUrl: server.url,
        accessKey: key,
        fileName: built.sheet.fileName,
        bytes,
        college: COLLEGE,
        senderName: "新秘书",
        senderEmail: "xin.mishu@lzu.edu.cn",
        campaignVersion,
      });
    const refused = await send(found.served.version);
    if (refused.kind !== "refused") throw new Error(`expected a 422, got ${refused.kind}`);
    expect(refused.campaignChanged).toBe(false);
    // The server names the file's rows 6–8 (row 4 was left out); the pane, the list's rows 8–10.
    expect([...new Set(refused.problems.map((p) => p.row))]).toEqual([6, 7, 8]);
    const placed = placeRefusal({ ...refused, listRows: built.sourceRows });
    expect(placed.unplaced).toEqual([]);
    expect(placed.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [8, "recipient", "offsite.recipient"],
      [9, "recipient", "offsite.recipient"],
      [10, "recipient", "offsite.recipient"],
    ]);
    expect(placed.summary).toMatchObject({ rows: 9, errors: 3 });

    // Checked with an older campaign: the server says so.
    const stale = await send("0000000000000000");
    expect(stale.kind === "refused" && stale.campaignChanged).toBe(true);
  });
});
