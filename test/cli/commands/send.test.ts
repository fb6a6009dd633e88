import { promises as fs } from "node:fs";
import path from "node:path";
import { sendCommand } from "../../../src/cli/commands/send";
import { fakeIO as io } from "../helpers";
import type { RunningServer } from "../../../src/server/app";
import {
  COLLEGE,
  listXlsx,
  makeKeys,
  removeDir,
  startTestServer,
  tempDir,
  validRows,
} from "../../server/helpers";

let dir: string;
let server: RunningServer;
let key: string;
const sender = { senderName: "张秘书", senderEmail: "secretary@example.edu.cn" };

beforeAll(async () => {
  dir = tempDir("capture-send-");
  const keys = await makeKeys(dir);
  key = keys.key;
  ({ server } = await startTestServer(path.join(dir, "data"), keys.keysFile, { RATE_LIMIT: "100" }));
  await fs.writeFile(path.join(dir, "good.xlsx"), await listXlsx(validRows(7, 21)));
  const bad = validRows(3, 22).map((r, i) =>
    i === 0 ? { ...r, gender: r.gender === "男" ? ("女" as const) : ("男" as const) } : r,
  );
  await fs.writeFile(path.join(dir, "bad.xlsx"), await listXlsx(bad));
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

test("an accepted list: exit 0, the id, and with --wait the outbox outcome", async () => {
  const r = io(dir);
  const code = await sendCommand(
    { file: "good.xlsx", server: server.url, key, college: COLLEGE, ...sender, wait: true },
    r,
  );
  expect(code).toBe(0);
  expect(r.out).toMatch(/已受理：提交编号 [a-f0-9]{24}，7 人，采集费 91 元，收件人 pyk@lzu\.edu\.cn/);
  expect(r.out).toMatch(/状态：已保存到服务器发件箱/);
  const again = io(dir);
  expect(
    await sendCommand({ file: "good.xlsx", server: server.url, key, college: COLLEGE, ...sender }, again),
  ).toBe(0);
  expect(again.out).toContain("没有重复发送");
});

test("a list with errors: exit 1 and the problems listed", async () => {
  const r = io(dir);
  expect(
    await sendCommand({ file: "bad.xlsx", server: server.url, key, college: COLLEGE, ...sender }, r),
  ).toBe(1);
  expect(r.out).toMatch(/服务器拒收/);
  expect(r.out).toMatch(/第 2 行 \[性别\]/);
});

test("a wrong key, a missing file or an unreachable server: exit 2 with one Chinese+English line", async () => {
  const wrong = io(dir);
  expect(
    await sendCommand(
      { file: "good.xlsx", server: server.url, key: "nope", college: COLLEGE, ...sender },
      wrong,
    ),
  ).toBe(2);
  expect(wrong.err).toMatch(/访问密钥不对.*\(wrong access key\)\n$/);
  // The server's message states the fact; the CLI does not say it a second time in front of it.
  expect(wrong.err.match(/访问密钥不对/g)).toHaveLength(1);
  const missing = io(dir);
  expect(
    await sendCommand({ file: "none.xlsx", server: server.url, key, college: COLLEGE, ...sender }, missing),
  ).toBe(2);
  expect(missing.err).toMatch(/无法读取文件/);
  const down = io(dir);
  expect(
    await sendCommand(
      { file: "good.xlsx", server: "http://127.0.0.1:9", key, college: COLLEGE, ...sender },
      down,
    ),
  ).toBe(2);
  expect(down.err).toMatch(/无法连接服务器/);
  const noSender = io(dir);
  expect(await sendCommand({ file: "good.xlsx", server: server.url, key, college: COLLEGE }, noSender)).toBe(
    2,
  );
  for (const r of [wrong, missing, down, noSender]) expect(r.err.trim().split("\n")).toHaveLength(1);
});

test("without --sender-*: the sender is the profile the college saved on the server", async () => {
  // Nothing saved yet: refused before anything is uploaded, saying where to save it.
  const none = io(dir);
  expect(await sendCommand({ file: "good.xlsx", server: server.url, key, college: COLLEGE }, none)).toBe(2);
  expect(none.err).toBe(
    `服务器上还没有${COLLEGE}的研究生秘书资料：请先在任务窗格的“设置”中保存，或用 --sender-name 和 --sender-email 给出姓名和邮箱 (no stored profile; give --sender-name and --sender-email)\n`,
  );
  expect(none.out).toBe("");

  const put = await fetch(`${server.url}/api/colleges/${encodeURIComponent(COLLEGE)}/profile`, {
    method: "PUT",
    headers: { "X-Access-Key": key, "Content-Type": "application/json" },
    body: JSON.stringify({
      secretaryName: "新秘书",
      mobile: "13809310000",
      email: "xin.mishu@lzu.edu.cn",
      mailAddress: "兰州市城关区天水南路222号 信息楼 101",
    }),
  });
  expect(put.status).toBe(200);
  await fs.writeFile(path.join(dir, "other.xlsx"), await listXlsx(validRows(5, 23)));
  const r = io(dir);
  expect(await sendCommand({ file: "other.xlsx", server: server.url, key, college: COLLEGE }, r)).toBe(0);
  expect(r.err).toBe("");
  const lines = r.out.split("\n");
  expect(lines[0]).toBe("联系人：新秘书 <xin.mishu@lzu.edu.cn>（服务器上保存的学院资料）");
  const id = /提交编号 ([a-f0-9]{24})/.exec(lines[1])?.[1] ?? "";
  const state = await server.outbox.readMeta(id);
  expect([state.senderName, state.senderEmail, state.senderPhone]).toEqual([
    "新秘书",
    "xin.mishu@lzu.edu.cn",
    "13809310000",
  ]);

  // A typed name wins; the e-mail still comes from the profile, the profile's mobile does not go with it.
  await fs.writeFile(path.join(dir, "third.xlsx"), await listXlsx(validRows(2, 24)));
  const typed = io(dir);
  expect(
    await sendCommand(
      { file: "third.xlsx", server: server.url, key, college: COLLEGE, senderName: "代班秘书" },
      typed,
    ),
  ).toBe(0);
  const typedId = /提交编号 ([a-f0-9]{24})/.exec(typed.out)?.[1] ?? "";
  const typedState = await server.outbox.readMeta(typedId);
  expect([typedState.senderName, typedState.senderEmail, typedState.senderPhone]).toEqual([
    "代班秘书",
    "xin.mishu@lzu.edu.cn",
    undefined,
  ]);
});

test("the profile is read with the key: a wrong key is refused before the upload", async () => {
  const r = io(dir);
  expect(await sendCommand({ file: "good.xlsx", server: server.url, key: "nope", college: COLLEGE }, r)).toBe(
    2,
  );
  expect(r.err).toBe(
    "访问密钥不对：请核对本学院的访问密钥（密钥与所选学院不符也会被拒绝） (wrong access key)\n",
  );
  const unknown = io(dir);
  expect(
    await sendCommand({ file: "good.xlsx", server: server.url, key, college: "魔法学院" }, unknown),
  ).toBe(2);
  expect(unknown.err).toBe("没有这个学院：学院名称不在本次采集的学院名单中 (GET profile answered 404)\n");
});
