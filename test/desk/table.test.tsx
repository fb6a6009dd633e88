/** @jest-environment jsdom */
import "../taskpane/polyfills";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { COLUMN_HEADERS } from "../../src/desk/components/CollegeTable";
import { COLLEGES, collegesReply } from "./fixtures";
import { DESK_KEY } from "./fakeDesk";
import { cellTexts, signedIn, standardDesk } from "./harness";

const ROWS = {
  文学院: [
    "文学院",
    "已发送",
    "2026年11月30日 10:05",
    "3",
    "博士 1、硕士 2",
    "现场采集 3",
    "2027年6月 3",
    "39.00",
    "39.00",
    "0.00",
    "3",
    "历史登记缴费",
  ],
  法学院: [
    "法学院",
    "发送失败邮件服务器连续 5 次拒收（550）",
    "2026年12月2日 00:30",
    "2",
    "硕士 2",
    "现场采集 1、异地采集 1",
    "—",
    "26.00",
    "0.00",
    "26.00",
    "—",
    "历史登记缴费重新发送",
  ],
  历史文化学院: ["历史文化学院", "未提交", "—", "0", "—", "—", "—", "0.00", "0.00", "0.00", "—", "登记缴费"],
  化学化工学院: [
    "化学化工学院",
    "已提交 · 待发送",
    "2026年12月1日 09:00",
    "1000",
    "博士 1000",
    "—",
    "—",
    "13,000.00",
    "12,999.90",
    "0.10",
    "999",
    "历史登记缴费",
  ],
};
const TOTALS = [
  "合计",
  "已提交 3 / 共 4 个学院",
  "—",
  "1005",
  "博士 1001、硕士 4",
  "现场采集 4、异地采集 1",
  "2027年6月 3",
  "13,065.00",
  "13,038.90",
  "26.10",
  "1002",
  "",
];

async function table(): Promise<HTMLElement> {
  return screen.findByRole("table", { name: "各学院提交情况" });
}

describe("the colleges' table", () => {
  test("every college with its status, time (China), head counts, fees and difference; totals in 分", async () => {
    signedIn();
    const t = await table();
    expect(
      within(t)
        .getAllByRole("columnheader")
        .map((c) => c.textContent),
    ).toEqual([...COLUMN_HEADERS]);
    expect(cellTexts(t)).toEqual([ROWS.文学院, ROWS.法学院, ROWS.历史文化学院, ROWS.化学化工学院, TOTALS]);
  });

  test("the filter shows the colleges that have not submitted; the totals stay those of every college", async () => {
    signedIn();
    const t = await table();
    fireEvent.click(screen.getByRole("switch", { name: "只看未提交的学院" }));
    expect(cellTexts(t)).toEqual([ROWS.历史文化学院, TOTALS]);
    fireEvent.click(screen.getByRole("switch", { name: "只看未提交的学院" }));
    expect(cellTexts(t)).toHaveLength(5);
  });

  test("with every college submitted the filter says so", async () => {
    const desk = standardDesk().on(
      "GET /api/desk/colleges",
      collegesReply(COLLEGES.filter((c) => c.status !== "none")),
    );
    signedIn({ desk });
    const t = await table();
    fireEvent.click(screen.getByRole("switch", { name: "只看未提交的学院" }));
    expect(cellTexts(t)[0]).toEqual(["没有符合条件的学院"]);
  });

  test("the countdown at fixed clocks: days and hours left, under an hour, past the deadline", async () => {
    const h = signedIn({ now: "2026-12-02T08:37:00+08:00" });
    const line = await screen.findByText(/^提交截止：/);
    expect(line.textContent).toBe("提交截止：2026年12月10日 11:00 · 还剩 8 天 2 小时");
    act(() => h.clock.set("2026-12-10T10:00:00+08:00"));
    expect((await screen.findByText(/^提交截止：/)).textContent).toBe(
      "提交截止：2026年12月10日 11:00 · 还剩 0 天 1 小时",
    );
    act(() => h.clock.set("2026-12-10T10:00:01+08:00"));
    expect((await screen.findByText(/^提交截止：/)).textContent).toBe(
      "提交截止：2026年12月10日 11:00 · 还剩不到 1 小时",
    );
    act(() => h.clock.set("2026-12-10T11:00:00+08:00"));
    expect((await screen.findByText(/^提交截止：/)).textContent).toBe(
      "提交截止：2026年12月10日 11:00 · 已过截止时间",
    );
  });

  test("past the deadline on first render", async () => {
    signedIn({ now: "2027-01-05T00:00:00Z" });
    expect((await screen.findByText(/^提交截止：/)).textContent).toBe(
      "提交截止：2026年12月10日 11:00 · 已过截止时间",
    );
  });

  test("retry posts to the failed college's URL with the key, says so and reloads the table", async () => {
    const desk = standardDesk().on("POST /api/desk/colleges/%E6%B3%95%E5%AD%A6%E9%99%A2/retry", () => {
      desk.on(
        "GET /api/desk/colleges",
        collegesReply(COLLEGES.map((c) => (c.college === "法学院" ? { ...c, status: "queued" } : c))),
      );
      return { status: 202, body: { id: "s9", status: "queued", message: "已重新排队发送" } };
    });
    signedIn({ desk });
    const t = await table();
    expect(
      screen.getAllByRole("button", { name: /^重新发送/ }).map((b) => b.getAttribute("aria-label")),
    ).toEqual(["重新发送（法学院）"]);
    fireEvent.click(screen.getByRole("button", { name: "重新发送（法学院）" }));
    expect((await screen.findByRole("status")).textContent).toBe("法学院：已重新排队发送");
    const [post] = desk.made("POST /api/desk/colleges/%E6%B3%95%E5%AD%A6%E9%99%A2/retry");
    expect(post.headers["X-Access-Key"]).toBe(DESK_KEY);
    await desk.called("GET /api/desk/colleges", 2);
    await waitFor(() => expect(cellTexts(t)[1].slice(0, 2)).toEqual(["法学院", "已提交 · 待发送"]));
    expect(screen.queryByRole("button", { name: /^重新发送/ })).toBeNull();
  });

  test("a refused retry shows the server's message", async () => {
    const desk = standardDesk().on("POST /api/desk/colleges/%E6%B3%95%E5%AD%A6%E9%99%A2/retry", {
      status: 409,
      body: { status: 409, message: "该学院最新的名单没有发送失败，无需重发" },
    });
    signedIn({ desk });
    await table();
    fireEvent.click(screen.getByRole("button", { name: "重新发送（法学院）" }));
    expect((await screen.findByRole("alert")).textContent).toBe("该学院最新的名单没有发送失败，无需重发");
    expect(desk.made("GET /api/desk/colleges")).toHaveLength(1);
  });
});
