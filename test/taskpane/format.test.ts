import { formatDateTime, formatRows, formatWindow, formatYuan, userMessage } from "../../src/taskpane/format";
import { FileReadError } from "../../src/files/readSheet";

describe("pane formatting", () => {
  test("campaign times in China time, whatever the machine's zone", () => {
    expect(formatDateTime("2017-10-30T11:00:00+08:00")).toBe("2017年10月30日 11:00");
    expect(formatDateTime("2017-10-30T03:00:00Z")).toBe("2017年10月30日 11:00");
    expect(formatDateTime("2018-04-14")).toBe("2018年4月14日");
    expect(formatDateTime("not a date")).toBe("not a date");
  });

  test("windows drop what the end shares with the start", () => {
    expect(formatWindow("2017-11-01T09:00:00+08:00", "2017-11-02T12:30:00+08:00")).toBe(
      "2017年11月1日 09:00 至 11月2日 12:30",
    );
    expect(formatWindow("2017-11-01T09:00:00+08:00", "2017-11-01T09:40:00+08:00")).toBe(
      "2017年11月1日 09:00–09:40",
    );
    expect(formatWindow("2017-12-30", "2018-01-02")).toBe("2017年12月30日 至 2018年1月2日");
  });

  test("money and row lists", () => {
    expect(formatYuan(481)).toBe("481 元");
    expect(formatYuan(6.5)).toBe("6.50 元");
    expect(formatRows([8, 12])).toBe("第 8、12 行");
    expect(formatRows([1, 2, 3, 4, 5], 3)).toBe("第 1、2、3、… 行等 5 行");
    expect(formatRows([])).toBe("");
  });

  test("user messages: the Chinese part only, never an English library message", () => {
    expect(userMessage(new FileReadError("empty", "文件是空的", "empty file"), "x")).toBe("文件是空的");
    expect(userMessage(new Error("Cannot read properties of undefined"), "操作失败")).toBe("操作失败");
    expect(userMessage("工作表受保护", "x")).toBe("工作表受保护");
    expect(userMessage(undefined, "操作失败")).toBe("操作失败");
  });
});
