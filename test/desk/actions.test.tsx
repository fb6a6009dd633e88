/** @jest-environment jsdom */
import "../taskpane/polyfills";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { COLLEGES, collegesReply } from "./fixtures";
import { DESK_KEY } from "./fakeDesk";
import { cellTexts, dialogClosed, openedDialog, signedIn, standardDesk } from "./harness";

const PAYMENTS = "POST /api/desk/colleges/%E6%B3%95%E5%AD%A6%E9%99%A2/payments";

function type(dialog: HTMLElement, label: RegExp, value: string): void {
  fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
}

describe("fee desk", () => {
  test("the form checks each field in Chinese, then posts exactly the payment and reloads the table", async () => {
    const desk = standardDesk().on(PAYMENTS, () => {
      desk.on(
        "GET /api/desk/colleges",
        collegesReply(COLLEGES.map((c) => (c.college === "法学院" ? { ...c, feePaid: 26 } : c))),
      );
      return { status: 201, body: { id: 1 } };
    });
    signedIn({ desk });
    const table = await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("button", { name: "登记缴费（法学院）" }));
    const dialog = await openedDialog();
    within(dialog).getByText("2 人，应缴 26.00 元，已登记 0.00 元。");
    const submit = () => fireEvent.click(within(dialog).getByRole("button", { name: "登记", hidden: true }));

    submit();
    await within(dialog).findByText("缴费没有登记：请改正标出的项");
    for (const m of ["请填写金额", "请填写发放的拍照凭证张数", "请填写经办人"]) within(dialog).getByText(m);

    type(dialog, /^金额/, "26.505");
    type(dialog, /^发放拍照凭证/, "2.5");
    type(dialog, /^经办人/, "张老师");
    submit();
    await within(dialog).findByText("金额应为数字，最多两位小数，如 1300 或 1300.50");
    within(dialog).getByText("凭证张数应为整数");
    expect(within(dialog).queryByText("请填写经办人")).toBeNull();

    type(dialog, /^金额/, "0.00");
    submit();
    await within(dialog).findByText("金额不能为 0");
    expect(desk.made(PAYMENTS)).toHaveLength(0);

    type(dialog, /^金额/, " 26.5 ");
    type(dialog, /^发放拍照凭证/, "2");
    type(dialog, /^经办人/, " 张老师 ");
    type(dialog, /^备注/, "现金，收据 0012");
    submit();
    const post = await desk.called(PAYMENTS);
    expect(post.headers).toEqual({ "Content-Type": "application/json", "X-Access-Key": DESK_KEY });
    expect(post.body).toEqual({ amount: 26.5, vouchers: 2, by: "张老师", note: "现金，收据 0012" });
    await dialogClosed();
    expect((await screen.findByRole("status")).textContent).toBe(
      "已为法学院登记缴费 26.50 元，发放凭证 2 张",
    );
    await waitFor(() => expect(cellTexts(table)[1].slice(7, 10)).toEqual(["26.00", "26.00", "0.00"]));
  });

  test("a refused payment keeps the dialog open with the server's message", async () => {
    const desk = standardDesk().on(PAYMENTS, {
      status: 400,
      body: { status: 400, message: "金额不能超过应缴的十倍" },
    });
    signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("button", { name: "登记缴费（法学院）" }));
    const dialog = await openedDialog();
    type(dialog, /^金额/, "1300");
    type(dialog, /^发放拍照凭证/, "0");
    type(dialog, /^经办人/, "李老师");
    fireEvent.click(within(dialog).getByRole("button", { name: "登记", hidden: true }));
    expect((await within(dialog).findByRole("alert", { hidden: true })).textContent).toBe(
      "金额不能超过应缴的十倍",
    );
    expect((await desk.called(PAYMENTS)).body).toEqual({ amount: 1300, vouchers: 0, by: "李老师" });
  });
});

