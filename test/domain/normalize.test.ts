import fc from "fast-check";
import { compactText, normalizeValue, type NormalizeKind } from "../../src/domain";
import { checkOne, idFor, student, where } from "./helpers";

const KINDS: NormalizeKind[] = ["code", "id", "name", "text"];

/** Half-width → full-width for U+0021–U+007E (the forms §3.1 folds back). */
const toFullwidth = (s: string): string =>
  s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

describe("normalizeValue (SPEC §3.1)", () => {
  it("leaves clean values alone and reports nothing", () => {
    for (const kind of KINDS)
      expect(normalizeValue("220150901", kind)).toEqual({ value: "220150901", codes: [] });
    expect(normalizeValue("张三", "name")).toEqual({ value: "张三", codes: [] });
    expect(normalizeValue("阿卜杜·热合曼", "name")).toEqual({ value: "阿卜杜·热合曼", codes: [] });
    expect(normalizeValue("甘肃省兰州市 城关区", "text")).toEqual({
      value: "甘肃省兰州市 城关区",
      codes: [],
    });
  });

  describe("normalize.whitespace", () => {
    it("trims leading and trailing spaces of every kind", () => {
      for (const kind of KINDS) {
        expect(normalizeValue("  硕士 ", kind)).toEqual({ value: "硕士", codes: ["normalize.whitespace"] });
      }
    });

    it("removes inner spaces in 学号, 身份证号 and phone numbers, not in text", () => {
      expect(normalizeValue("2201 5090 1", "code")).toEqual({
        value: "220150901",
        codes: ["normalize.whitespace"],
      });
      expect(normalizeValue("139 1234 5678", "code").value).toBe("13912345678");
      const id = idFor(1);
      expect(normalizeValue(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`, "id")).toEqual({
        value: id,
        codes: ["normalize.whitespace"],
      });
      expect(normalizeValue("城关区 天水南路", "text").codes).toEqual([]);
    });

    it("removes zero-width characters and the BOM everywhere", () => {
      for (const zw of ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]) {
        expect(normalizeValue(`2201${zw}50901`, "code")).toEqual({
          value: "220150901",
          codes: ["normalize.whitespace"],
        });
        expect(normalizeValue(`张${zw}三`, "name")).toEqual({
          value: "张三",
          codes: ["normalize.whitespace"],
        });
        expect(normalizeValue(`硕士${zw}`, "text")).toEqual({
          value: "硕士",
          codes: ["normalize.whitespace"],
        });
      }
    });

    it("turns no-break spaces into spaces (and drops them where spaces go)", () => {
      for (const nb of ["\u00a0", "\u2007", "\u202f"]) {
        expect(normalizeValue(`${nb}张三${nb}`, "name")).toEqual({
          value: "张三",
          codes: ["normalize.whitespace"],
        });
        expect(normalizeValue(`2201${nb}50901`, "code").value).toBe("220150901");
        expect(normalizeValue(`天水南路${nb}222号`, "text")).toEqual({
          value: "天水南路 222号",
          codes: ["normalize.whitespace"],
        });
      }
    });

    it("treats a stray ideographic space in a name as whitespace", () => {
      expect(normalizeValue("\u3000张三\u3000", "name")).toEqual({
        value: "张三",
        codes: ["normalize.whitespace"],
      });
    });
  });

  describe("normalize.fullwidth", () => {
    it("folds full-width digits, letters and the ideographic space in codes", () => {
      expect(normalizeValue("２２０１５０９０１", "code")).toEqual({
        value: "220150901",
        codes: ["normalize.fullwidth"],
      });
      expect(normalizeValue("１３９１２３４５６７８", "code").value).toBe("13912345678");
      // The ideographic space inside a code is a space: removed.
      expect(normalizeValue("2201\u300050901", "code").value).toBe("220150901");
    });

    it("folds every form of U+FF01–U+FF5E in a code", () => {
      for (let cp = 0xff01; cp <= 0xff5e; cp++) {
        const n = normalizeValue(String.fromCharCode(cp), "code");
        expect(n.value).toBe(String.fromCharCode(cp - 0xfee0));
        expect(n.codes).toEqual(["normalize.fullwidth"]);
      }
    });

    it("a full-width ID with an upper-case Ｘ and a correct checksum yields only normalize.fullwidth", () => {
      // idFor(3) ends in X? Find one that does, so the letter is exercised too.
      let id = idFor(0);
      for (let n = 0; !id.endsWith("X"); n++) id = idFor(n);
      const n = normalizeValue(toFullwidth(id), "id");
      expect(n).toEqual({ value: id, codes: ["normalize.fullwidth"] });
      expect(where(checkOne(student(0, { gender: genderOf(id), idNumber: toFullwidth(id) })))).toEqual([
        "idNumber:normalize.fullwidth",
      ]);
    });

    it("never touches CJK compatibility ideographs in a name (no NFKC)", () => {
      // Each of these is rewritten by NFKC (U+F900 → U+8C48 …): a whole-name NFKC would change the name.
      const compat = [
        "\uf900",
        "\uf9ff",
        "\ufa2d",
        String.fromCodePoint(0x2f800),
        String.fromCodePoint(0x2fa1d),
      ];
      for (const ch of compat) {
        expect(ch.normalize("NFKC")).not.toBe(ch);
        const name = `李${ch}`;
        expect(normalizeValue(name, "name")).toEqual({ value: name, codes: [] });
        expect(normalizeValue(name, "text")).toEqual({ value: name, codes: [] });
      }
    });

    it("does not fold full-width letters inside a name (the name rule reports them)", () => {
      expect(normalizeValue("张Ａ", "name").value).toBe("张Ａ");
    });
  });

  describe("normalize.case", () => {
    it("upper-cases a lower-case x check character", () => {
      expect(normalizeValue("11010519491231002x", "id")).toEqual({
        value: "11010519491231002X",
        codes: ["normalize.case"],
      });
    });

    it("also after folding a full-width ｘ", () => {
      expect(normalizeValue("11010519491231002ｘ", "id")).toEqual({
        value: "11010519491231002X",
        codes: ["normalize.fullwidth", "normalize.case"],
      });
    });

    it("leaves an upper-case X and 学号 alone", () => {
      expect(normalizeValue("11010519491231002X", "id").codes).toEqual([]);
      expect(normalizeValue("2201x", "code")).toEqual({ value: "2201x", codes: [] });
    });
  });

  describe("normalize.dot", () => {
    const LOOKALIKES = [
      "\u2022",
      "\u2027",
      "\u30fb",
      "\uff65",
      "\u0387",
      "\u2219",
      "\u22c5",
      "\uff0e",
      "\ufe52",
      ".",
    ];

    it.each(LOOKALIKES.map((d) => [d.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0"), d]))(
      "U+%s in a name becomes ·",
      (_hex, dot) => {
        expect(normalizeValue(`阿卜杜${dot}热合曼`, "name")).toEqual({
          value: "阿卜杜·热合曼",
          codes: ["normalize.dot"],
        });
      },
    );

    it("leaves the right dot and non-name columns alone", () => {
      expect(normalizeValue("阿卜杜·热合曼", "name").codes).toEqual([]);
      expect(normalizeValue("2018.6", "text")).toEqual({ value: "2018.6", codes: [] });
    });
  });

  it("reports several codes in a stable order", () => {
    expect(normalizeValue(" 阿卜杜•热合曼 ", "name")).toEqual({
      value: "阿卜杜·热合曼",
      codes: ["normalize.whitespace", "normalize.dot"],
    });
    expect(normalizeValue(" １１０１０５１９４９１２３１００２ｘ", "id")).toEqual({
      value: "11010519491231002X",
      codes: ["normalize.whitespace", "normalize.fullwidth", "normalize.case"],
    });
  });

  describe("idempotence (property)", () => {
    // Characters any normalisation touches, mixed with ordinary ones, so collisions are frequent.
    const special = [
      " ",
      "\t",
      "\u3000",
      "\u00a0",
      "\u2007",
      "\u202f",
      "\u200b",
      "\u200d",
      "\u2060",
      "\ufeff",
      "\u00ad",
      "x",
      "X",
      "ｘ",
      "Ｘ",
      "１",
      "０",
      "ａ",
      "\u2022",
      "\u30fb",
      "\uff65",
      "\uff0e",
      ".",
      "·",
      "\u0387",
      "\ufe52",
      "1",
      "9",
      "张",
      "\uf900",
      String.fromCodePoint(0x20000),
      String.fromCodePoint(0x2f800),
    ];
    const text = fc
      .array(fc.oneof(fc.constantFrom(...special), fc.string({ maxLength: 2, unit: "binary" })), {
        maxLength: 14,
      })
      .map((parts) => parts.join(""));

    it.each(KINDS)("normalizeValue(normalizeValue(x).value) is stable for kind %s", (kind) => {
      fc.assert(
        fc.property(text, (raw) => {
          const once = normalizeValue(raw, kind);
          const twice = normalizeValue(once.value, kind);
          expect(twice.value).toBe(once.value);
          expect(twice.codes).toEqual([]);
          // A value that needs no change reports no code, and one that changes reports at least one.
          expect(once.codes.length > 0).toBe(once.value !== raw);
        }),
        { numRuns: 3000 },
      );
    });
  });
});

describe("compactText", () => {
  it("ignores spaces and width when comparing free text", () => {
    expect(compactText(" 甘肃省兰州市\u00a0城关区 天水南路２２２号")).toBe("甘肃省兰州市城关区天水南路222号");
    expect(compactText("赵\u200b老师")).toBe("赵老师");
  });
});

function genderOf(id: string): "男" | "女" {
  return Number(id[16]) % 2 === 1 ? "男" : "女";
}
