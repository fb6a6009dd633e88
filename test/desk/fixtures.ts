import type { CollegeRow } from "../../src/desk/deskApi";
import type { Reply } from "./fakeDesk";

/** Deadline 2026-12-10 11:00 China time (03:00 UTC). */
export const DEADLINE = "2026-12-10T11:00:00+08:00";

export function campaignReply(deadline = DEADLINE): Reply {
  return {
    status: 200,
    body: {
      campaign: {
        cohort: "2027年毕业研究生",
        submitDeadline: deadline,
        school: { name: "兰州大学", code: "10730" },
      },
      version: "c0ffee0000000001",
      source: "file",
      loadedAt: "2026-11-01T00:00:00.000Z",
      submitTo: "pyk@lzu.edu.cn",
    },
  };
}

/** Four colleges, one per status; 化学化工学院 paid 0.10 元 short (totals are added in 分). */
export const COLLEGES: CollegeRow[] = [
  {
    college: "文学院",
    status: "sent",
    students: 3,
    feeDue: 39,
    feePaid: 39,
    submittedAt: "2026-11-30T02:05:00.000Z",
    byLevel: { 博士: 1, 硕士: 2 },
    byMode: { 现场采集: 3 },
    byBatch: { "2027年6月": 3 },
    vouchers: 3,
  },
  {
    college: "法学院",
    status: "failed",
    students: 2,
    feeDue: 26,
    feePaid: 0,
    submittedAt: "2026-12-01T16:30:00.000Z",
    byLevel: { 硕士: 2 },
    byMode: { 现场采集: 1, 异地采集: 1 },
    error: "邮件服务器连续 5 次拒收（550）",
  },
  { college: "历史文化学院", status: "none", students: 0, feeDue: 0, feePaid: 0 },
  {
    college: "化学化工学院",
    status: "queued",
    students: 1000,
    feeDue: 13000,
    feePaid: 12999.9,
    submittedAt: "2026-12-01T01:00:00.000Z",
    byLevel: { 博士: 1000 },
    vouchers: 999,
  },
];

/** As the server may send it: 历史文化学院 without feePaid (no payment yet). */
export function collegesReply(rows: CollegeRow[] = COLLEGES): Reply {
  return {
    status: 200,
    body: rows.map((r) => {
      if (r.feePaid !== 0 || r.status !== "none") return r;
      const { feePaid: _feePaid, ...rest } = r;
      return rest;
    }),
  };
}
