import { promises as fs } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type Socket } from "node:net";
import path from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../../../src/cli/run";
import { fetchCampaign, fetchProfile } from "../../../src/cli/serverClient";
import { UnusableInputError } from "../../../src/cli/io";
import type { RunningServer } from "../../../src/server/app";
import { fakeIO, json } from "../helpers";
import {
  COLLEGE,
  listXlsx,
  makeKeys,
  readXlsxRows,
  removeDir,
  startTestServer,
  tempDir,
  validRows,
} from "../../server/helpers";

/**
 * `check`, `fill` and `build` with `--server URL [--key KEY]`: the campaign the graduate school's server
 * runs with (a real server, started in-process, with a 2027 campaign) and the college's stored profile.
 */

const NEW_COLLEGE = "人工智能学院";
const CAMPAIGN_2027 = {
  cohort: "2027年毕业研究生",
  listTitle: "2027届毕业研究生图像采集名单",
  submitTo: "grad@lzu.edu.cn",
  feePerPerson: 15,
  captureDate: "2026-11-03T09:00:00+08:00",
  gradBatches: ["2027年6月", "2027年12月"],
  colleges: [{ name: NEW_COLLEGE, captureSlot: "11月3日 9:40–10:00" }],
};
const PROFILE = {
  secretaryName: "新秘书",
  mobile: "13809310000",
  email: "xin.mishu@lzu.edu.cn",
  mailAddress: "兰州市城关区天水南路222号 信息楼 101",
};

let dir: string;
let server: RunningServer;
let url: string;
let key: string;
let otherKey: string;
/** The campaign version the server announces (GET /api/campaign). */
let version: string;

/** 4 students of the 2027 campaign; the first two are 异地采集 with the mailing cells left empty. */
async function writeList(name: string): Promise<void> {
  const bytes = await listXlsx(validRows(4, 31), COLLEGE, (data) =>
    data.forEach((r, i) => {
      r[7] = "2027年6月";
      if (i < 2) {
        r[8] = "异地采集";
        r[9] = "新华社北京分社";
      }
    }),
  );
  await fs.writeFile(path.join(dir, name), bytes);
}

