import { createDeskApi, DESK_PATHS, fileNameFrom, readCollege, readSubmission } from "../../src/desk/deskApi";
import { FakeDesk, DESK_KEY } from "./fakeDesk";

function api(desk: FakeDesk, onUnauthorized?: () => void) {
  return createDeskApi({ fetchImpl: desk.fetch, accessKey: DESK_KEY, onUnauthorized });
}

describe("desk API client", () => {
  test("paths: the college is one encoded path segment", () => {
    expect(DESK_PATHS.retry("外国语学院/日语")).toBe(
      "/api/desk/colleges/%E5%A4%96%E5%9B%BD%E8%AF%AD%E5%AD%A6%E9%99%A2%2F%E6%97%A5%E8%AF%AD/retry",
    );
    expect(DESK_PATHS.payments("法学院")).toBe("/api/desk/colleges/%E6%B3%95%E5%AD%A6%E9%99%A2/payments");
    expect(DESK_PATHS.submissions("法学院")).toBe(
      "/api/desk/colleges/%E6%B3%95%E5%AD%A6%E9%99%A2/submissions",
    );
  });

  test("refusals: the server's Chinese message, else a Chinese sentence by status; 401 and 403 sign out", async () => {
    const desk = new FakeDesk()
      .on("GET /api/desk/audit", { status: 429, body: { status: 429, message: "请求过于频繁，请稍后再试" } })
      .on("GET /api/desk/duplicates", { status: 502 })
      .on("POST /api/desk/reminders", { status: 400, body: { message: "Body cannot be empty" } })
      .on("GET /api/desk/colleges", {
        status: 403,
        body: { status: 403, message: "学院密钥不能用于研究生院" },
      });
    let signedOut = 0;
    const a = api(desk, () => signedOut++);
    expect(await a.audit()).toEqual({ ok: false, status: 429, message: "请求过于频繁，请稍后再试" });
    expect(await a.duplicates()).toEqual({
      ok: false,
      status: 502,
      message: "服务器出错（502），请稍后再试",
    });
    expect(await a.previewReminders()).toEqual({
      ok: false,
      status: 400,
      message: "服务器拒绝了请求（400）",
    });
    expect(await a.colleges()).toEqual({ ok: false, status: 403, message: "密钥不对" });
    expect(await a.retry("文学院")).toEqual({ ok: false, status: 404, message: "没有这个地址" });
    expect(signedOut).toBe(1);
    desk.unreachable = true;
    expect(await a.colleges()).toEqual({ ok: false, status: 0, message: "无法连接服务器" });
  });

  test("the campaign is read without the key", async () => {
    const desk = new FakeDesk().on("GET /api/campaign", {
      status: 200,
      body: {
        campaign: { submitDeadline: "2026-12-10T11:00:00+08:00", cohort: "2027年毕业研究生" },
        version: "1",
      },
    });
    expect(await api(desk).campaign()).toEqual({
      ok: true,
      value: { submitDeadline: "2026-12-10T11:00:00+08:00", cohort: "2027年毕业研究生", school: undefined },
    });
    expect(desk.requests[0].headers).toEqual({});
  });

  test("readers: required fields checked, optional breakdowns optional, feePaid absent is 0", () => {
    expect(readCollege({ college: "文学院", status: "none", students: 0, feeDue: 0 })).toEqual({
      college: "文学院",
      status: "none",
      students: 0,
      feeDue: 0,
      feePaid: 0,
      submittedAt: undefined,
      byLevel: undefined,
      byMode: undefined,
      byBatch: undefined,
    });
    expect(readCollege({ college: "文学院", status: "sending", students: 0, feeDue: 0 })).toBeUndefined();
    // A failure's reason is shown only in Chinese.
    const failed = { college: "法学院", status: "failed", students: 2, feeDue: 26, feePaid: 0 };
    expect(readCollege({ ...failed, error: "550 5.1.1 mailbox unavailable" })?.error).toBeUndefined();
    expect(readCollege({ ...failed, error: "收件服务器拒收（550）" })?.error).toBe("收件服务器拒收（550）");
    expect(readCollege({ college: "文学院", status: "sent", students: "3", feeDue: 39 })).toBeUndefined();
    // The engine's StudentChange (before/after, fields with key and header) reads as the brief's shape.
    expect(
      readSubmission({
        id: 7,
        submittedAt: "2026-11-30T02:05:00Z",
        students: 3,
        status: "queued",
        changes: {
          added: [],
          removed: [],
          changed: [
            {
              matchedBy: "studentNo",
              before: { name: "张三", studentNo: "1" },
              after: { name: "张三", studentNo: "1" },
              fields: [{ key: "phone", header: "联系电话", before: "1", after: "2" }],
            },
          ],
        },
      }),
    ).toEqual({
      id: "7",
      submittedAt: "2026-11-30T02:05:00Z",
      students: 3,
      status: "queued",
      changes: {
        added: [],
        removed: [],
        changed: [{ studentNo: "1", name: "张三", fields: [{ field: "联系电话", before: "1", after: "2" }] }],
      },
    });
  });

  test("Content-Disposition: the UTF-8 name first, then the plain one", () => {
    expect(fileNameFrom("attachment; filename=\"a.xlsx\"; filename*=UTF-8''%E5%90%88%E5%B9%B6.xlsx")).toBe(
      "合并.xlsx",
    );
    expect(fileNameFrom('attachment; filename="merged.csv"')).toBe("merged.csv");
    expect(fileNameFrom("attachment")).toBeUndefined();
    expect(fileNameFrom(null)).toBeUndefined();
  });
});
