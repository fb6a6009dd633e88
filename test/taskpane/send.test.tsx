/** @jest-environment jsdom */
import "./polyfills";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { Problem } from "../../src/domain";
import { memoryPaneStorage } from "../../src/taskpane/storage";
import { FakeHost, PROFILE, problem, readyUpdate, summaryOf } from "./fakeHost";
import { dialogClosed, openedDialog, openTab, renderApp, until } from "./harness";
import { campaignReply, profileReply } from "./fakeServer";
import { ManualDelay } from "./manualDelay";

const SERVER = "https://pyk.example.edu.cn";
const KEY = "k-0123456789";
const FILE_NAME = "10730兰州大学_信息科学与工程学院_2018届毕业研究生图像采集名单_37人.xlsx";
const ID = "0123456789abcdef01234567";

interface Reply {
  status: number;
  body?: unknown;
}

/** The pane's start-up reads: the server's campaign (the built-in one) and the college's profile. */
function startupReply(url: string): Reply | undefined {
  if (url.endsWith("/api/campaign")) return campaignReply({});
  if (url.endsWith("/profile")) return profileReply(PROFILE);
  return undefined;
}

/** A fetch that answers the submissions API from a script and records those requests. */
function scriptedFetch(...replies: (Reply | Error)[]) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const impl = jest.fn(async (url: string, init?: RequestInit) => {
    const startup = startupReply(url);
    if (startup) return { status: startup.status, json: async () => startup.body } as Response;
    calls.push({ url, init });
    const next = replies.length > 1 ? replies.shift()! : replies[0];
    if (next instanceof Error) throw next;
    return { status: next.status, json: async () => next.body } as Response;
  });
  return { impl: impl as unknown as typeof fetch, calls };
}

const accepted = (extra: object = {}): Reply => ({
  status: 202,
  body: {
    id: ID,
    status: "queued",
    attempts: 0,
    college: PROFILE.college,
    headCount: 37,
    feeTotal: 481,
    fileName: FILE_NAME,
    submitTo: "pyk@lzu.edu.cn",
    duplicate: false,
    message: "已受理，正在发送",
    ...extra,
  },
});
const status = (extra: object): Reply => ({
  status: 200,
  body: {
    id: ID,
    attempts: 1,
    college: PROFILE.college,
    headCount: 37,
    feeTotal: 481,
    fileName: FILE_NAME,
    submitTo: "pyk@lzu.edu.cn",
    ...extra,
  },
});

async function setup(
  fetchImpl: typeof fetch,
  opts: { problems?: Problem[]; settings?: boolean; delay?: ManualDelay } = {},
) {
  const problems = opts.problems ?? [];
  const host = new FakeHost({ initial: readyUpdate(problems, summaryOf(37, problems)), profile: PROFILE });
  host.file = {
    fileName: FILE_NAME,
    bytes: new Uint8Array([0x50, 0x4b, 3, 4, 9, 9]),
    headCount: 37,
    feeTotal: 481,
    // Header on row 2: the file's rows 2–38 are the list's rows 3–39.
    listRows: Array.from({ length: 37 }, (_, i) => i + 3),
    skippedRows: [],
  };
  const storage = memoryPaneStorage();
  if (opts.settings !== false) storage.saveSettings({ serverUrl: SERVER, accessKey: KEY, marking: true });
  await renderApp(host, { storage, fetchImpl, pollDelay: opts.delay?.delay });
  expect(host.lastConfig()?.profile).toEqual(PROFILE);
  openTab("提交");
  return host;
}

function sendButton(): HTMLButtonElement {
  return screen.getByRole("button", { name: "发送到研究生院" }) as HTMLButtonElement;
}

/** Presses 发送 and returns the confirmation, once the host has built the file the dialog describes. */
async function openConfirmation(host: FakeHost): Promise<HTMLElement> {
  const built = host.argsOf("submissionFile").length;
  fireEvent.click(sendButton());
  await until(host.called("submissionFile", built + 1));
  return openedDialog();
}