async function cli(...argv: string[]) {
  const io = fakeIO(dir);
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

beforeAll(async () => {
  dir = tempDir("capture-cli-server-");
  ({ key, otherKey } = await makeKeys(dir));
  await fs.writeFile(path.join(dir, "campaign.json"), JSON.stringify(CAMPAIGN_2027));
  ({ server } = await startTestServer(path.join(dir, "data"), path.join(dir, "keys.json"), {
    CAMPAIGN: path.join(dir, "campaign.json"),
    RATE_LIMIT: "1000",
    AUTH_FAILURE_LIMIT: "1000",
  }));
  url = server.url;
  version = ((await (await fetch(`${url}/api/campaign`)).json()) as { version: string }).version;
  await writeList("list.xlsx");
});

afterAll(async () => {
  await server.close();
  removeDir(dir);
});

async function putProfile(profile: typeof PROFILE): Promise<number> {
  const res = await fetch(`${url}/api/colleges/${encodeURIComponent(COLLEGE)}/profile`, {
    method: "PUT",
    headers: { "X-Access-Key": key, "Content-Type": "application/json" },
    body: JSON.stringify(profile),
  });
  return res.status;
}

const served = () =>
  `活动配置：服务器 ${new URL(url).origin} 正在使用的研究生院的活动配置“2027年毕业研究生”（版本 ${version}）`;

describe("the served campaign", () => {
  test("check --server: the server's year, fee and batches, and the report says whose campaign it is", async () => {
    const r = await cli("check", "list.xlsx", "--server", url, "--college", COLLEGE);
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
    const lines = r.out.split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "名单：list.xlsx（工作表“名单”，表头在第1行）",
      served(),
      "共 4 行：错误 6 个，警告 0 个；没有错误、可以提交的 2 行。",
      "培养层次：博士研究生 2，硕士研究生 2",
      "采集方式：异地采集 2，现场采集 2",
      "毕业时间：2027年6月 4",
      "采集费：4 人 × 15 元 = 60 元",
    ]);
    // The built-in campaign knows no 2027 batch: the same list checked without the server.
    const local = await cli("check", "list.xlsx", "--college", COLLEGE, "--format", "json");
    expect(
      json(local.out)
        .problems.filter((p) => p.column === "gradDate")
        .map((p) => p.row),
    ).toEqual([2, 3, 4, 5]);
  });

  test("a college the graduate school added is known with --server only", async () => {
    const added = await cli(
      "check",
      "list.xlsx",
      "--server",
      url,
      "--college",
      NEW_COLLEGE,
      "--format",
      "json",
    );
    expect(added.err).toBe("");
    // Every row is of another college than the one checked.
    expect(
      json(added.out)
        .problems.filter((p) => p.column === "college")
        .map((p) => p.row),
    ).toEqual([2, 3, 4, 5]);
    const local = await cli("check", "list.xlsx", "--college", NEW_COLLEGE);
    expect(local).toEqual({
      code: 2,
      out: "",
      err: `不认识的学院“${NEW_COLLEGE}”，请写学院全称 (unknown college "${NEW_COLLEGE}")\n`,
    });
  });

  test("--server and --config together, --key without --server or without --college: usage errors", async () => {
    const both = await cli("check", "list.xlsx", "--server", url, "--config", "campaign.json");
    expect(both).toEqual({
      code: 2,
      out: "",
      err: "--config 和 --server 只能用一个：用本机的配置文件，或用服务器上的活动配置 (--config and --server exclude each other)\n",
    });
    const keyOnly = await cli("fill", "list.xlsx", "--key", key, "--college", COLLEGE, "-o", "out.xlsx");
    expect(keyOnly.code).toBe(2);
    expect(keyOnly.err).toBe(
      "--key 要和 --server 一起用（读取服务器上保存的学院资料） (--key needs --server)\n",
    );
    const noCollege = await cli("build", "list.xlsx", "--server", url, "--key", key, "-o", "out.xlsx");
    expect(noCollege.code).toBe(2);
    expect(noCollege.err).toBe(
      "--key 需要 --college 学院：服务器上的秘书资料按学院保存 (--key needs --college)\n",
    );
    await expect(fs.access(path.join(dir, "out.xlsx"))).rejects.toThrow();
  });

  test("an unknown college, a wrong key, another college's key: exit 2 with one line", async () => {
    const unknown = await cli("check", "list.xlsx", "--server", url, "--college", "魔法学院");
    expect(unknown.err).toBe(`不认识的学院“魔法学院”，请写学院全称 (unknown college "魔法学院")\n`);
    const wrong = await cli("check", "list.xlsx", "--server", url, "--key", "nope", "--college", COLLEGE);
    expect(wrong).toEqual({
      code: 2,
      out: "",
      err: "访问密钥不对：请核对本学院的访问密钥（密钥与所选学院不符也会被拒绝） (wrong access key)\n",
    });
    const other = await cli("check", "list.xlsx", "--server", url, "--key", otherKey, "--college", COLLEGE);
    expect(other.code).toBe(2);
    expect(other.err).toBe(wrong.err);
  });
});

test("template --server: the drop-down lists and title of the served campaign", async () => {
  const r = await cli("template", "-o", "blank.xlsx", "--server", url);
  expect(r).toEqual({ code: 0, out: "已生成空白模板：blank.xlsx\n", err: "" });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fs.readFile(path.join(dir, "blank.xlsx"))) as unknown as ExcelJS.Buffer);
  const sheet = wb.worksheets[0];
  expect(sheet.getCell(1, 1).value).toBe("2027年毕业研究生图像信息采集名单");
  // Every list the template offers (inline formulae and the hidden list sheet), as text.
  const model = (sheet as unknown as { dataValidations: { model: unknown } }).dataValidations.model;
  const helper = wb.worksheets.slice(1).map((w) => w.getSheetValues());
  const offered = JSON.stringify([model, helper]);
  expect(offered).toContain("2027年6月");
  expect(offered).toContain("2027年12月");
  expect(offered).not.toContain("2018年6月");
});

