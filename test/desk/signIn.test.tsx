/** @jest-environment jsdom */
import "../taskpane/polyfills";
import { fireEvent, screen } from "@testing-library/react";
import { DESK_KEY } from "./fakeDesk";
import { renderDesk, signedIn, standardDesk } from "./harness";

function signIn(key: string): void {
  fireEvent.change(screen.getByLabelText(/研究生院访问密钥/), { target: { value: key } });
  fireEvent.click(screen.getByRole("button", { name: "登录" }));
}

describe("desk sign-in", () => {
  test("a wrong key says 密钥不对 and is not kept; the right one opens the table with one request", async () => {
    const h = renderDesk();
    expect(screen.getByLabelText(/研究生院访问密钥/).getAttribute("type")).toBe("password");

    signIn("college-key-of-文学院");
    expect((await screen.findByRole("alert")).textContent).toBe("密钥不对");
    expect(h.keys.value).toBeUndefined();
    expect(h.desk.made("GET /api/desk/colleges")[0].headers["X-Access-Key"]).toBe("college-key-of-文学院");

    signIn(`  ${DESK_KEY} `);
    await screen.findByRole("table", { name: "各学院提交情况" });
    expect(h.keys.value).toBe(DESK_KEY);
    const reads = h.desk.made("GET /api/desk/colleges");
    expect(reads).toHaveLength(2);
    expect(reads[1].headers["X-Access-Key"]).toBe(DESK_KEY);
    // The campaign needs no key and is sent none.
    expect(h.desk.made("GET /api/campaign")[0].headers["X-Access-Key"]).toBeUndefined();
  });

  test("an empty key is not sent", async () => {
    const h = renderDesk();
    signIn("   ");
    expect((await screen.findByRole("alert")).textContent).toBe("请输入研究生院的访问密钥");
    expect(h.desk.requests).toHaveLength(0);
  });

  test("a server that cannot be reached says 无法连接服务器", async () => {
    const desk = standardDesk();
    desk.unreachable = true;
    renderDesk({ desk });
    signIn(DESK_KEY);
    expect((await screen.findByRole("alert")).textContent).toBe("无法连接服务器");
  });

  test("退出 forgets the key and shows the sign-in again", async () => {
    const h = signedIn();
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("button", { name: "退出" }));
    await screen.findByRole("button", { name: "登录" });
    expect(h.keys.value).toBeUndefined();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("a kept key the server now refuses (401) sends the desk back to the sign-in with 密钥不对", async () => {
    const h = renderDesk({ key: "revoked-key" });
    expect((await screen.findByRole("alert")).textContent).toBe("密钥不对");
    screen.getByRole("button", { name: "登录" });
    expect(h.keys.value).toBeUndefined();
    expect(screen.queryByRole("table")).toBeNull();
  });

  test("a 401 on any later request signs out too", async () => {
    const h = signedIn();
    await screen.findByRole("table", { name: "各学院提交情况" });
    h.desk.key = "rotated-key";
    fireEvent.click(screen.getByRole("button", { name: "刷新" }));
    expect((await screen.findByRole("alert")).textContent).toBe("密钥不对");
    expect(h.keys.value).toBeUndefined();
  });
});
