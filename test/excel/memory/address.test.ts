import {
  formatAddress,
  formatRef,
  parseAddress,
  sheetPrefix,
  MAX_COLUMNS,
  MAX_ROWS,
} from "../../../src/excel/memory/address";

describe("A1 addresses", () => {
  it("parses single cells, ranges, absolute references and sheet parts", () => {
    expect(parseAddress("A1")).toEqual({ rect: { top: 0, left: 0, bottom: 0, right: 0 } });
    expect(parseAddress("B2:D10")).toEqual({ rect: { top: 1, left: 1, bottom: 9, right: 3 } });
    expect(parseAddress("$B$2:$d$10")?.rect).toEqual({ top: 1, left: 1, bottom: 9, right: 3 });
    expect(parseAddress("Sheet1!A1:B2")).toEqual({
      sheetName: "Sheet1",
      rect: { top: 0, left: 0, bottom: 1, right: 1 },
    });
    expect(parseAddress("'My ''odd'' sheet'!C3")).toEqual({
      sheetName: "My 'odd' sheet",
      rect: { top: 2, left: 2, bottom: 2, right: 2 },
    });
    expect(parseAddress("名单!AA100")?.rect).toEqual({ top: 99, left: 26, bottom: 99, right: 26 });
  });

  it("normalises reversed corners", () => {
    expect(parseAddress("D10:B2")?.rect).toEqual({ top: 1, left: 1, bottom: 9, right: 3 });
  });

  it("parses whole rows and whole columns", () => {
    expect(parseAddress("3:5")?.rect).toEqual({ top: 2, bottom: 4, left: 0, right: MAX_COLUMNS - 1 });
    expect(parseAddress("A:C")?.rect).toEqual({ top: 0, bottom: MAX_ROWS - 1, left: 0, right: 2 });
    expect(parseAddress("Sheet1!$C:$C")?.rect).toEqual({ top: 0, bottom: MAX_ROWS - 1, left: 2, right: 2 });
  });

  it("rejects what Excel would reject", () => {
    for (const bad of ["", "A", "3", "A0", "1A", "A1:B2:C3", "XFE1", "A1048577", "!A1", "'x!A1", "A1:"]) {
      expect(parseAddress(bad)).toBeNull();
    }
    expect(parseAddress("XFD1048576")?.rect).toEqual({
      top: MAX_ROWS - 1,
      left: MAX_COLUMNS - 1,
      bottom: MAX_ROWS - 1,
      right: MAX_COLUMNS - 1,
    });
  });

  it("formats addresses the way Range.address reports them", () => {
    expect(formatAddress("Sheet1", { top: 0, left: 0, bottom: 2, right: 2 })).toBe("Sheet1!A1:C3");
    expect(formatAddress("Sheet1", { top: 4, left: 1, bottom: 4, right: 1 })).toBe("Sheet1!B5");
    expect(formatRef({ top: 2, left: 0, bottom: 4, right: MAX_COLUMNS - 1 })).toBe("3:5");
    expect(formatRef({ top: 0, left: 0, bottom: MAX_ROWS - 1, right: 2 })).toBe("A:C");
    expect(formatAddress("My sheet", { top: 0, left: 0, bottom: 0, right: 0 })).toBe("'My sheet'!A1");
  });

  it("quotes sheet names only when needed", () => {
    expect(sheetPrefix("名单")).toBe("名单!");
    expect(sheetPrefix("Sheet1")).toBe("Sheet1!");
    expect(sheetPrefix("A1")).toBe("'A1'!");
    expect(sheetPrefix("2024")).toBe("'2024'!");
    expect(sheetPrefix("It's")).toBe("'It''s'!");
  });

  it("round-trips every rectangle it formats", () => {
    const rects = [
      { top: 0, left: 0, bottom: 0, right: 0 },
      { top: 10, left: 27, bottom: 5000, right: 700 },
      { top: 0, left: 3, bottom: MAX_ROWS - 1, right: 3 },
      { top: 7, left: 0, bottom: 7, right: MAX_COLUMNS - 1 },
    ];
    for (const rect of rects)
      expect(parseAddress(formatAddress("Data", rect))).toEqual({ sheetName: "Data", rect });
  });
});
