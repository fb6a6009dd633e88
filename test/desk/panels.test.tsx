/** @jest-environment jsdom */
import "../taskpane/polyfills";
import { fireEvent, screen, within } from "@testing-library/react";
import { DESK_KEY } from "./fakeDesk";
import { cellTexts, signedIn, standardDesk } from "./harness";

describe("cross-college duplicates", () => {
  test("each group names its colleges and rows; every ID number has its middle masked", async () => {
    const desk = standardDesk().on("GET /api/desk/duplicates", {
      status: 200,
      body: [
        {
          key: "idNumber",
          value: "620102199001011234",
          colleges: ["文学院", "法学院"],
          rows: [
            {
              college: "文学院",
              row: 5,
              name: "王五",
              studentNo: "220200003",
              idNumber: "620102199001011234",
            },
            {
              college: "法学院",
              row: 2,
              name: "王五",
              studentNo: "320200111",
              idNumber: "620102199001011234",
            },
          ],
        },
        {
          key: "studentNo",
          value: "220200001",
          colleges: ["文学院", "化学化工学院"],
          rows: [
            {
              college: "文学院",
              row: { row: 3, name: "张三", studentNo: "220200001", idNumber: "E12345678" },
            },
            { college: "化学化工学院", row: { name: "张珊", studentNo: "220200001" } },
          ],
        },
      ],
    });
    signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("tab", { name: "跨学院重复" }));
    const first = await screen.findByRole("table", {
      name: "身份证号 620102********1234 同时出现在 文学院、法学院",
    });
    expect(
      within(first)
        .getAllByRole("columnheader")
        .map((c) => c.textContent),
    ).toEqual(["学院", "名单行号", "姓名", "学号", "身份证号"]);
    expect(cellTexts(first)).toEqual([
      ["文学院", "5", "王五", "220200003", "620102********1234"],
      ["法学院", "2", "王五", "320200111", "620102********1234"],
    ]);
    const second = screen.getByRole("table", { name: "学号 220200001 同时出现在 文学院、化学化工学院" });
    expect(cellTexts(second)).toEqual([
      ["文学院", "3", "张三", "220200001", "E1*****78"],
      ["化学化工学院", "—", "张珊", "220200001", "—"],
    ]);
    expect(screen.getByText("发现 2 处跨学院重复")).toBeTruthy();
    expect(document.body.textContent).not.toContain("19900101");
    expect(desk.made("GET /api/desk/duplicates")[0].headers["X-Access-Key"]).toBe(DESK_KEY);
  });

  test("a huge report draws 200 groups and 50 rows of a group, and counts the rest", async () => {
    const row = (college: string, i: number) => ({
      college,
      row: i + 2,
      name: "同名",
      studentNo: "220200001",
    });
    const huge = {
      key: "studentNo",
      value: "220200001",
      colleges: ["文学院", "法学院"],
      rows: Array.from({ length: 100_000 }, (_, i) => row(i % 2 ? "法学院" : "文学院", i)),
    };
    const small = (i: number) => ({
      key: "studentNo",
      value: String(300000000 + i),
      colleges: ["文学院", "法学院"],
      rows: [row("文学院", i), row("法学院", i)],
    });
    const desk = standardDesk().on("GET /api/desk/duplicates", {
      status: 200,
      body: [huge, ...Array.from({ length: 1_000 }, (_, i) => small(i))],
    });
    signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("tab", { name: "跨学院重复" }));
    await screen.findByText("发现 1001 处跨学院重复");
    const first = screen.getByRole("table", { name: "学号 220200001 同时出现在 文学院、法学院" });
    expect(cellTexts(first)).toHaveLength(50);
    screen.getByText("另有 99950 行未列出");
    expect(screen.getAllByRole("table", { name: /同时出现在/ })).toHaveLength(200);
    screen.getByText("另有 801 处重复未列出，请下载合并名单查看。");
  });

  test("none found says so; 重新检查 asks again", async () => {
    const desk = standardDesk().on("GET /api/desk/duplicates", { status: 200, body: [] });
    signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("tab", { name: "跨学院重复" }));
    await screen.findByText("没有发现跨学院重复的学生");
    fireEvent.click(screen.getByRole("button", { name: "重新检查" }));
    await desk.called("GET /api/desk/duplicates", 2);
    await screen.findByText("没有发现跨学院重复的学生");
  });

  test("an answer of the wrong shape is 无法识别, not a crash", async () => {
    const desk = standardDesk().on("GET /api/desk/duplicates", { status: 200, body: { duplicates: [] } });
    signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("tab", { name: "跨学院重复" }));
    expect((await screen.findByRole("alert")).textContent).toBe("服务器的答复无法识别");
  });
});

describe("audit", () => {
  test("who downloaded what and when (China time)", async () => {
    const desk = standardDesk().on("GET /api/desk/audit", {
      status: 200,
      body: [
        { at: "2026-12-01T02:00:00.000Z", who: "研究生院", action: "下载合并名单", target: "export.xlsx" },
        { at: "2026-12-01T16:05:00.000Z", who: "研究生院", action: "下载学院名单", target: "文学院" },
      ],
    });
    signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("tab", { name: "操作记录" }));
    const table = await screen.findByRole("table", { name: "操作记录" });
    expect(cellTexts(table)).toEqual([
      ["2026年12月1日 10:00", "研究生院", "下载合并名单", "export.xlsx"],
      ["2026年12月2日 00:05", "研究生院", "下载学院名单", "文学院"],
    ]);
  });

  test("a server error shows the server's Chinese message; an English one is replaced", async () => {
    const desk = standardDesk().on("GET /api/desk/audit", {
      status: 500,
      body: { status: 500, message: "SqliteError: no such table: audit\n    at Database.prepare" },
    });
    signedIn({ desk });
    await screen.findByRole("table", { name: "各学院提交情况" });
    fireEvent.click(screen.getByRole("tab", { name: "操作记录" }));
    expect((await screen.findByRole("alert")).textContent).toBe("服务器出错（500），请稍后再试");
  });
});