describe("reminders", () => {
  test("the dry run's recipients and the colleges without e-mail come first; only the confirmation sends", async () => {
    const desk = standardDesk().on("POST /api/desk/reminders", (r) =>
      (r.body as { dryRun: boolean }).dryRun
        ? {
            status: 200,
            body: {
              recipients: [{ college: "历史文化学院", email: "lswh@lzu.edu.cn" }],
              missing: ["哲学社会学院"],
            },
          }
        : {
            status: 202,
            body: { dryRun: false, recipients: [], missing: [], queued: 1, alreadyToday: ["外国语学院"] },
          },
    );
    signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("button", { name: "催交提醒…" }));
    const dialog = await openedDialog();
    expect(within(dialog).getByRole("list", { name: "提醒收件人", hidden: true }).textContent).toBe(
      "历史文化学院：lswh@lzu.edu.cn",
    );
    expect(within(dialog).getByRole("list", { name: "没有邮箱的学院", hidden: true }).textContent).toBe(
      "哲学社会学院",
    );
    expect(desk.made("POST /api/desk/reminders").map((r) => r.body)).toEqual([{ dryRun: true }]);

    fireEvent.click(within(dialog).getByRole("button", { name: "确认发送 1 封提醒", hidden: true }));
    await dialogClosed();
    expect((await screen.findByRole("status")).textContent).toBe(
      "已排队发送 1 封催交提醒邮件；外国语学院今天已提醒过，未重复发送",
    );
    const posts = desk.made("POST /api/desk/reminders");
    expect(posts.map((r) => r.body)).toEqual([{ dryRun: true }, { dryRun: false }]);
    expect(posts.map((r) => r.headers["X-Access-Key"])).toEqual([DESK_KEY, DESK_KEY]);
  });

  test("cancel sends nothing; nobody to remind disables the confirmation", async () => {
    const desk = standardDesk().on("POST /api/desk/reminders", {
      status: 200,
      body: { recipients: [], missing: [] },
    });
    signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("button", { name: "催交提醒…" }));
    const dialog = await openedDialog();
    within(dialog).getByText("没有可以发送提醒的学院。");
    expect(
      within(dialog)
        .getByRole("button", { name: "确认发送 0 封提醒", hidden: true })
        .hasAttribute("disabled"),
    ).toBe(true);
    fireEvent.click(within(dialog).getByRole("button", { name: "取消", hidden: true }));
    await dialogClosed();
    expect(desk.made("POST /api/desk/reminders")).toHaveLength(1);
  });
});

describe("downloads", () => {
  test("the merged workbook is fetched with the key and saved under the server's file name", async () => {
    const xlsx = new Blob(["PK\u0003\u0004"], {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    const desk = standardDesk()
      .on("GET /api/desk/export.xlsx", {
        status: 200,
        blob: xlsx,
        headers: {
          "Content-Disposition":
            "attachment; filename=\"merged.xlsx\"; filename*=UTF-8''10730%E5%85%B0%E5%B7%9E%E5%A4%A7%E5%AD%A6_%E5%90%88%E5%B9%B6%E5%90%8D%E5%8D%95.xlsx",
        },
      })
      .on("GET /api/desk/export.csv", { status: 200, blob: new Blob(["a,b"]) });
    const h = signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("button", { name: "下载合并名单（Excel）" }));
    expect((await screen.findByRole("status")).textContent).toBe("已下载 10730兰州大学_合并名单.xlsx");
    expect(desk.made("GET /api/desk/export.xlsx")[0].headers["X-Access-Key"]).toBe(DESK_KEY);
    expect(h.saved).toEqual([{ blob: xlsx, fileName: "10730兰州大学_合并名单.xlsx" }]);

    fireEvent.click(screen.getByRole("button", { name: "下载合并名单（CSV）" }));
    await waitFor(() => expect(h.saved).toHaveLength(2));
    expect(h.saved[1].fileName).toBe("合并名单.csv");
    expect(desk.made("GET /api/desk/export.csv")[0].headers["X-Access-Key"]).toBe(DESK_KEY);
  });

  test("a refused download saves nothing and shows the server's message", async () => {
    const desk = standardDesk().on("GET /api/desk/export.xlsx", {
      status: 409,
      body: { status: 409, message: "还没有学院提交名单，无法合并" },
    });
    const h = signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("button", { name: "下载合并名单（Excel）" }));
    expect((await screen.findByRole("alert")).textContent).toBe("还没有学院提交名单，无法合并");
    expect(h.saved).toEqual([]);
  });
});

