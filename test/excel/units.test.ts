import { DEFAULT_CAMPAIGN, parseCampaign } from "../../src/domain";
import { parseRange, rectAddress, cellAddress } from "../../src/excel/a1";
import { detectCapabilities } from "../../src/excel/capabilities";
import { userMessage } from "../../src/excel/errors";
import { ChangeQueue, MAX_EVENT_ROWS, OwnWriteGuard } from "../../src/excel/liveCheck";
import { originalFill, SheetMarks, markColour } from "../../src/excel/marks";
import { dropDownSources, uniqueSheetName } from "../../src/excel/prepare";
import { gridFromBlock, isDateFormat, toCellValue } from "../../src/excel/readList";
import { parseProfile } from "../../src/excel/settings";
import { toBase64 } from "../../src/excel/submissionSheet";

describe("capabilities", () => {
  const upTo = (v: number) => (name: string, version: string) =>
    name === "ExcelApi" && Number(version.split(".")[1]) <= v;
  it.each([
    [1, { apiVersion: "1.1", liveCheck: false, notes: false, comments: false, dropDowns: false }],
    [7, { apiVersion: "1.7", liveCheck: true, comments: false, dropDowns: false, createWorkbook: false }],
    [12, { apiVersion: "1.12", comments: true, notes: false, dropDowns: true, createWorkbook: true }],
    [20, { apiVersion: "1.20", notes: true, comments: false, undoableWrites: true }],
  ])("ExcelApi 1.%i", (v, expected) => {
    expect(detectCapabilities(upTo(v))).toMatchObject(expected);
  });
});

describe("addresses and cell values", () => {
  it("parses what Excel reports", () => {
    expect(parseRange("'名单 1'!B3:D40")).toEqual({ top: 2, left: 1, bottom: 39, right: 3 });
    expect(parseRange("Sheet1!C7")).toEqual({ top: 6, left: 2, bottom: 6, right: 2 });
    expect(parseRange("3:5")).toMatchObject({ top: 2, bottom: 4, left: 0, right: 16383 });
    expect(parseRange("A:C")).toMatchObject({ top: 0, bottom: 1048575, left: 0, right: 2 });
    expect(parseRange("nonsense!")).toBeUndefined();
    expect(rectAddress({ top: 0, left: 0, bottom: 9, right: 13 })).toBe("A1:N10");
    expect(cellAddress(3, 5)).toBe("F3");
  });

  it("pads a block to A1, keeps numbers, turns empties to null and dates to ISO", () => {
    const rows = gridFromBlock(1, 1, [["姓名", 110105199001010000, ""]], [["General", "General", "@"]]);
    expect(rows).toEqual([
      [null, null, null, null],
      [null, "姓名", 110105199001010000, null],
    ]);
    expect(isDateFormat("yyyy/m/d")).toBe(true);
    expect(isDateFormat('yyyy"年"m"月"')).toBe(true);
    expect(isDateFormat("0.00%")).toBe(false);
    expect(isDateFormat("@")).toBe(false);
    expect(toCellValue(43252, "yyyy/m/d")).toBe("2018-06-01");
    expect(toCellValue(43252, "General")).toBe(43252);
    expect(toCellValue(true)).toBe(true);
  });
});

describe("marks", () => {
  it("diffs only changed cells, within the rows in scope", () => {
    const marks = new SheetMarks();
    const a = { row: 3, col: 2, severity: "error" as const, note: "甲" };
    const b = { row: 4, col: 5, severity: "warning" as const, note: "乙" };
    const first = marks.diff([a, b]);
    expect(first.add).toHaveLength(2);
    marks.apply(first, new Map());
    expect(marks.diff([a, b])).toEqual({ add: [], change: [], remove: [] });
    const changed = marks.diff([{ ...b, severity: "error" }], new Set([4]));
    expect(changed.change).toHaveLength(1);
    expect(changed.remove).toEqual([]); // row 3 is out of scope
    expect(marks.diff([], new Set([3])).remove.map((c) => c.row)).toEqual([3]);
  });

  it("reads a fill's original colour, ignoring no fill and marks left by an earlier session", () => {
    expect(originalFill("#FFFFFF", null)).toBeNull();
    expect(originalFill("#FFFFFF", 0)).toBe("#FFFFFF");
    expect(originalFill("#ffffff")).toBeNull();
    expect(originalFill(markColour("error"))).toBeNull();
    expect(originalFill("#00b0f0", 0)).toBe("#00B0F0");
  });
});

