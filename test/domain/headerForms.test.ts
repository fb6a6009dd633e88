import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_TEMPLATE, headerMatcher, locateHeader, templateSchema, type Grid } from "../../src/domain";

/** Header forms of real exports (issue 8 §1): 中文(代码), bare field codes, more aliases. */
const matcher = headerMatcher(DEFAULT_TEMPLATE);
const keyOf = (text: string) => matcher.keyOf(text);
const find = (grid: Grid) => locateHeader(grid, DEFAULT_TEMPLATE);

describe("中文(代码) headers", () => {
  it.each([
    ["姓名(XM)", "name"],
    ["证件号码(ZJHM)", "idNumber"],
    ["学号(XH)", "studentNo"],
    ["培养单位(PYDW)", "college"],
    ["毕业年月(BYNY)", "gradDate"],
    ["备注(BZ)", "note"],
    ["姓名（XM）", "name"],
    ["学号 （ XH ）", "studentNo"],
  ])("%s → %s", (text, key) => {
    expect(keyOf(text)).toBe(key);
  });

  it("matches on the code when the Chinese part is no alias, and on the Chinese part first", () => {
    expect(keyOf("学生编号(XH)")).toBe("studentNo");
    expect(keyOf("身份证件号码(sfzh)")).toBe("idNumber");
    // The Chinese part wins over a code that names another column.
    expect(keyOf("姓名(XH)")).toBe("name");
  });

  it("leaves columns outside the template alone, with or without a code", () => {
    for (const text of ["考生号(KSH)", "专业(ZYMC)", "民族（MZ）", "(XH", "()"]) {
      expect(keyOf(text)).toBeUndefined();
    }
    // The Chinese part decides whatever the brackets hold.
    expect(keyOf("学号()")).toBe("studentNo");
    expect(keyOf("学号(X H-1)")).toBe("studentNo");
  });
});

describe("bare field codes", () => {
  it.each([
    ["XM", "name"],
    ["XB", "gender"],
    ["XH", "studentNo"],
    ["SFZH", "idNumber"],
    ["ZJHM", "idNumber"],
    ["CC", "level"],
    ["PYCC", "level"],
    ["YX", "college"],
    ["YXMC", "college"],
    ["PYDW", "college"],
    ["FY", "college"],
    ["BYRQ", "gradDate"],
    ["BYNY", "gradDate"],
    ["YJBYRQ", "gradDate"],
    ["BZ", "note"],
    ["xm", "name"],
    ["Sfzh", "idNumber"],
    ["ＸＨ", "studentNo"],
  ])("%s → %s (whole cell, any case)", (text, key) => {
    expect(keyOf(text)).toBe(key);
  });

  it("KSH (考生号) and other codes are no template column", () => {
    expect(keyOf("KSH")).toBeUndefined();
    expect(keyOf("ZYMC")).toBeUndefined();
    expect(keyOf("XMX")).toBeUndefined();
    expect(keyOf("X M1")).toBeUndefined();
  });

  it("a row of nothing but codes is the header, counted over codes; KSH stays an extra column", () => {
    const h = find({ rows: [["XH", "XM", "KSH", "SFZH", "BYRQ"]] })!;
    expect([...h.columns]).toEqual([
      ["studentNo", 0],
      ["name", 1],
      ["idNumber", 3],
      ["gradDate", 4],
    ]);
    expect(h.unknown).toEqual([{ col: 2, text: "KSH" }]);
    // Two template columns (KSH counts for none) are not a header (SPEC §2: at least three).
    expect(find({ rows: [["XH", "XM", "KSH", "ZYMC"]] })).toBeUndefined();
  });

  it("a code and its Chinese name in one row are one column named twice", () => {
    const h = find({ rows: [["学号", "XH", "姓名", "身份证号"]] })!;
    expect(h.duplicates.get("studentNo")).toEqual([0, 1]);
  });
});

describe("aliases of real lists", () => {
  it.each([
    ["身份证件号", "idNumber"],
    ["证件号码", "idNumber"],
    ["证件号", "idNumber"],
    ["毕业日期", "gradDate"],
    ["预计毕业日期", "gradDate"],
    ["毕业年月", "gradDate"],
    ["学历", "level"],
    ["分院", "college"],
    ["培养单位", "college"],
    ["手机号", "recipientPhone"],
    ["联系电话", "recipientPhone"],
  ])("%s → %s", (text, key) => {
    expect(keyOf(text)).toBe(key);
  });

  it.each(["考生号", "专业", "民族", "出生日期", "班级", "校区", "政治面貌", "学历类别"])(
    "%s is carried through as an extra column",
    (text) => {
      const h = find({ rows: [["学号", "姓名", "身份证号", text]] })!;
      expect(h.unknown).toEqual([{ col: 3, text }]);
    },
  );

  it("every alias and code is data: a template without them matches none", () => {
    const bare = templateSchema.parse({
      name: "t",
      columns: DEFAULT_TEMPLATE.columns.map((c) => ({ key: c.key, header: c.header })),
    });
    const m = headerMatcher(bare);
    expect(m.keyOf("XM")).toBeUndefined();
    expect(m.keyOf("证件号(ZJHM)")).toBeUndefined();
    expect(m.keyOf("姓名(ZZZ)")).toBe("name");
  });

  it("refuses a code that is not a field code", () => {
    const bad = { name: "t", columns: [{ key: "name", header: "姓名", codes: ["X M"] }] };
    expect(templateSchema.safeParse(bad).success).toBe(false);
  });
});

describe("linear on hostile header rows", () => {
  it("16,384 coded cells and one cell of 100,000 brackets: one pass each", () => {
    const row = Array.from({ length: 16_384 }, (_, i) =>
      i % 2 ? "考生号(KSH)" : `考生号(${"X".repeat(50)})`,
    );
    row[0] = "(".repeat(50_000) + ")".repeat(50_000);
    row[1] = "XH";
    row[2] = "XM";
    row[3] = "证件号码(ZJHM)";
    const h = find({ rows: [row] })!;
    expect([...h.columns]).toEqual([
      ["studentNo", 1],
      ["name", 2],
      ["idNumber", 3],
    ]);
    expect(h.unknown.length).toBe(16_384 - 3);
  });
});

describe("README's table of field codes", () => {
  it("lists exactly the codes of template.default.json", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    const documented = new Map<string, string[]>();
    for (const m of readme.matchAll(/^\| `(\w+)` [^|]*\|[^|]*\|([^|]*)\|$/gm)) {
      documented.set(
        m[1],
        m[2]
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean),
      );
    }
    for (const col of DEFAULT_TEMPLATE.columns) {
      if (col.codes.length === 0) continue;
      expect([col.key, documented.get(col.key)]).toEqual([col.key, col.codes]);
    }
  });
});
