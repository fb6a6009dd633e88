import {
  displayText,
  excelNumberFromText,
  generalText,
  normaliseColour,
  parseTypedText,
  compareVersions,
} from "../../../src/excel/memory/values";

describe("Excel's input coercion", () => {
  it("turns numeric text in a General cell into a number with at most 15 significant digits", () => {
    const id = "110101199003071239";
    const parsed = parseTypedText(id, "General");
    expect(parsed.cell).toEqual({ type: "Double", value: 110101199003071000 });
    expect(String(parsed.cell?.value)).not.toBe(id);
  });

  it("zeroes digits past the fifteenth instead of rounding them", () => {
    expect(excelNumberFromText("", "1234567890123456789", 0)).toBe(1234567890123450000);
    expect(excelNumberFromText("", "110101199003071999", 0)).toBe(110101199003071000);
    expect(excelNumberFromText("-", "0.00123", 0)).toBe(-0.00123);
    expect(excelNumberFromText("", "12.5", 0)).toBe(12.5);
    expect(excelNumberFromText("", "000", 0)).toBe(0);
  });

  it("keeps text in a text-formatted cell and after an apostrophe", () => {
    expect(parseTypedText("110101199003071239", "@").cell).toEqual({
      type: "String",
      value: "110101199003071239",
    });
    expect(parseTypedText("'0123", "General").cell).toEqual({ type: "String", value: "0123" });
    expect(parseTypedText("0123", "General").cell).toEqual({ type: "Double", value: 123 });
  });

  it("recognises booleans, error literals, percentages and dates", () => {
    expect(parseTypedText("true", "General").cell).toEqual({ type: "Boolean", value: true });
    expect(parseTypedText("#N/A", "General").cell).toEqual({ type: "Error", value: "#N/A" });
    expect(parseTypedText("50%", "General")).toEqual({
      cell: { type: "Double", value: 0.5 },
      impliedFormat: "0%",
    });
    expect(parseTypedText("2018-06-01", "General")).toEqual({
      cell: { type: "Double", value: 43252 },
      impliedFormat: "yyyy/m/d",
    });
    expect(parseTypedText("2018-02-30", "General").cell).toEqual({ type: "String", value: "2018-02-30" });
    expect(parseTypedText("", "General").cell).toBeNull();
    expect(parseTypedText("张三", "General").cell).toEqual({ type: "String", value: "张三" });
  });

  it("refuses formulas rather than pretending to evaluate them", () => {
    expect(() => parseTypedText("=1+1", "General")).toThrow(
      expect.objectContaining({ code: "NotImplemented" }),
    );
  });
});

describe("display text", () => {
  it("shows General numbers in at most 11 characters", () => {
    expect(generalText(110101199003071000)).toBe("1.10101E+17");
    expect(generalText(12345678901)).toBe("12345678901");
    expect(generalText(123456789012)).toBe("1.23457E+11");
    expect(generalText(0.1 + 0.2)).toBe("0.3");
    expect(generalText(-42)).toBe("-42");
    expect(generalText(0)).toBe("0");
  });

  it("applies the formats a list uses", () => {
    expect(displayText({ type: "Double", value: 43252 }, "yyyy/m/d")).toBe("2018/6/1");
    expect(displayText({ type: "Double", value: 43252 }, "yyyy-mm-dd")).toBe("2018-06-01");
    expect(displayText({ type: "Double", value: 0.256 }, "0%")).toBe("26%");
    expect(displayText({ type: "Double", value: 1234567 }, "#,##0")).toBe("1,234,567");
    expect(displayText({ type: "Boolean", value: false }, "General")).toBe("FALSE");
    expect(displayText(undefined, "General")).toBe("");
  });
});

describe("colours and versions", () => {
  it("normalises colours to upper-case #RRGGBB", () => {
    expect(normaliseColour("#ffc7ce")).toBe("#FFC7CE");
    expect(normaliseColour("yellow")).toBe("#FFFF00");
    expect(normaliseColour("not-a-colour")).toBeNull();
    expect(normaliseColour("#FFF")).toBeNull();
  });

  it("compares API versions numerically", () => {
    expect(compareVersions("1.10", "1.9")).toBeGreaterThan(0);
    expect(compareVersions("1.7", "1.18")).toBeLessThan(0);
    expect(compareVersions("1.8", "1.8")).toBe(0);
  });
});