describe("a college's history", () => {
  test("newest first, with the students added, removed and changed field by field; a list's own file", async () => {
    const desk = standardDesk().on("GET /api/desk/colleges/%E6%96%87%E5%AD%A6%E9%99%A2/submissions", {
      status: 200,
      body: [
        { id: "s1", submittedAt: "2026-11-29T01:00:00.000Z", students: 2, status: "sent" },
        {
          id: "s2",
          submittedAt: "2026-11-30T02:05:00.000Z",
          students: 3,
          status: "sent",
          changes: {
            added: [{ row: 4, name: "王五", studentNo: "220200003", idNumber: "620102199001011234" }],
            removed: [{ row: 3, name: "赵六", studentNo: "220200009" }],
            changed: [
              {
                studentNo: "220200001",
                name: "张三",
                fields: [{ field: "联系电话", before: "13900000000", after: "13911111111" }],
              },
            ],
          },
        },
      ],
    });
    desk.on("GET /api/desk/submissions/s2/file", { status: 200, blob: new Blob(["PK"]) });
    const h = signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    const opener = screen.getByRole("button", { name: "历史（文学院）" });
    fireEvent.click(opener);
    const dialog = await openedDialog();
    await within(dialog).findByText(/^2026年11月30日 10:05/);
    within(dialog).getByText("文学院 · 提交历史");
    const sections = within(dialog).getAllByRole("region", { hidden: true });
    expect(sections.map((s) => s.querySelector("h3")?.textContent)).toEqual([
      "2026年11月30日 10:05 · 3 人 · 已发送（最新，以此为准）",
      "2026年11月29日 09:00 · 2 人 · 已发送",
    ]);
    const latest = sections[0];
    expect(Array.from(latest.querySelectorAll("p, li")).map((e) => e.textContent)).toEqual([
      "新增 1 人：",
      "王五（220200003）",
      "删除 1 人：",
      "赵六（220200009）",
      "修改 1 人：",
    ]);
    expect(cellTexts(latest.querySelector("table")!)).toEqual([
      ["张三（220200001）", "联系电话", "13900000000", "13911111111"],
    ]);
    // No ID number is shown in the history.
    expect(dialog.textContent).not.toContain("620102");
    expect(sections[1].querySelector("p")?.textContent).toBe("首次提交");
    // A submission's own file, fetched with the key (the server names none here: the page does).
    fireEvent.click(
      within(dialog).getByRole("button", { name: "下载这份名单（2026年11月30日 10:05）", hidden: true }),
    );
    expect((await within(dialog).findByRole("status", { hidden: true })).textContent).toBe(
      "已下载 文学院_3人.xlsx",
    );
    expect(desk.made("GET /api/desk/submissions/s2/file").map((r) => r.headers["X-Access-Key"])).toEqual([
      DESK_KEY,
    ]);
    expect(h.saved.map((s) => s.fileName)).toEqual(["文学院_3人.xlsx"]);
    fireEvent.click(within(dialog).getByRole("button", { name: "关闭", hidden: true }));
    await dialogClosed();
  });

  test("a college that never submitted has no history button", async () => {
    signedIn();
    await screen.findByRole("table", { name: "各学院提交情况" });
    expect(screen.getAllByRole("button", { name: /^历史/ }).map((b) => b.getAttribute("aria-label"))).toEqual(
      ["历史（文学院）", "历史（法学院）", "历史（化学化工学院）"],
    );
  });
});
