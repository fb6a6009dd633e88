/** @jest-environment jsdom */
import "./polyfills";
import { fireEvent, screen, within } from "@testing-library/react";
import { DEFAULT_CAMPAIGN, parseCampaign, type CampaignInput } from "../../src/domain";
import { memoryPaneStorage } from "../../src/taskpane/storage";
import { FakeHost, PROFILE, readyUpdate, summaryOf } from "./fakeHost";
import { campaignReply, FakeServer, LOADED_AT } from "./fakeServer";
import { dialogClosed, openedDialog, openTab, renderApp, until } from "./harness";

const SERVER = "https://pyk.example.edu.cn";

/** Next year's notice, as the graduate school's CAMPAIGN file would give it. */
const NEXT_YEAR: CampaignInput = {
  cohort: "2027年毕业研究生",
  listTitle: "2027届毕业研究生图像采集名单",
  feePerPerson: 15,
  submitDeadline: "2026-10-30T11:00:00+08:00",
  captureDate: "2026-11-02T09:00:00+08:00",
  captureWindow: {
    start: "2026-11-02T09:00:00+08:00",
    end: "2026-11-03T12:30:00+08:00",
    place: "榆中校区天山堂",
  },
  gradBatches: ["2027年6月", "2027年12月"],
};

function facts(card: HTMLElement): Record<string, string> {
  return Object.fromEntries(
    Array.from(card.querySelectorAll("dt")).map((dt) => [
      dt.textContent ?? "",
      dt.nextElementSibling?.textContent ?? "",
    ]),
  );
}

/** The summary card's first line: which campaign, whose. */
function campaignText(): string {
  const card = screen.getByLabelText("名单概况");
  return card.firstElementChild?.textContent ?? "";
}

/** The check tab's messages about the campaign (not the roster notice), in order. */
function warnings(): string[] {
  const panel = screen.getByRole("tabpanel");
  return Array.from(panel.querySelectorAll(".fui-MessageBar"))
    .map((el) => el.textContent ?? "")
    .filter((text) => text.includes("活动配置"));
}

async function start(
  server: FakeServer,
  opts: {
    settings?: boolean;
    key?: boolean;
    serverOrigin?: string;
    storage?: ReturnType<typeof memoryPaneStorage>;
  } = {},
) {
  const host = new FakeHost({ initial: readyUpdate([], summaryOf(3, [])), profile: PROFILE });
  const storage = opts.storage ?? memoryPaneStorage();
  if (opts.settings !== false)
    storage.saveSettings({ serverUrl: SERVER, accessKey: opts.key ? "k-1" : "", marking: true });
  await renderApp(host, { storage, fetchImpl: server.fetch, serverOrigin: opts.serverOrigin });
  return { host, storage };
}