describe("the college's profile stored on the server", () => {
  test("with no profile stored yet: the campaign's mailing details, and fill says where to save one", async () => {
    const r = await cli(
      "fill",
      "list.xlsx",
      "--server",
      url,
      "--key",
      key,
      "--college",
      COLLEGE,
      "-o",
      "none.xlsx",
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
    expect(r.out.split("\n")).toEqual([
      `${served()}；服务器上还没有${COLLEGE}的秘书资料，邮寄信息按活动配置核对`,
      "已为 2 行“异地采集/补拍”的学生填写邮寄信息（2 个单元格），写入 none.xlsx",
      "提示：服务器上还没有本学院的秘书姓名或手机号，请在任务窗格的“设置”中保存学院资料后再填一次。",
      "填写后名单仍有 4 个错误，请用 check 查看。",
      "",
    ]);
  });

  test("fill --server --key: the stored profile fills the off-site rows, and the filled list checks clean", async () => {
    expect(await putProfile(PROFILE)).toBe(200);
    const r = await cli(
      "fill",
      "list.xlsx",
      "--server",
      url,
      "--key",
      key,
      "--college",
      COLLEGE,
      "-o",
      "filled.xlsx",
    );
    expect(r.err).toBe("");
    expect(r.out.split("\n")).toEqual([
      `${served()}；邮寄信息用服务器上保存的${COLLEGE}秘书资料（新秘书）`,
      "已为 2 行“异地采集/补拍”的学生填写邮寄信息（6 个单元格），写入 filled.xlsx",
      "",
    ]);
    expect(r.code).toBe(0);
    const rows = await readXlsxRows(await fs.readFile(path.join(dir, "filled.xlsx")));
    expect(rows.slice(1).map((row) => row.slice(10, 13))).toEqual([
      [PROFILE.mailAddress, "新秘书", "13809310000"],
      [PROFILE.mailAddress, "新秘书", "13809310000"],
      ["", "", ""],
      ["", "", ""],
    ]);
    const again = await cli(
      "check",
      "filled.xlsx",
      "--server",
      url,
      "--key",
      key,
      "--college",
      COLLEGE,
      "--format",
      "json",
    );
    expect(json(again.out).summary).toEqual({ rows: 4, errors: 0, warnings: 0 });
    expect(again.code).toBe(0);
    // Without the key the campaign's own address stands: the stored one is wrong there (the campaign
    // names no secretary, so any recipient passes).
    const noKey = await cli(
      "check",
      "filled.xlsx",
      "--server",
      url,
      "--college",
      COLLEGE,
      "--format",
      "json",
    );
    expect(json(noKey.out).problems.map((p) => `${p.row}:${p.code}`)).toEqual([
      "2:offsite.address",
      "3:offsite.address",
    ]);
  });

  test("build --server --key: the submission of the server's campaign, accepted by the server as it is", async () => {
    const r = await cli(
      "build",
      "filled.xlsx",
      "--server",
      url,
      "--key",
      key,
      "--college",
      COLLEGE,
      "-o",
      "submit.xlsx",
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out.split("\n")).toEqual([
      `${served()}；邮寄信息用服务器上保存的${COLLEGE}秘书资料（新秘书）`,
      `已生成提交名单 submit.xlsx：${COLLEGE} 4 人，采集费 60 元。建议的文件名：10730兰州大学_${COLLEGE}_2027届毕业研究生图像采集名单_4人.xlsx`,
      "",
    ]);
    const sent = await cli("send", "submit.xlsx", "--server", url, "--key", key, "--college", COLLEGE);
    expect(sent.err).toBe("");
    expect(sent.code).toBe(0);
    expect(sent.out).toContain("4 人，采集费 60 元，收件人 grad@lzu.edu.cn");
  });
});

describe("a server that is not one, or does not answer", () => {
  let fake: Server;
  let fakeUrl: string;
  let answer: { status: number; body: string } = { status: 200, body: "" };

  beforeAll(async () => {
    fake = createHttpServer((_req, res) => {
      res.writeHead(answer.status, { "Content-Type": "application/json" });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
    fakeUrl = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => fake.close(() => resolve())));

  async function campaignError(status: number, body: string): Promise<string> {
    answer = { status, body };
    const r = await cli("check", "list.xlsx", "--server", fakeUrl);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    return r.err;
  }

  test("garbage, a wrong document, a refusal: one Chinese line each", async () => {
    const notOurs = `服务器 ${fakeUrl} 的回答看不懂（没有活动配置）：地址是研究生院的名单助手服务器吗？ (unexpected answer from the server)\n`;
    expect(await campaignError(200, "<html>欢迎</html>")).toBe(notOurs);
    expect(await campaignError(200, JSON.stringify({ campaign: [] }))).toBe(notOurs);
    expect(await campaignError(404, "Not Found")).toBe(notOurs);
    const wrong = {
      campaign: { feePerPerson: "15" },
      version: "v",
      source: "file",
      loadedAt: "t",
      submitTo: "a@b.cn",
    };
    expect(await campaignError(200, JSON.stringify(wrong))).toBe(
      `服务器 ${fakeUrl} 给出的活动配置有误：配置项 feePerPerson 类型不对（应为 number） (the server's campaign is invalid)\n`,
    );
    expect(await campaignError(404, JSON.stringify({ status: 404, message: "没有这个接口" }))).toBe(
      `服务器 ${fakeUrl} 不提供活动配置（没有这个接口）：它可能是旧版本的名单助手服务器，请改用 --config 配置文件 (the server has no /api/campaign)\n`,
    );
    expect(await campaignError(503, JSON.stringify({ status: 503, message: "服务器正在维护" }))).toBe(
      `服务器 ${fakeUrl} 没有给出活动配置：服务器正在维护 (GET /api/campaign answered 503)\n`,
    );
    answer = { status: 200, body: JSON.stringify({ college: COLLEGE }) };
    await expect(fetchProfile(fakeUrl, "k", COLLEGE)).rejects.toEqual(
      new UnusableInputError(
        `服务器 ${fakeUrl} 的回答看不懂（没有学院资料）：地址是研究生院的名单助手服务器吗？`,
        "unexpected answer from the server",
      ),
    );
  });

  test("nothing listening, or not an http address: exit 2", async () => {
    const down = await cli("check", "list.xlsx", "--server", "http://127.0.0.1:9");
    expect(down.err).toBe("无法连接服务器 http://127.0.0.1:9：请检查地址和网络 (server unreachable)\n");
    const ftp = await cli("check", "list.xlsx", "--server", "ftp://example.edu.cn");
    expect(ftp.err).toBe(
      "服务器地址不对：ftp://example.edu.cn（应以 http:// 或 https:// 开头） (bad --server URL)\n",
    );
  });

  test("a server that takes the connection and never answers is given up after the time limit", async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      // The server never answers, so the outcome cannot depend on how long the limit is.
      await expect(fetchCampaign(silentUrl, 1)).rejects.toEqual(
        new UnusableInputError(
          `服务器 ${silentUrl} 在 1 秒内没有回答，请稍后再试或联系研究生院`,
          "server timed out",
        ),
      );
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test("a server behind a path prefix on the proxy: the prefix is kept", async () => {
    let seen = "";
    const prefixed = createHttpServer((req, res) => {
      seen = req.url ?? "";
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => prefixed.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(prefixed.address() as { port: number }).port}/capture`;
    try {
      await expect(fetchCampaign(base)).rejects.toBeInstanceOf(UnusableInputError);
      expect(seen).toBe("/capture/api/campaign");
    } finally {
      await new Promise<void>((resolve) => prefixed.close(() => resolve()));
    }
  });
});
