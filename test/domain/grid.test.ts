import fc from "fast-check";
import { cellText, columnIndex, columnLetter, isBlankCell, isBlankRow } from "../../src/domain";

describe("grid helpers", () => {
  it("converts column indexes to letters and back", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      "A",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), (i) => expect(columnIndex(columnLetter(i))).toBe(i)),
    );
    expect(columnIndex("ab")).toBe(27);
  });

  it("shows numbers as Excel shows text, without exponent", () => {
    expect(cellText(220150901)).toBe("220150901");
    expect(cellText(1e20)).toBe("100000000000000000000");
    expect(cellText(110105199003071230)).toMatch(/^11010519900307\d{4}$/);
    expect(cellText(2018.6)).toBe("2018.6");
    expect(cellText(true)).toBe("TRUE");
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
  });

  it("treats null, empty and whitespace-only cells as blank", () => {
    for (const v of [null, undefined, "", "  ", "\t", "\u3000", "\u00a0"]) expect(isBlankCell(v)).toBe(true);
    for (const v of [0, false, "0", " a", "张"]) expect(isBlankCell(v)).toBe(false);
    expect(isBlankRow(undefined)).toBe(true);
    expect(isBlankRow([])).toBe(true);
    expect(isBlankRow([null, " ", ""])).toBe(true);
    expect(isBlankRow([null, " ", 0])).toBe(false);
  });
});