describe("the campaign the pane checks with", () => {
  test("the server's: next year's cohort, fee and deadline in the summary; one check, with it", async () => {
    const server = new FakeServer();
    server.campaign = campaignReply(NEXT_YEAR, "a1b2c3d4e5f60718");
    const { host, storage } = await start(server);

    expect(server.to("campaign").map((r) => r.url)).toEqual([`${SERVER}/api/campaign`]);
    // The first and only full check already used the server's campaign (never the built-in one first).
    expect(host.argsOf("configure")).toHaveLength(1);
    expect(host.lastConfig()?.campaign).toEqual(parseCampaign(NEXT_YEAR));
    expect(campaignText()).toBe("活动配置：2027年毕业研究生（研究生院服务器的当前配置）");
    const card = screen.getByLabelText("名单概况");
    expect(facts(card).采集费).toBe("45 元（3 人 × 15 元）");
    // The harness's clock says 2 December 2026: past that deadline.
    expect(facts(card).报送截止).toBe("2026年10月30日 11:00（已过截止时间）");
    expect(facts(card).本院采集).toBe("2026年11月2日 09:00 至 11月3日 12:30 · 榆中校区天山堂");
    expect(warnings()).toEqual([]);

    // Kept for offline use, as served.
    const cached = storage.loadCampaign();
    expect(cached).toMatchObject({
      document: NEXT_YEAR,
      version: "a1b2c3d4e5f60718",
      loadedAt: LOADED_AT,
      serverUrl: SERVER,
    });
    expect(cached?.campaign).toEqual(parseCampaign(NEXT_YEAR));
  });

  test("same origin: the pane served by the host server asks it when the settings name no server", async () => {
    const server = new FakeServer();
    server.campaign = campaignReply(NEXT_YEAR);
    const { host } = await start(server, { settings: false, serverOrigin: "http://10.0.0.5:8080" });
    expect(server.to("campaign").map((r) => r.url)).toEqual(["http://10.0.0.5:8080/api/campaign"]);
    expect(host.lastConfig()?.campaign.feePerPerson).toBe(15);
    openTab("设置");
    expect(screen.getByText("研究生院提供的地址；留空则使用 http://10.0.0.5:8080")).toBeTruthy();
  });

  test("offline: the cached copy, with the date it was fetched, and why", async () => {
    const storage = memoryPaneStorage();
    const served = campaignReply(NEXT_YEAR, "a1b2c3d4e5f60718").body as Record<string, unknown>;
    storage.saveCampaign({
      document: NEXT_YEAR as Record<string, unknown>,
      campaign: parseCampaign(NEXT_YEAR),
      version: served.version as string,
      loadedAt: LOADED_AT,
      submitTo: "pyk@lzu.edu.cn",
      fetchedAt: "2026-09-15T01:30:00.000Z",
      serverUrl: SERVER,
    });
    const server = new FakeServer();
    server.campaign = new TypeError("Failed to fetch");
    const { host } = await start(server, { storage });

    expect(host.lastConfig()?.campaign).toEqual(parseCampaign(NEXT_YEAR));
    expect(campaignText()).toBe(
      "活动配置：2027年毕业研究生（本机缓存的副本，2026年9月15日 09:30 从服务器取得）",
    );
    expect(warnings()).toEqual([
      `无法连接服务器（${SERVER}）：暂按本机缓存的活动配置检查（2026年9月15日 09:30 从服务器取得）。研究生院此后的修改要连上服务器后才生效。`,
    ]);
    expect(facts(screen.getByLabelText("名单概况")).采集费).toBe("45 元（3 人 × 15 元）");
  });

  test("offline and nothing cached: the built-in default, and it says so", async () => {
    const server = new FakeServer();
    server.campaign = new TypeError("Failed to fetch");
    const { host, storage } = await start(server);
    expect(host.lastConfig()?.campaign).toBe(DEFAULT_CAMPAIGN);
    expect(campaignText()).toBe("活动配置：2018年毕业研究生（内置默认配置）");
    expect(warnings()).toEqual([
      `无法连接服务器（${SERVER}），本机也没有缓存的活动配置：暂按内置默认配置检查，结果可能与服务器的检查不一致。`,
    ]);
    expect(facts(screen.getByLabelText("名单概况")).采集费).toBe("39 元（3 人 × 13 元）");
    expect(storage.loadCampaign()).toBeUndefined();
  });

  test("a campaign the server serves but the engine refuses is not used; the reason is shown", async () => {
    const server = new FakeServer();
    server.campaign = campaignReply({ ...NEXT_YEAR, feePerPerson: -1 } as CampaignInput);
    const { host, storage } = await start(server);
    let reason = "";
    try {
      parseCampaign({ ...NEXT_YEAR, feePerPerson: -1 });
    } catch (e) {
      reason = (e as Error).message;
    }
    expect(reason).toMatch(/^活动配置有误：配置项 feePerPerson/);
    expect(host.lastConfig()?.campaign).toBe(DEFAULT_CAMPAIGN);
    expect(warnings()).toEqual([
      `${reason}，本机也没有缓存的活动配置：暂按内置默认配置检查，结果可能与服务器的检查不一致。`,
    ]);
    expect(storage.loadCampaign()).toBeUndefined();
  });

  test("no server known and nothing cached: the built-in default, no request, no warning", async () => {
    const server = new FakeServer();
    const { host } = await start(server, { settings: false });
    expect(server.requests).toEqual([]);
    expect(host.lastConfig()?.campaign).toBe(DEFAULT_CAMPAIGN);
    expect(campaignText()).toBe("活动配置：2018年毕业研究生（内置默认配置）");
    expect(warnings()).toEqual([]);
  });

  test("the send confirmation names the server's recipient (its SUBMIT_TO), not the built-in one", async () => {
    const server = new FakeServer();
    server.campaign = campaignReply(NEXT_YEAR, "a1b2c3d4e5f60718", "tuxiang@grs.lzu.edu.cn");
    const { host } = await start(server, { key: true });
    host.file = {
      fileName: "x.xlsx",
      bytes: new Uint8Array([1]),
      headCount: 3,
      feeTotal: 45,
      listRows: [2, 3, 4],
      skippedRows: [],
    };
    openTab("提交");
    expect(
      screen.getByText("把提交名单发送给研究生院（tuxiang@grs.lzu.edu.cn），发送前会再确认一次。"),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "发送到研究生院" }));
    await until(host.called("submissionFile"));
    const dialog = await openedDialog();
    const recipient = within(dialog).getByText("收件人", { selector: "dt" });
    expect(recipient.nextElementSibling?.textContent).toBe("tuxiang@grs.lzu.edu.cn");
    fireEvent.click(within(dialog).getByRole("button", { name: "取消", hidden: true }));
    await dialogClosed();
  });
});
