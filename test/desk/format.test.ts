import {
  addBreakdowns,
  countdown,
  formatBreakdown,
  formatChinaTime,
  formatFen,
  maskIdNumber,
  toFen,
} from "../../src/desk/format";
import { checkPayment } from "../../src/desk/paymentForm";

describe("desk formats", () => {
  test("money in 分: exact sums, thousands separated, a minus for credit", () => {
    expect(formatFen(toFen(0.1) + toFen(0.2))).toBe("0.30");
    expect(formatFen(toFen(2275000))).toBe("2,275,000.00");
    expect(formatFen(toFen(12999.9))).toBe("12,999.90");
    expect(formatFen(-1300)).toBe("−13.00");
    expect(formatFen(5)).toBe("0.05");
  });

  test("China time whatever the zone; unreadable kept", () => {
    expect(formatChinaTime("2026-12-01T16:30:00Z")).toBe("2026年12月2日 00:30");
    expect(formatChinaTime("2026-12-10T11:00:00+08:00")).toBe("2026年12月10日 11:00");
    expect(formatChinaTime("昨天")).toBe("昨天");
  });

  test("countdown", () => {
    const at = (iso: string) => Date.parse(iso);
    const d = "2026-12-10T11:00:00+08:00";
    expect(countdown(d, at("2026-12-02T08:37:00+08:00"))).toBe("还剩 8 天 2 小时");
    expect(countdown(d, at("2026-12-09T11:00:00+08:00"))).toBe("还剩 1 天 0 小时");
    expect(countdown(d, at("2026-12-09T11:00:01+08:00"))).toBe("还剩 0 天 23 小时");
    expect(countdown(d, at("2026-12-10T10:59:59+08:00"))).toBe("还剩不到 1 小时");
    expect(countdown(d, at("2026-12-10T11:00:00+08:00"))).toBe("已过截止时间");
    expect(countdown("not a date", 0)).toBeUndefined();
  });

  test("breakdowns", () => {
    expect(formatBreakdown({ 博士: 1, 硕士: 0, 专业学位: 4 })).toBe("博士 1、专业学位 4");
    expect(formatBreakdown(undefined)).toBe("—");
    expect(addBreakdowns([{ a: 1 }, undefined, { b: 2, a: 3 }])).toEqual({ a: 4, b: 2 });
  });

  test("ID numbers keep only their ends", () => {
    expect(maskIdNumber("62010219900101123X")).toBe("620102********123X");
    expect(maskIdNumber("620102900101123")).toBe("620102*****1123");
    expect(maskIdNumber("E12345678")).toBe("E1*****78");
    expect(maskIdNumber("AB12")).toBe("****");
    expect(maskIdNumber("")).toBe("");
  });
});

describe("payment form", () => {
  const ok = { amount: "1300", vouchers: "100", by: "张老师", note: "" };
  test("an integer, one or two decimals, full-width digits; the body has no empty note", () => {
    expect(checkPayment(ok)).toEqual({ payment: { amount: 1300, vouchers: 100, by: "张老师" } });
    expect(checkPayment({ ...ok, amount: "1300.5" })).toEqual({
      payment: { amount: 1300.5, vouchers: 100, by: "张老师" },
    });
    expect(checkPayment({ ...ok, amount: "０.０１", note: " 转账 " })).toEqual({
      payment: { amount: 0.01, vouchers: 100, by: "张老师", note: "转账" },
    });
  });

  test("a minus corrects an earlier entry (full-width or typographic minus too)", () => {
    expect(checkPayment({ ...ok, amount: "－13", vouchers: "−1" })).toEqual({
      payment: { amount: -13, vouchers: -1, by: "张老师" },
    });
    expect(checkPayment({ ...ok, amount: "-0.5", vouchers: "0" })).toEqual({
      payment: { amount: -0.5, vouchers: 0, by: "张老师" },
    });
  });

  test("each wrong field in Chinese", () => {
    const errors = (d: Partial<typeof ok>) => {
      const r = checkPayment({ ...ok, ...d });
      return "errors" in r ? r.errors : {};
    };
    expect(errors({ amount: "" })).toEqual({ amount: "请填写金额" });
    for (const bad of ["1,300", "13.005", "13.", "1e3", "十三", "--1", "+13", "- 13"])
      expect(errors({ amount: bad })).toEqual({ amount: "金额应为数字，最多两位小数，如 1300 或 1300.50" });
    expect(errors({ amount: "0.00" })).toEqual({ amount: "金额不能为 0" });
    expect(errors({ amount: "-0" })).toEqual({ amount: "金额不能为 0" });
    expect(errors({ amount: "10000000.01" })).toEqual({ amount: "金额超过 1000 万元，请核对" });
    expect(errors({ amount: "-10000000.01" })).toEqual({ amount: "金额超过 1000 万元，请核对" });
    expect(errors({ vouchers: "" })).toEqual({ vouchers: "请填写发放的拍照凭证张数" });
    expect(errors({ vouchers: "2.5" })).toEqual({ vouchers: "凭证张数应为整数" });
    expect(errors({ vouchers: "100000" })).toEqual({ vouchers: "凭证张数应为整数" });
    expect(errors({ by: "  " })).toEqual({ by: "请填写经办人" });
    expect(errors({ by: "名".repeat(41) })).toEqual({ by: "经办人不超过 40 个字" });
    expect(errors({ note: "字".repeat(201) })).toEqual({ note: "备注不超过 200 个字" });
  });
});