/** Sends and confirms; returns once the dialog is gone and the page is no longer hidden behind it. */
async function sendAndConfirm(host: FakeHost): Promise<void> {
  const dialog = await openConfirmation(host);
  fireEvent.click(within(dialog).getByRole("button", { name: "确认发送", hidden: true }));
  await dialogClosed();
}

/** Lets the pane's next wait between status polls end, once it has started. */
async function nextPoll(delay: ManualDelay): Promise<void> {
  await until(delay.waiting());
  delay.release();
}

/** The confirmation's facts, term by term. */
function facts(dialog: HTMLElement): [string, string][] {
  return Array.from(dialog.querySelectorAll("dt")).map((dt) => [
    dt.textContent ?? "",
    dt.nextElementSibling?.textContent ?? "",
  ]);
}

/** The send section's final message (a status or an alert), if any. */
function outcome(): string | undefined {
  // A plain selector: this runs on every DOM change while a test waits, and a role query walks the
  // whole pane's accessibility tree each time (seconds on a busy machine).
  const section = document.querySelector('section[aria-label="发送"]');
  if (!section) throw new Error("no send section");
  return section.querySelector('[role="alert"], [role="status"]')?.textContent ?? undefined;
}

describe("send", () => {
  test("confirmation names recipient, head count and fee; cancel sends nothing", async () => {
    const { impl, calls } = scriptedFetch(accepted());
    const host = await setup(impl);
    const dialog = await openConfirmation(host);
    expect(facts(dialog)).toEqual([
      ["收件人", "pyk@lzu.edu.cn"],
      ["学院", PROFILE.college],
      ["人数", "37 人"],
      ["采集费", "481 元"],
      ["文件", FILE_NAME],
    ]);
    expect(host.argsOf("submissionFile")).toEqual([[{ skipInvalid: false }]]);
    fireEvent.click(within(dialog).getByRole("button", { name: "取消", hidden: true }));
    await dialogClosed();
    expect(sendButton().disabled).toBe(false);
    expect(outcome()).toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  test("202 then polling until sent: the multipart request and the outcome with the message id", async () => {
    const { impl, calls } = scriptedFetch(
      accepted(),
      status({ status: "queued", attempts: 1, error: "邮件服务器暂时不可用" }),
      status({ status: "sent", attempts: 2, messageId: "<m1@lzu.edu.cn>", delivery: "smtp" }),
    );
    const delay = new ManualDelay();
    const host = await setup(impl, { delay });
    await sendAndConfirm(host);
    await nextPoll(delay);
    await nextPoll(delay);
    await waitFor(() =>
      expect(outcome()).toBe(`已提交，编号 ${ID}：邮件已发送至 pyk@lzu.edu.cn（邮件编号 <m1@lzu.edu.cn>）`),
    );
    // Two polls, 2 s apart (the pane's default), and no third once the server said "sent".
    expect(delay.requested).toEqual([2000, 2000]);
    expect(delay.pendingCount).toBe(0);

    const post = calls[0];
    expect(post.url).toBe(`${SERVER}/api/submissions`);
    expect(post.init?.method).toBe("POST");
    expect((post.init?.headers as Record<string, string>)["X-Access-Key"]).toBe(KEY);
    const form = post.init?.body as FormData;
    expect(form.get("college")).toBe(PROFILE.college);
    expect(form.get("senderName")).toBe(PROFILE.secretaryName);
    expect(form.get("senderEmail")).toBe(PROFILE.email);
    const file = form.get("file") as File;
    expect(file.name).toBe(FILE_NAME);
    expect(file.size).toBe(6);
    expect(calls.slice(1).map((c) => c.url)).toEqual([
      `${SERVER}/api/submissions/${ID}`,
      `${SERVER}/api/submissions/${ID}`,
    ]);
    expect((calls[1].init?.headers as Record<string, string>)["X-Access-Key"]).toBe(KEY);
  });

  test("saved to the outbox when the server has no mail server", async () => {
    const note = "服务器未配置邮件服务器，邮件已保存到服务器发件箱（outbox/x.eml），由管理员转发";
    const { impl } = scriptedFetch(accepted(), status({ status: "sent", delivery: "outbox", note }));
    const delay = new ManualDelay();
    const host = await setup(impl, { delay });
    await sendAndConfirm(host);
    await nextPoll(delay);
    await waitFor(() => expect(outcome()).toBe(`已提交，编号 ${ID}：${note}`));
    expect(delay.requested).toEqual([2000]);
  });

  test("still queued after the polls: says it retries", async () => {
    const { impl, calls } = scriptedFetch(
      accepted(),
      status({ status: "queued", attempts: 2, error: "连接超时" }),
    );
    const delay = new ManualDelay();
    const host = await setup(impl, { delay });
    await sendAndConfirm(host);
    // While it polls, the pane says so.
    await until(delay.waiting());
    await screen.findByText(`已提交，编号 ${ID}。正在确认发送状态…`);
    delay.release();
    await nextPoll(delay);
    await nextPoll(delay);
    await waitFor(() =>
      expect(outcome()).toBe(
        `已提交，编号 ${ID}：已排队，服务器正在发送，失败会自动重试（已尝试 2 次：连接超时）`,
      ),
    );
    // Exactly the three polls the harness allows, then it stops asking.
    expect(delay.requested).toEqual([2000, 2000, 2000]);
    expect(delay.pendingCount).toBe(0);
    expect(calls).toHaveLength(1 + 3);
  });

  test("401: the key is wrong", async () => {
    const { impl } = scriptedFetch({ status: 401, body: { status: 401, message: "访问密钥不对：请核对" } });
    const host = await setup(impl);
    await sendAndConfirm(host);
    await waitFor(() => expect(outcome()).toBe("访问密钥不对：请在“设置”中核对本学院的访问密钥"));
  });

  test("422: the server's problems go to the problem list, at the list's rows", async () => {
    const refused = problem(9, "idNumber", "id.checksum", { expected: "7", actual: "1" });
    const { impl } = scriptedFetch({
      status: 422,
      body: {
        status: 422,
        message: "名单中有 1 个错误，未发送",
        problems: [refused],
        summary: { rows: 37, errors: 1, warnings: 0 },
      },
    });
    const host = await setup(impl);
    await sendAndConfirm(host);
    // The pane switches to the check tab, where the server's verdict is shown over the problem list.
    await waitFor(() =>
      expect(document.querySelector('[role="tab"][aria-selected="true"]')?.textContent).toBe("检查"),
    );
    const panel = screen.getByRole("tabpanel");
    const dismiss = within(panel).getByRole("button", { name: "改看本表检查结果" });
    expect(dismiss.parentElement?.textContent).toBe(
      "服务器检查发现问题：名单中有 1 个错误，未发送改看本表检查结果",
    );
    const options = panel.querySelectorAll('[role="listbox"] [role="option"]');
    expect(options).toHaveLength(1);
    // The file's row 9 is the list's row 10.
    expect(options[0].getAttribute("aria-label")).toBe(`第 10 行，身份证号，错误：${refused.message}`);
    expect(options[0].textContent).toBe(`身份证号${refused.message}`);
    fireEvent.click(dismiss);
    expect(screen.getByText("没有发现问题。")).toBeTruthy();
  });

  test.each<[string, Reply | Error, string]>([
    [
      "413",
      { status: 413, body: { status: 413, message: "文件过大：上传上限为 5.0 MB" } },
      "文件过大：上传上限为 5.0 MB",
    ],
    [
      "429",
      { status: 429, body: { status: 429, message: "提交过于频繁，请 1 分钟后再试" } },
      "提交过于频繁，请 1 分钟后再试",
    ],
    [
      "a network failure",
      new TypeError("Failed to fetch"),
      `无法连接服务器（${SERVER}），请检查网络和服务器地址`,
    ],
  ])("%s: says so in words, once, and may be sent again", async (_, reply, message) => {
    const { impl, calls } = scriptedFetch(reply);
    const host = await setup(impl);
    await sendAndConfirm(host);
    await waitFor(() => expect(outcome()).toBe(message));
    expect(calls).toHaveLength(1);
    expect(sendButton().disabled).toBe(false);
  });

  test("disabled while the list has errors (unless skipping them) or the server is not set", async () => {
    const bad = problem(4, "name", "name.chars", { reason: "digit", char: "1" });
    const { impl } = scriptedFetch(accepted());
    const host = await setup(impl, { problems: [bad] });
    expect(sendButton().disabled).toBe(true);
    expect(screen.getByText(/名单中还有 1 个错误/)).toBeTruthy();
    fireEvent.click(screen.getByRole("checkbox", { name: /跳过有错误的行/ }));
    expect(sendButton().disabled).toBe(false);
    await openConfirmation(host);
    expect(host.argsOf("submissionFile")).toEqual([[{ skipInvalid: true }]]);
  });

  test("disabled until the server address and key are set", async () => {
    const { impl } = scriptedFetch(accepted());
    await setup(impl, { settings: false });
    expect(sendButton().disabled).toBe(true);
    expect(screen.getByText("请先在“设置”中填写服务器地址和访问密钥。")).toBeTruthy();
    openTab("设置");
    const form = screen.getByRole("form", { name: "发送设置" });
    fireEvent.change(within(form).getByLabelText(/服务器地址/), { target: { value: "pyk.example.edu.cn" } });
    fireEvent.change(within(form).getByLabelText(/访问密钥/), { target: { value: KEY } });
    fireEvent.click(within(form).getByRole("button", { name: "保存发送设置" }));
    await within(form).findByText(/地址应以 https:\/\/ 或 http:\/\/ 开头/);
    fireEvent.change(within(form).getByLabelText(/服务器地址/), { target: { value: `${SERVER}/` } });
    fireEvent.click(within(form).getByRole("button", { name: "保存发送设置" }));
    await within(form).findByText("发送设置已保存。");
    openTab("提交");
    expect(sendButton().disabled).toBe(false);
  });
});

describe("build the submission", () => {
  test("new sheet or new workbook, skipping rows, outcome in words", async () => {
    const { impl } = scriptedFetch(accepted());
    const host = await setup(impl);
    host.buildResult = {
      ok: true,
      fileName: FILE_NAME,
      headCount: 35,
      feeTotal: 455,
      skippedRows: [8, 12],
      target: "workbook",
    };
    fireEvent.click(screen.getByRole("radio", { name: "新工作簿" }));
    fireEvent.click(screen.getByRole("checkbox", { name: /跳过有错误的行/ }));
    fireEvent.click(screen.getByRole("button", { name: "生成提交名单" }));
    await screen.findByText(
      `已在新工作簿中生成“${FILE_NAME}”：35 人，采集费 455 元；已跳过有错误的第 8、12 行。`,
    );
    expect(host.argsOf("buildSubmission")).toEqual([[{ skipInvalid: true, target: "workbook" }]]);

    // The host's refusal already names the rows: the pane shows it once, as given.
    host.buildResult = {
      ok: false,
      message: "第 8、12 行还有错误。请先改正，或选择“跳过有错误的行”。",
      errorRows: [8, 12],
    };
    fireEvent.click(screen.getByRole("checkbox", { name: /跳过有错误的行/ }));
    fireEvent.click(screen.getByRole("button", { name: "生成提交名单" }));
    expect(await screen.findAllByText(/第 8、12 行还有错误/)).toHaveLength(1);
  });

  test("without Excel.createWorkbook there is no workbook choice", async () => {
    const host = new FakeHost({
      capabilities: { ...new FakeHost().capabilities, createWorkbook: false },
      initial: readyUpdate([], summaryOf(2, [])),
    });
    await renderApp(host);
    openTab("提交");
    expect(screen.queryByRole("radio", { name: "新工作簿" })).toBeNull();
    expect(screen.getByText("提交名单将生成在新工作表中。")).toBeTruthy();
  });
});
