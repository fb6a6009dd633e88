import { describeSubmission, normalizeServerUrl, postSubmission } from "../../src/taskpane/sendClient";

describe("send client", () => {
  test("server addresses need a scheme; trailing slashes go", () => {
    expect(normalizeServerUrl("https://pyk.lzu.edu.cn/")).toBe("https://pyk.lzu.edu.cn");
    expect(normalizeServerUrl(" http://10.0.0.5:8080/capture/ ")).toBe("http://10.0.0.5:8080/capture");
    expect(normalizeServerUrl("pyk.lzu.edu.cn")).toBeUndefined();
    expect(normalizeServerUrl("ftp://pyk.lzu.edu.cn")).toBeUndefined();
  });

  test("outcomes in words", () => {
    const base = { id: "abc", attempts: 1 };
    expect(describeSubmission({ ...base, status: "sent", messageId: "<m@x>" }, "pyk@lzu.edu.cn").text).toBe(
      "已提交，编号 abc：邮件已发送至 pyk@lzu.edu.cn（邮件编号 <m@x>）",
    );
    expect(describeSubmission({ ...base, status: "failed", error: "收件人被拒绝" }, "p@x").intent).toBe(
      "error",
    );
    expect(describeSubmission({ ...base, status: "queued", duplicate: true }, "p@x").text).toContain(
      "这份名单今天已经提交过，未重复发送",
    );
  });

  test("unexpected answers: a 500 without body, a 202 without an id", async () => {
    const req = {
      serverUrl: "https://x",
      accessKey: "k",
      fileName: "a.xlsx",
      bytes: new Uint8Array([1]),
      college: "文学院",
      senderName: "张",
      senderEmail: "z@x.cn",
    };
    const answer = (status: number, body: unknown) => async () => ({
      status,
      json: async () => {
        if (body === undefined) throw new SyntaxError("Unexpected end of JSON input");
        return body;
      },
    });
    expect(await postSubmission(answer(500, undefined), req)).toEqual({
      kind: "rejected",
      status: 500,
      message: "服务器出错（500），请稍后再试",
    });
    const odd = await postSubmission(answer(202, { ok: true }), req);
    expect(odd.kind).toBe("rejected");
    const refused = await postSubmission(
      answer(422, { message: "名单是空的", problems: [{ bogus: 1 }] }),
      req,
    );
    expect(refused).toEqual({ kind: "refused", message: "名单是空的", problems: [] });
  });
});