describe("live-check bookkeeping", () => {
  it("merges a burst: single cells from details, multi-cell edits as rows, header edits as a full check", () => {
    const q = new ChangeQueue();
    const useDetails = () => true;
    q.push({ worksheetId: "s", address: "C5", details: { valueAfter: "x", valueTypeAfter: "String" } });
    q.push({ worksheetId: "s", address: "A7:N9" });
    q.push({ worksheetId: "other", address: "A1" });
    const batch = q.take("s", 2, useDetails);
    expect(batch.full).toBe(false);
    expect(batch.cells).toEqual([{ row: 5, col: 2, value: "x" }]);
    expect([...batch.rows]).toEqual([7, 8, 9]);
    expect(q.size).toBe(0);
    q.push({ worksheetId: "s", address: "B2" });
    expect(q.take("s", 2, useDetails).full).toBe(true);
    q.push({ worksheetId: "s", address: "A:A" });
    expect(q.take("s", 2, useDetails).full).toBe(true);
  });

  it("a burst of big pastes beyond MAX_EVENT_ROWS rows in all is one full check, not a huge row set", () => {
    const q = new ChangeQueue();
    const half = MAX_EVENT_ROWS / 2;
    q.push({ worksheetId: "s", address: `A3:N${2 + half}` });
    q.push({ worksheetId: "s", address: `A${3 + half}:N${2 + 2 * half}` });
    const exact = q.take("s", 2, () => true);
    expect(exact.full).toBe(false);
    expect(exact.rows.size).toBe(MAX_EVENT_ROWS);
    for (let i = 0; i < 100; i++)
      q.push({ worksheetId: "s", address: `A${3 + i * half}:N${2 + (i + 1) * half}` });
    const burst = q.take("s", 2, () => true);
    expect(burst.full).toBe(true);
    expect(burst.rows.size).toBe(0);
  });

  it("recognises the add-in's own writes", () => {
    let t = 0;
    const guard = new OwnWriteGuard(() => t, 1000);
    expect(guard.isOwn({ worksheetId: "s", address: "A1", triggerSource: "ThisLocalAddin" })).toBe(true);
    guard.record("s", [{ top: 4, left: 2, bottom: 4, right: 2 }]);
    expect(guard.isOwn({ worksheetId: "s", address: "C5", triggerSource: "Unknown" })).toBe(false);
    expect(guard.isOwn({ worksheetId: "s", address: "C5" })).toBe(true);
    expect(guard.isOwn({ worksheetId: "s", address: "C5" })).toBe(false); // consumed
    guard.record("s", [{ top: 4, left: 2, bottom: 4, right: 2 }]);
    t = 5000;
    expect(guard.isOwn({ worksheetId: "s", address: "C5" })).toBe(false); // aged out
  });
});

describe("small helpers", () => {
  it("drop-down sources stay within Excel's 255 characters", () => {
    const lists = dropDownSources(DEFAULT_CAMPAIGN);
    expect(lists.get("gender")).toBe("男,女");
    expect(lists.has("college")).toBe(false);
    expect(dropDownSources(DEFAULT_CAMPAIGN, "文学院").get("college")).toBe("文学院");
    const few = parseCampaign({ gradBatches: ["2019年6月"] });
    expect(dropDownSources(few).get("gradDate")).toBe("2019年6月");
    expect(uniqueSheetName("提交名单", ["提交名单", "提交名单 (2)"])).toBe("提交名单 (3)");
  });

  it("encodes base64 like atob expects", () => {
    for (const n of [0, 1, 2, 3, 100]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37) % 256);
      expect(Uint8Array.from(atob(toBase64(bytes)), (c) => c.charCodeAt(0))).toEqual(bytes);
    }
  });

  it("reads back a stored profile and rejects junk", () => {
    expect(parseProfile('{"college":"文学院"}')).toMatchObject({ college: "文学院", mobile: "" });
    expect(parseProfile("{oops")).toBeUndefined();
    expect(parseProfile({ college: 3 })).toBeUndefined();
  });

  it("speaks Chinese about Office errors", () => {
    expect(userMessage("检查名单", { code: "AccessDenied" })).toBe(
      "检查名单时出错：工作簿受保护或为只读，无法写入。",
    );
    expect(userMessage("检查名单", new Error("boom"))).toMatch(/^检查名单时出错：请稍后重试/);
  });
});
