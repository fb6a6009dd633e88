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
    expect(refused).toEqual({ kind: "refused", message: "名单是空的", problems: [], campaignChanged: false });
  });

  test("sends the campaign version it checked with; a 422 says whether the campaign changed", async () => {
    const sent: FormData[] = [];
    const reply = (body: unknown) => async (_url: string, init?: RequestInit) => {
      sent.push(init?.body as FormData);
      return { status: 422, json: async () => body };
    };
    const req = {
      serverUrl: "https://x",
      accessKey: "k",
      fileName: "a.xlsx",
      bytes: new Uint8Array([1]),
      college: "文学院",
      senderName: "张",
      senderEmail: "z@x.cn",
      campaignVersion: "0123456789abcdef",
    };
    const changed = await postSubmission(
      reply({
        message: "活动配置已更新",
        problems: [],
        campaignVersion: "fedcba9876543210",
        campaignChanged: true,
        summary: { rows: 3, errors: 1, warnings: 2, defaultMode: "现场采集" },
      }),
      req,
    );
    expect(changed).toEqual({
      kind: "refused",
      message: "活动配置已更新",
      problems: [],
      campaignChanged: true,
      summary: { rows: 3, errors: 1, warnings: 2 },
    });
    expect(sent[0].get("campaignVersion")).toBe("0123456789abcdef");
    // Checked with the built-in campaign: no version to compare, none sent.
    await postSubmission(reply({ message: "x" }), { ...req, campaignVersion: undefined });
    expect(sent[1].has("campaignVersion")).toBe(false);
  });
});
