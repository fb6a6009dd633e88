/** @jest-environment jsdom */
import "./polyfills";
import { fireEvent, screen, within } from "@testing-library/react";
import type { SecretaryProfile } from "../../src/excel/hostApi";
import { memoryPaneStorage } from "../../src/taskpane/storage";
import { FakeHost, PROFILE } from "./fakeHost";
import { FakeServer, profileReply } from "./fakeServer";
import { openTab, renderApp, until } from "./harness";

const SERVER = "https://pyk.example.edu.cn";
const KEY = "k-0123456789";
const PROFILE_URL = `${SERVER}/api/colleges/${encodeURIComponent(PROFILE.college)}/profile`;

/** What the server holds: the college's new secretary. */
const ON_SERVER: SecretaryProfile = {
  ...PROFILE,
  secretaryName: "李静",
  mobile: "13893100001",
  email: "lijing@lzu.edu.cn",
};

function form(): HTMLElement {
  return screen.getByRole("form", { name: "学院资料" });
}

function input(label: RegExp): HTMLInputElement {
  return within(form()).getByLabelText(label, { selector: "input" }) as HTMLInputElement;
}

function type(label: RegExp, value: string): void {
  fireEvent.change(input(label), { target: { value } });
}

function save(): void {
  fireEvent.click(within(form()).getByRole("button", { name: "保存学院资料" }));
}

/** The form's error bar (the server's profile could not be read), if shown. */
function formError(): string | undefined {
  return form().querySelector(".fui-MessageBar")?.textContent ?? undefined;
}

/** `workbook`: the profile in workbook.settings (null: none). */
async function start(server: FakeServer, workbook: SecretaryProfile | null = PROFILE) {
  const host = new FakeHost({ profile: workbook ?? undefined });
  const storage = memoryPaneStorage();
  storage.saveSettings({ serverUrl: SERVER, accessKey: KEY, marking: true });
  await renderApp(host, { storage, fetchImpl: server.fetch });
  openTab("设置");
  return host;
}

