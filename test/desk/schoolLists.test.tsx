/** @jest-environment jsdom */
import "../taskpane/polyfills";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { DESK_KEY } from "./fakeDesk";
import { cellTexts, dialogClosed, openedDialog, signedIn, standardDesk } from "./harness";

const ROSTER = {
  uploadedAt: "2026-12-01T02:00:00.000Z",
  by: "赵老师",
  students: 3,
  fileName: "花名册.xlsx",
};
const CAPTURED = {
  uploadedAt: "2026-12-01T03:30:00.000Z",
  by: "钱老师",
  students: 1,
  fileName: "已采集.csv",
};
const CHECKS = [
  {
    college: "文学院",
    row: 3,
    studentNo: "220200003",
    name: "王五",
    code: "captured.already",
    severity: "error",
    message: "该学生（按学号）已参加过图像信息采集，请勿重复采集，以免学信网数据冲突。",
  },
  {
    college: "法学院",
    row: 2,
    studentNo: "320200111",
    name: "李四",
    code: "roster.unknown",
    severity: "error",
    message: "学号“320200111”不在学籍名单中，请核对学号。",
  },
];

async function openTab() {
  await screen.findByRole("table", { name: "各学院提交情况" });
  fireEvent.click(screen.getByRole("tab", { name: "全校名单" }));
}

test("shows both lists (who, when, how many) and the engine's findings, one row each", async () => {
  const desk = standardDesk()
    .on("GET /api/desk/lists", { status: 200, body: { roster: ROSTER, captured: CAPTURED } })
    .on("GET /api/desk/checks", { status: 200, body: CHECKS });
  signedIn({ desk });
  await openTab();
  const table = await screen.findByRole("table", { name: "全校名单核对结果" });
  expect(cellTexts(table)).toEqual([
    ["文学院", "3", "220200003", "王五", CHECKS[0].message],
    ["法学院", "2", "320200111", "李四", CHECKS[1].message],
  ]);
  expect(screen.getByRole("group", { name: "全校学籍名单" }).textContent).toContain(
    "花名册.xlsx，3 人（赵老师 于 2026年12月1日 10:00 上传）",
  );
  expect(screen.getByRole("group", { name: "已采集名单" }).textContent).toContain(
    "已采集.csv，1 人（钱老师 于 2026年12月1日 11:30 上传）",
  );
  expect(screen.getByText("发现 2 处与全校名单不符")).toBeTruthy();
  expect(desk.made("GET /api/desk/lists")[0].headers).toEqual({ "X-Access-Key": DESK_KEY });
});

test("uploading the roster sends the file as multipart `file` with PUT, then reloads the lists and checks", async () => {
  let stored: typeof ROSTER | undefined;
  const desk = standardDesk()
    .on("GET /api/desk/lists", () => ({ status: 200, body: stored ? { roster: stored } : {} }))
    .on("GET /api/desk/checks", () => ({ status: 200, body: stored ? CHECKS.slice(1) : [] }))
    .on("PUT /api/desk/roster", () => {
      stored = { ...ROSTER, fileName: "花名册.csv" };
      return { status: 200, body: stored };
    });
  signedIn({ desk });
  await openTab();
  await screen.findByText("尚未上传全校名单");
  const line = screen.getByRole("group", { name: "全校学籍名单" });
  expect(line.textContent).toContain("未上传");
  const file = new File(["学号,姓名\r\n320200111,李四"], "花名册.csv", { type: "text/csv" });
  fireEvent.change(within(line).getByLabelText("选择全校学籍名单文件"), { target: { files: [file] } });

  const put = await desk.called("PUT /api/desk/roster");
  expect(put.headers).toEqual({ "X-Access-Key": DESK_KEY });
  const form = put.body as FormData;
  expect([...(form as unknown as { keys(): Iterable<string> }).keys()]).toEqual(["file"]);
  const sent = form.get("file") as File;
  expect([sent.name, sent.size]).toEqual(["花名册.csv", file.size]);

  expect(await screen.findByText("全校学籍名单已上传：3 人")).toBeTruthy();
  await desk.called("GET /api/desk/checks", 2);
  const table = await screen.findByRole("table", { name: "全校名单核对结果" });
  expect(cellTexts(table)).toEqual([["法学院", "2", "320200111", "李四", CHECKS[1].message]]);
  expect(screen.getByRole("button", { name: "替换全校学籍名单…" })).toBeTruthy();
  expect(desk.made("GET /api/desk/lists")).toHaveLength(2);
});

test("a refused upload says the server's Chinese reason", async () => {
  const desk = standardDesk()
    .on("GET /api/desk/lists", { status: 200, body: {} })
    .on("GET /api/desk/checks", { status: 200, body: [] })
    .on("PUT /api/desk/captured", {
      status: 422,
      body: { status: 422, message: "已采集名单中既没有“学号”列也没有“身份证号”列。" },
    });
  signedIn({ desk });
  await openTab();
  const line = await screen.findByRole("group", { name: "已采集名单" });
  const file = new File(["甲,乙"], "x.csv");
  fireEvent.change(within(line).getByLabelText("选择已采集名单文件"), { target: { files: [file] } });
  expect((await screen.findByRole("alert")).textContent).toBe(
    "已采集名单中既没有“学号”列也没有“身份证号”列。",
  );
  expect(desk.made("GET /api/desk/lists")).toHaveLength(1);
});

test("removing a list asks first: 取消 sends nothing, 确定删除 sends DELETE and reloads", async () => {
  let lists: Record<string, unknown> = { roster: ROSTER, captured: CAPTURED };
  const desk = standardDesk()
    .on("GET /api/desk/lists", () => ({ status: 200, body: lists }))
    .on("GET /api/desk/checks", { status: 200, body: [] })
    .on("DELETE /api/desk/captured", () => {
      lists = { roster: ROSTER };
      return { status: 204 };
    });
  signedIn({ desk });
  await openTab();
  fireEvent.click(await screen.findByRole("button", { name: "删除已采集名单" }));
  let dialog = await openedDialog();
  fireEvent.click(within(dialog).getByRole("button", { name: "取消", hidden: true }));
  await dialogClosed();
  expect(desk.made("DELETE /api/desk/captured")).toHaveLength(0);

  fireEvent.click(screen.getByRole("button", { name: "删除已采集名单" }));
  dialog = await openedDialog();
  expect(dialog.textContent).toContain("确定删除吗？");
  fireEvent.click(within(dialog).getByRole("button", { name: "确定删除", hidden: true }));
  const del = await desk.called("DELETE /api/desk/captured");
  expect([del.headers, del.body]).toEqual([{ "X-Access-Key": DESK_KEY }, undefined]);
  expect(await screen.findByText("已采集名单已删除")).toBeTruthy();
  await waitFor(() => expect(screen.queryByRole("button", { name: "删除已采集名单" })).toBeNull());
  expect(screen.getByRole("button", { name: "删除全校学籍名单" })).toBeTruthy();
  expect(screen.getByText("各学院名单与全校名单一致")).toBeTruthy();
});
