import { isRegionSwitch, moveFor, parseClipboardRows } from "../../src/preview/gridKeys";

describe("parseClipboardRows (a block copied from Excel or WPS)", () => {
  it("splits tab-separated lines, CRLF or LF, and drops the last line break", () => {
    expect(parseClipboardRows("张三\t350102199001011234\r\n李四\t\r\n")).toEqual([
      ["张三", "350102199001011234"],
      ["李四", ""],
    ]);
    expect(parseClipboardRows("a\tb\nc\td")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("reads quoted cells with a line break, a tab or doubled quotes inside", () => {
    expect(parseClipboardRows('"甘肃省兰州市\n城关区"\t"说 ""是"""\t"a\tb"\n')).toEqual([
      ["甘肃省兰州市\n城关区", '说 "是"', "a\tb"],
    ]);
  });

  it("keeps a quote that does not open a quoted cell as text", () => {
    expect(parseClipboardRows('"半个引号\t5\n')).toEqual([['"半个引号', "5"]]);
    expect(parseClipboardRows('x"y\t"z')).toEqual([['x"y', '"z']]);
  });

  it("an empty clipboard is no rows", () => {
    expect(parseClipboardRows("")).toEqual([]);
  });

  it("is linear: 100,000 quoted cells parse in one pass", () => {
    const text = '"a""b"\t'.repeat(100_000);
    const rows = parseClipboardRows(text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(100_001);
    expect(rows[0][99_999]).toBe('a"b');
  });
});

describe("keys", () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  it("F6 and Ctrl+Tab leave the grid; Tab, Alt+F6 and Ctrl+F6 do not", () => {
    expect(isRegionSwitch(key("F6"))).toBe(true);
    expect(isRegionSwitch(key("Tab", { ctrlKey: true }))).toBe(true);
    expect(isRegionSwitch(key("Tab"))).toBe(false);
    expect(isRegionSwitch(key("F6", { altKey: true }))).toBe(false);
    expect(isRegionSwitch(key("F6", { ctrlKey: true }))).toBe(false);
  });
  it("Enter and Tab move down and right, Shift reverses them", () => {
    expect(moveFor("Enter", false)).toEqual({ row: 1, col: 0 });
    expect(moveFor("Enter", true)).toEqual({ row: -1, col: 0 });
    expect(moveFor("Tab", true)).toEqual({ row: 0, col: -1 });
    expect(moveFor("a", false)).toBeUndefined();
  });
});