describe("the college profile on the server", () => {
  test("read with the key: the server's profile fills the form, checks with it, the workbook keeps a copy", async () => {
    const server = new FakeServer();
    server.profile = profileReply(ON_SERVER, "2026-10-08T02:00:00.000Z");
    const host = await start(server);

    expect(server.to("profile")).toEqual([
      { method: "GET", url: PROFILE_URL, headers: { "X-Access-Key": KEY }, body: undefined },
    ]);
    // The first check already uses the server's profile.
    expect(host.argsOf("configure")).toHaveLength(1);
    expect(host.lastConfig()?.profile).toEqual(ON_SERVER);
    expect(host.argsOf("saveProfile")).toEqual([[ON_SERVER]]);
    expect(input(/^秘书姓名/).value).toBe("李静");
    expect(input(/^邮箱/).value).toBe("lijing@lzu.edu.cn");
    expect(
      within(form()).getByText("学院资料保存在研究生院服务器上（2026年10月8日 10:00 更新）。"),
    ).toBeTruthy();
  });

  test("saved with PUT (the four fields), then in the workbook, and the list is checked with it", async () => {
    const server = new FakeServer();
    server.profile = profileReply(PROFILE);
    const host = await start(server);
    expect(host.argsOf("saveProfile")).toEqual([]);
    type(/^秘书姓名/, " 王芳 ");
    type(/^手机/, "139-0931-0002");
    const configured = host.argsOf("configure").length;
    save();
    await until(host.called("saveProfile"));
    await within(form()).findByText("学院资料已保存到服务器，名单将按新的资料重新检查。");

    const puts = server.to("profile").filter((r) => r.method === "PUT");
    expect(puts).toEqual([
      {
        method: "PUT",
        url: PROFILE_URL,
        headers: { "X-Access-Key": KEY, "Content-Type": "application/json" },
        body: {
          secretaryName: "王芳",
          mobile: "13909310002",
          email: PROFILE.email,
          mailAddress: PROFILE.mailAddress,
        },
      },
    ]);
    const saved = { ...PROFILE, secretaryName: "王芳", mobile: "13909310002" };
    expect(host.argsOf("saveProfile")).toEqual([[saved]]);
    await until(host.called("configure", configured + 1));
    expect(host.lastConfig()?.profile).toEqual(saved);
    // Read once at start; the save did not read again (the pane had seen the server's profile).
    expect(server.to("profile").map((r) => r.method)).toEqual(["GET", "PUT"]);
  });

  test("the server refuses a field: its Chinese message, nothing stored", async () => {
    const server = new FakeServer();
    server.profile = profileReply(PROFILE);
    server.put = () => ({ status: 400, body: { status: 400, message: "邮寄地址过长或含有不可见字符" } });
    const host = await start(server);
    type(/^秘书姓名/, "王芳");
    save();
    await within(form()).findByText("学院资料没有保存：邮寄地址过长或含有不可见字符");
    expect(host.argsOf("saveProfile")).toEqual([]);
  });

  test("a failed read is not 'no profile': saving reads first and never overwrites blindly", async () => {
    const server = new FakeServer();
    server.profile = { status: 503, body: { status: 503, message: "服务器正在维护，请稍后再试" } };
    const host = await start(server);

    // The workbook's copy is shown and used, with the reason the server's could not be read.
    expect(host.lastConfig()?.profile).toEqual(PROFILE);
    expect(formError()).toBe(
      "无法读取服务器上的学院资料：服务器正在维护，请稍后再试。下面是本工作簿中的副本；保存时会先重新读取服务器上的资料，读取成功之前不会覆盖它。",
    );

    // Still unreadable: nothing is written anywhere.
    type(/^秘书姓名/, "王芳");
    save();
    await within(form()).findByText(
      "学院资料没有保存：无法读取服务器上的学院资料（服务器正在维护，请稍后再试）。为免覆盖服务器上已有的资料，请连上服务器后再保存。",
    );
    expect(server.to("profile").map((r) => r.method)).toEqual(["GET", "GET"]);
    expect(host.argsOf("saveProfile")).toEqual([]);

    // Readable again, and it holds another profile: loaded into the form, still nothing written.
    server.profile = profileReply(ON_SERVER);
    save();
    await within(form()).findByText(
      "服务器上已有本学院的资料，已载入表单，没有保存：请核对后再点“保存学院资料”。",
    );
    expect(input(/^秘书姓名/).value).toBe("李静");
    expect(server.to("profile").map((r) => r.method)).toEqual(["GET", "GET", "GET"]);
    expect(host.argsOf("saveProfile")).toEqual([[ON_SERVER]]);

    // Now the secretary has seen it: her change goes to the server.
    type(/^秘书姓名/, "王芳");
    save();
    await within(form()).findByText("学院资料已保存到服务器，名单将按新的资料重新检查。");
    expect(server.to("profile").map((r) => r.method)).toEqual(["GET", "GET", "GET", "PUT"]);
    expect(server.to("profile")[3].body).toEqual({
      secretaryName: "王芳",
      mobile: ON_SERVER.mobile,
      email: ON_SERVER.email,
      mailAddress: ON_SERVER.mailAddress,
    });
  });

  test("a wrong key: said in the form, the workbook's profile stays", async () => {
    const server = new FakeServer();
    server.profile = { status: 401, body: { status: 401, message: "访问密钥不对" } };
    const host = await start(server);
    expect(host.lastConfig()?.profile).toEqual(PROFILE);
    expect(formError()).toBe(
      "无法读取服务器上的学院资料：访问密钥不对：请在“设置”中核对本学院的访问密钥。下面是本工作簿中的副本；保存时会先重新读取服务器上的资料，读取成功之前不会覆盖它。",
    );
  });

  test("no profile in the workbook: choosing a college and saving asks the server first", async () => {
    const server = new FakeServer();
    server.profile = profileReply(null);
    const host = await start(server, null);
    // No college yet: nothing to ask.
    expect(server.to("profile")).toEqual([]);
    fireEvent.change(within(form()).getByLabelText(/^学院/, { selector: "select" }), {
      target: { value: PROFILE.college },
    });
    type(/^秘书姓名/, PROFILE.secretaryName);
    type(/^手机/, PROFILE.mobile);
    type(/^邮箱/, PROFILE.email);
    save();
    await within(form()).findByText("学院资料已保存到服务器，名单将按新的资料重新检查。");
    expect(server.to("profile").map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${PROFILE_URL}`,
      `PUT ${PROFILE_URL}`,
    ]);
    expect(host.argsOf("saveProfile")).toHaveLength(1);
  });
});
