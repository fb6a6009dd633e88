/** @jest-environment jsdom */
import "./polyfills";
import { fireEvent, screen, within } from "@testing-library/react";
import { DEFAULT_CAMPAIGN, findCollege } from "../../src/domain";
import { FakeHost, PROFILE } from "./fakeHost";
import { openTab, renderApp, until } from "./harness";

function form(): HTMLElement {
  return screen.getByRole("form", { name: "学院资料" });
}

function input(label: RegExp, selector = "input"): HTMLInputElement {
  return within(form()).getByLabelText(label, { selector }) as HTMLInputElement;
}

function type(label: RegExp, value: string, selector = "input"): void {
  fireEvent.change(input(label, selector), { target: { value } });
}

async function setup(host = new FakeHost()) {
  await renderApp(host);
  openTab("设置");
  screen.getByRole("form", { name: "学院资料" });
  return host;
}

describe("college profile form", () => {
  test("choosing a college prefills its default mailing address", async () => {
    await setup();
    expect(within(form()).getAllByRole("option").length).toBe(DEFAULT_CAMPAIGN.colleges.length + 1);
    type(/^学院/, "基础医学院", "select");
    const medical = findCollege(DEFAULT_CAMPAIGN, "基础医学院")!.mailAddress!;
    expect(input(/^邮寄地址/, "textarea").value).toBe(medical);
    expect(medical).toContain("东岗西路199号");
    // Another college replaces an untouched default, but never what the secretary typed.
    type(/^学院/, "文学院", "select");
    expect(input(/^邮寄地址/, "textarea").value).toContain("天水南路222号");
    type(/^邮寄地址/, "兰州大学文学院办公室 自取", "textarea");
    type(/^学院/, "法学院", "select");
    expect(input(/^邮寄地址/, "textarea").value).toBe("兰州大学文学院办公室 自取");
  });

  test("validation: required fields and an 11-digit mobile", async () => {
    const host = await setup();
    fireEvent.click(screen.getByRole("button", { name: "保存学院资料" }));
    await within(form()).findByText("学院资料没有保存：请改正标出的项。");
    expect(within(form()).getByText("请从列表中选择学院")).toBeTruthy();
    expect(within(form()).getByText("请填写手机号")).toBeTruthy();

    type(/^学院/, "信息科学与工程学院", "select");
    type(/^秘书姓名/, "马晓燕");
    type(/^手机/, "1391931234");
    type(/^邮箱/, "mxy@lzu");
    fireEvent.click(screen.getByRole("button", { name: "保存学院资料" }));
    await within(form()).findByText("手机号应为 11 位数字，以 1 开头");
    expect(within(form()).getByText("电子邮箱格式不对")).toBeTruthy();
    expect(host.argsOf("saveProfile")).toHaveLength(0);

    type(/^手机/, "23919312345");
    fireEvent.click(screen.getByRole("button", { name: "保存学院资料" }));
    await within(form()).findByText("手机号应为 11 位数字，以 1 开头");
    expect(host.argsOf("saveProfile")).toHaveLength(0);
  });

  test("saving stores the profile through the host and re-checks with it", async () => {
    const host = await setup();
    type(/^学院/, "信息科学与工程学院", "select");
    type(/^秘书姓名/, " 马晓燕 ");
    type(/^手机/, "139 1931 2345");
    type(/^邮箱/, "mxy@lzu.edu.cn");
    const configured = host.argsOf("configure").length;
    fireEvent.click(screen.getByRole("button", { name: "保存学院资料" }));
    await until(host.called("saveProfile"));
    await within(form()).findByText("学院资料已保存，名单将按新的资料重新检查。");
    const saved = {
      college: "信息科学与工程学院",
      secretaryName: "马晓燕",
      mobile: "13919312345",
      email: "mxy@lzu.edu.cn",
      mailAddress: findCollege(DEFAULT_CAMPAIGN, "信息科学与工程学院")!.mailAddress,
    };
    expect(host.argsOf("saveProfile")).toEqual([[saved]]);
    await until(host.called("configure", configured + 1));
    expect(host.lastConfig()?.profile).toEqual(saved);
  });

  test("a saved profile is loaded into the form", async () => {
    await setup(new FakeHost({ profile: PROFILE }));
    expect(input(/^秘书姓名/).value).toBe("马晓燕");
    expect(input(/^手机/).value).toBe("13919312345");
    expect((within(form()).getByLabelText(/^学院/, { selector: "select" }) as HTMLSelectElement).value).toBe(
      PROFILE.college,
    );
  });
});
