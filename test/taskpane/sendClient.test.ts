import {
  describeSubmission,
  normalizeServerUrl,
  postSubmission,
  submissionReference,
} from "../../src/taskpane/sendClient";

describe("send client", () => {
  test("server addresses need a scheme; trailing slashes go", () => {
    expect(normalizeServerUrl("https://pyk.lzu.edu.cn/")).toBe("https://pyk.lzu.edu.cn");
    expect(normalizeServerUrl(" http://10.0.0.5:8080/capture/ ")).toBe("http://10.0.0.5:8080/capture");
    expect(normalizeServerUrl("pyk.lzu.edu.cn")).toBeUndefined();
    expect(normalizeServerUrl("ftp://pyk.lzu.edu.cn")).toBeUndefined();
  });

  test("a reference to read out: college, the day in China time, a small number stable per id", () => {
    // 2026-12-01 17:30 UTC is 2 December in Lanzhou.
    const at = new Date("2026-12-01T17:30:00Z");
    expect(submissionReference("信息科学与工程学院", at, "65f1c0a2b3d4e5f601234567")).toBe(
      "信息科学与工程学院-1202-12",
    );
    expect(submissionReference("文学院", new Date("2026-03-05T02:00:00Z"), "abc")).toBe("文学院-0305-693");
  });

  test("outcomes in a secretary's words, with the reference and no server ids or file paths", () => {
    const base = { id: "abc", attempts: 1 };
    const ref = "文学院-0305-693";
    expect(
      describeSubmission({ ...base, status: "sent", messageId: "<m@x>" }, "pyk@lzu.edu.cn", ref).text,
    ).toBe("名单已发送到研究生院（pyk@lzu.edu.cn）。回执号：文学院-0305-693（询问时请报这个号）。");
    const outbox = describeSubmission(
      { ...base, status: "sent", delivery: "outbox", note: "邮件已保存到 outbox/abc.eml" },
      "pyk@lzu.edu.cn",
      ref,
    ).text;
    expect(outbox).toBe(
      "研究生院的服务器已收下名单。服务器没有直接发邮件，由研究生院的管理员转发到 pyk@lzu.edu.cn。回执号：文学院-0305-693（询问时请报这个号）。",
    );
    expect(describeSubmission({ ...base, status: "failed", error: "收件人被拒绝" }, "p@x", ref)).toEqual({
      intent: "error",
      text: "研究生院的服务器收下了名单，但邮件没有发出去（收件人被拒绝）。请联系研究生院，回执号：文学院-0305-693（询问时请报这个号）。也可以在“提交”页把名单保存为文件后自行发送。",
    });
    expect(describeSubmission({ ...base, status: "queued", duplicate: true }, "p@x", ref).text).toBe(
      "研究生院的服务器已收下名单，邮件正在发送（已尝试 1 次），不成功会自动重试，不必重新提交。这份名单今天已经提交过，这次没有重复发送。回执号：文学院-0305-693（询问时请报这个号）。",
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
