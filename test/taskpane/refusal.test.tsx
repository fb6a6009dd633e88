/** @jest-environment jsdom */
import "./polyfills";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { parseCampaign, type Problem } from "../../src/domain";
import { placeRefusal } from "../../src/taskpane/refusalRows";
import { memoryPaneStorage } from "../../src/taskpane/storage";
import { FakeHost, PROFILE, problem, readyUpdate, summaryOf } from "./fakeHost";
import { campaignReply, FakeServer, profileReply, type Reply } from "./fakeServer";
import { dialogClosed, openedDialog, openTab, renderApp, until } from "./harness";

// Two full send flows (Fluent dialogs) per test: minutes on a loaded 2-core machine are a limit, not a wait.
jest.setTimeout(120_000);

const SERVER = "https://pyk.example.edu.cn";
const KEY = "k-0123456789";
const ID = "0123456789abcdef01234567";
/** The reference the pane derives: the harness's day (2 December) and FNV-1a(ID) % 999 + 1. */
const REF = "信息科学与工程学院-1202-641";
const V1 = "1111111111111111";
const V2 = "2222222222222222";

/**
 * The list: header on row 2, students on rows 3–24; rows 8 and 12 have errors and are skipped, so the
 * file's rows 2–21 came from these list rows.
 */
const LIST_ROWS = [3, 4, 5, 6, 7, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];

const recipient = (row: number) =>
  problem(row, "recipient", "offsite.recipient", { mode: "异地采集", expected: "李静" });

function refusal(problems: Problem[], extra: object = {}): Reply {
  const errors = problems.filter((p) => p.severity === "error").length;
  return {
    status: 422,
    body: {
      status: 422,
      message: `名单中有 ${errors} 个错误，未发送`,
      problems,
      campaignVersion: V1,
      campaignChanged: false,
      summary: { rows: 20, errors, warnings: problems.length - errors },
      ...extra,
    },
  };
}

const accepted: Reply = {
  status: 202,
  body: {
    id: ID,
    status: "sent",
    attempts: 1,
    college: PROFILE.college,
    headCount: 20,
    feeTotal: 260,
    fileName: "名单.xlsx",
    submitTo: "pyk@lzu.edu.cn",
    duplicate: false,
    message: "已发送",
  },
};

async function setup(server: FakeServer) {
  // The local check: the two skipped rows' errors.
  const local = [
    problem(8, "name", "name.chars", { reason: "digit", char: "1" }),
    problem(12, "idNumber", "id.checksum", { expected: "7", actual: "1" }),
  ];
  const host = new FakeHost({ initial: readyUpdate(local, summaryOf(22, local)), profile: PROFILE });
  host.file = {
    fileName: "名单.xlsx",
    bytes: new Uint8Array([0x50, 0x4b, 3, 4]),
    headCount: 20,
    feeTotal: 260,
    listRows: LIST_ROWS,
    skippedRows: [8, 12],
  };
  const storage = memoryPaneStorage();
  storage.saveSettings({ serverUrl: SERVER, accessKey: KEY, marking: true });
  server.campaign = campaignReply({}, V1);
  server.profile = profileReply(PROFILE);
  await renderApp(host, { storage, fetchImpl: server.fetch });
  return host;
}

/** Sends (skipping the rows with errors) and confirms. */
async function send(host: FakeHost): Promise<void> {
  openTab("提交");
  const skip = screen.getByRole("checkbox", { name: /跳过有错误的行/ }) as HTMLInputElement;
  if (!skip.checked) fireEvent.click(skip);
  const built = host.argsOf("submissionFile").length;
  fireEvent.click(screen.getByRole("button", { name: "发送到研究生院" }));
  await until(host.called("submissionFile", built + 1));
  const dialog = await openedDialog();
  fireEvent.click(within(dialog).getByRole("button", { name: "确认发送", hidden: true }));
  await dialogClosed();
}

function outcome(): string | undefined {
  const section = document.querySelector('section[aria-label="发送"]');
  return section?.querySelector('[role="alert"], [role="status"]')?.textContent ?? undefined;
}

function options(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[role="listbox"] [role="option"]'));
}

function serverNote(): string | undefined {
  return screen.queryByRole("note", { name: "服务器检查" })?.textContent ?? undefined;
}

