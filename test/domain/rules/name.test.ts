import { nameLength, nameProblem } from "../../../src/domain/rules/name";
import { checkOne, only, student, where } from "../helpers";

/** The first code point of each CJK extension A..I (all assigned Han in Node's ICU, checked below). */
const EXTENSIONS: [string, number][] = [
  ["A", 0x3400],
  ["B", 0x20000],
  ["C", 0x2a700],
  ["D", 0x2b740],
  ["E", 0x2b820],
  ["F", 0x2ceb0],
  ["G", 0x30000],
  ["H", 0x31350],
  ["I", 0x2ebf0],
];

describe("nameProblem (SPEC §3.3 name.chars)", () => {
  it.each(EXTENSIONS)("accepts a rare character of CJK extension %s", (_ext, cp) => {
    const ch = String.fromCodePoint(cp);
    expect(/^\p{Script=Han}$/u.test(ch)).toBe(true);
    expect(nameProblem(`王${ch}`)).toBeUndefined();
    expect(nameProblem(`${ch}${ch}`)).toBeUndefined();
    // One character, whatever its UTF-16 length.
    expect(nameLength(`王${ch}`)).toBe(2);
  });

  it("accepts compatibility ideographs and ordinary names", () => {
    for (const name of ["张三", "欧阳娜娜", "李\uf900", `林${String.fromCodePoint(0x2f800)}`, "王〇"]) {
      expect(nameProblem(name)).toBeUndefined();
    }
  });

  it("accepts minority names with the middle dot", () => {
    expect(nameProblem("阿卜杜·热合曼")).toBeUndefined();
    expect(nameProblem("买买提·艾力·吐尔逊")).toBeUndefined();
    expect(nameProblem(`阿${String.fromCodePoint(0x20000)}·热合曼`)).toBeUndefined();
  });

  it("rejects digits, Latin letters, spaces between Han and punctuation", () => {
    expect(nameProblem("张3")).toEqual({ reason: "digit", char: "3" });
    expect(nameProblem("张３")).toEqual({ reason: "digit", char: "３" });
    expect(nameProblem("张San")).toEqual({ reason: "latin", char: "S" });
    expect(nameProblem("Zhang San")).toEqual({ reason: "latin", char: "Z" });
    expect(nameProblem("张Ａ")).toEqual({ reason: "latin", char: "Ａ" });
    expect(nameProblem("张 三")).toEqual({ reason: "space" });
    expect(nameProblem("张，三")).toEqual({ reason: "punct", char: "，" });
    expect(nameProblem("张-三")).toEqual({ reason: "punct", char: "-" });
    expect(nameProblem("张三（女）")).toEqual({ reason: "punct", char: "（" });
    expect(nameProblem("张😀")).toEqual({ reason: "punct", char: "😀" });
  });

  it("rejects leading, trailing and doubled dots and a name of dots only", () => {
    expect(nameProblem("·热合曼")).toEqual({ reason: "punct", char: "·" });
    expect(nameProblem("阿卜杜·")).toEqual({ reason: "punct", char: "·" });
    expect(nameProblem("阿卜杜··热合曼")).toEqual({ reason: "punct", char: "·" });
    expect(nameProblem("··")).toEqual({ reason: "empty" });
  });

  it("rejects characters that are not Han (kana, Hangul)", () => {
    expect(nameProblem("さくら")?.reason).toBe("other");
    expect(nameProblem("김")?.reason).toBe("other");
  });
});

describe("name.chars through the checker", () => {
  it("reports nothing for valid names, rare characters included", () => {
    for (const [, cp] of EXTENSIONS) {
      expect(checkOne(student(0, { name: `王${String.fromCodePoint(cp)}` }))).toEqual([]);
    }
    expect(checkOne(student(0, { name: "阿卜杜·热合曼" }))).toEqual([]);
  });

  it("runs on the normalised name: a look-alike dot is only a warning", () => {
    expect(where(checkOne(student(0, { name: "阿卜杜•热合曼" })))).toEqual(["name:normalize.dot"]);
    expect(where(checkOne(student(0, { name: " 张三 " })))).toEqual(["name:normalize.whitespace"]);
  });

  it("reports invalid names as errors on the name cell", () => {
    for (const name of ["张3", "Zhang", "张 三", "张，三", "·热合曼", "阿卜杜..热合曼"]) {
      const p = only(checkOne(student(0, { name })), "name.chars");
      expect(p).toHaveLength(1);
      expect(p[0]).toMatchObject({ row: 3, column: "name", severity: "error" });
    }
  });
});