describe("the server's refusal, at the list's rows", () => {
  test("placeRefusal: file rows → list rows, a duplicate's twin too, the header's problems apart", () => {
    const dup = problem(5, "idNumber", "dup.idNumber", { sameAs: 3 });
    const header = problem(1, "docType", "header.missing", { header: "证件类型" });
    const placed = placeRefusal({
      message: "x",
      problems: [recipient(19), dup, header],
      summary: undefined,
      listRows: LIST_ROWS,
    });
    expect(placed.problems).toEqual([
      { ...recipient(19), row: 22 },
      { ...dup, row: 6, message: problem(6, "idNumber", "dup.idNumber", { sameAs: 4 }).message },
    ]);
    expect(placed.problems[1].message).toBe("身份证号重复，与第4行相同。");
    expect(placed.unplaced).toEqual([header]);
    expect(placed.summary).toEqual({ rows: 20, errors: 3, warnings: 0 });
  });

  test("422: listed at the list's rows, a click selects the list's cell, the summary says whose count is whose", async () => {
    const server = new FakeServer();
    server.submissions.push(refusal([recipient(19), recipient(20), recipient(21)]));
    const host = await setup(server);
    await send(host);

    await waitFor(() =>
      expect(document.querySelector('[role="tab"][aria-selected="true"]')?.textContent).toBe("检查"),
    );
    // The file's rows 19–21 are the list's rows 22–24 (rows 8 and 12 were left out of the file).
    expect(options().map((o) => o.textContent)).toEqual(
      [22, 23, 24].map((row) => `第 ${row} 行，收件人${recipient(row).message}`),
    );
    fireEvent.click(options()[1]);
    expect(host.argsOf("selectProblem")).toEqual([[recipient(23)]]);

    // The card's own numbers stay the sheet's (2 errors), said to be so, beside the server's count.
    expect(serverNote()).toBe(
      "服务器检查：20 行，3 个错误，0 个警告（下方问题列表显示的是服务器的检查结果）",
    );
    const card = screen.getByLabelText("名单概况");
    expect(within(card).getByText("本表检查的结果：")).toBeTruthy();
    expect(within(card).getByText("错误").previousSibling?.textContent).toBe("2");
    expect(screen.getByText("下面是服务器发现的问题，已对应到本表的行（3 个）。")).toBeTruthy();

    // The campaign version the list was checked with went along.
    const post = server.to("submissions")[0].body as FormData;
    expect(post.get("campaignVersion")).toBe(V1);
  });

  test("a later send that succeeds clears the refusal", async () => {
    const server = new FakeServer();
    server.submissions.push(refusal([recipient(19)]), accepted);
    const host = await setup(server);
    await send(host);
    await waitFor(() => expect(outcome()).toBe("服务器检查发现问题：名单中有 1 个错误，未发送"));
    expect(serverNote()).toBeDefined();

    await send(host);
    await waitFor(() =>
      expect(outcome()).toBe(`名单已发送到研究生院（pyk@lzu.edu.cn）。回执号：${REF}（询问时请报这个号）。`),
    );
    openTab("检查");
    expect(screen.queryByText(/服务器检查发现问题/)).toBeNull();
    expect(serverNote()).toBeUndefined();
    // The list shows the sheet's own problems again.
    expect(options().map((o) => /^第 (\d+) 行/.exec(o.textContent ?? "")?.[1])).toEqual(["8", "12"]);
  });

  test("the campaign changed: the pane fetches it, checks again with it and says so", async () => {
    const server = new FakeServer();
    server.submissions.push(
      refusal([recipient(19)], { campaignVersion: V2, campaignChanged: true, message: "活动配置已更新" }),
    );
    const host = await setup(server);
    expect(host.lastConfig()?.campaign.feePerPerson).toBe(13);
    const configured = host.argsOf("configure").length;
    // The graduate school changed the fee in the meantime.
    server.campaign = campaignReply({ feePerPerson: 20 }, V2);
    await send(host);

    await until(host.called("configure", configured + 1));
    expect(host.lastConfig()?.campaign).toEqual(parseCampaign({ feePerPerson: 20 }));
    expect(server.to("campaign")).toHaveLength(2);
    await waitFor(() =>
      expect(outcome()).toBe(
        "活动配置已更新：研究生院修改了活动配置，名单已按新的配置重新检查。请到“检查”页再看一遍检查结果，改正后重新发送。",
      ),
    );
    openTab("检查");
    expect(
      screen.getByText(
        "活动配置已更新（2018年毕业研究生）：名单已按研究生院的新配置重新检查，请再看一遍检查结果。",
      ),
    ).toBeTruthy();
    // The server's problems came from a check with the old campaign: not shown over the new re-check.
    expect(serverNote()).toBeUndefined();
    expect(screen.queryByText(/服务器检查发现问题/)).toBeNull();

    // The next send carries the new version.
    server.submissions.splice(0, server.submissions.length, accepted);
    await send(host);
    await waitFor(() =>
      expect(outcome()).toBe(`名单已发送到研究生院（pyk@lzu.edu.cn）。回执号：${REF}（询问时请报这个号）。`),
    );
    const posts = server.to("submissions").filter((r) => r.method === "POST");
    expect(posts.map((r) => (r.body as FormData).get("campaignVersion"))).toEqual([V1, V2]);
  });
});
