import fc from "fast-check";
import {
  ageOn,
  checkForeignPermanentId,
  checkIdNumber,
  idCheckCharacter,
  isProvinceCode,
  upgradeLegacy15,
  type IdDefect,
  type IdVerdict,
  type YMD,
} from "../../src/domain/idNumber";

// The campaign's capture date (SPEC §4): ages are reckoned on it.
const CAPTURE: YMD = { y: 2017, m: 11, d: 1 };
const check = (id: string): IdVerdict => checkIdNumber(id, CAPTURE);

const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
];

/** Independent check character: weight of position i (1-based) is 2^(18-i) mod 11 (ISO 7064 MOD 11-2). */
function refCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return "10X98765432"[sum % 11];
}

describe("idCheckCharacter", () => {
  it("matches the GB 11643-1999 examples", () => {
    expect(idCheckCharacter("11010519491231002")).toBe("X");
    expect(idCheckCharacter("44052418800101001")).toBe("4");
  });

  it("agrees with the 2^(18-i) mod 11 weights", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 17, maxLength: 17 }), (ds) => {
        const s = ds.join("");
        expect(idCheckCharacter(s)).toBe(refCheck(s));
      }),
    );
  });

  it("rejects anything but 17 digits", () => {
    expect(() => idCheckCharacter("1101051949123100")).toThrow(RangeError);
    expect(() => idCheckCharacter("1101051949123100A")).toThrow(RangeError);
  });
});

describe("isProvinceCode", () => {
  it("accepts exactly the province-level codes of SPEC §3.2", () => {
    for (let p = 0; p < 100; p++) {
      const two = String(p).padStart(2, "0");
      expect([two, isProvinceCode(two)]).toEqual([two, PROVINCES.includes(p)]);
    }
  });

  it("rejects non-digits and wrong lengths", () => {
    expect(isProvinceCode("1")).toBe(false);
    expect(isProvinceCode("110")).toBe(false);
    expect(isProvinceCode("1A")).toBe(false);
    expect(isProvinceCode("１１")).toBe(false);
  });
});

describe("ageOn", () => {
  it("counts full years", () => {
    expect(ageOn({ y: 2001, m: 11, d: 1 }, CAPTURE)).toBe(16);
    expect(ageOn({ y: 2001, m: 11, d: 2 }, CAPTURE)).toBe(15);
    expect(ageOn({ y: 2001, m: 10, d: 31 }, CAPTURE)).toBe(16);
    expect(ageOn({ y: 2001, m: 12, d: 1 }, CAPTURE)).toBe(15);
  });

  it("reaches a 29 February birthday on 1 March in common years", () => {
    const leap = { y: 2000, m: 2, d: 29 };
    expect(ageOn(leap, { y: 2016, m: 2, d: 28 })).toBe(15);
    expect(ageOn(leap, { y: 2016, m: 2, d: 29 })).toBe(16);
    expect(ageOn(leap, { y: 2017, m: 2, d: 28 })).toBe(16);
    expect(ageOn(leap, { y: 2018, m: 2, d: 28 })).toBe(17);
    expect(ageOn(leap, { y: 2018, m: 3, d: 1 })).toBe(18);
  });
});

describe("checkIdNumber: valid IDs", () => {
  it("accepts the GB 11643 example with an X check character", () => {
    expect(check("11010519491231002X")).toEqual({
      ok: true,
      kind: "resident",
      birth: { y: 1949, m: 12, d: 31 },
      sex: "女",
    });
  });

  it("reads the sex from the sequence's last digit", () => {
    expect(check("620102199506153130")).toMatchObject({ ok: true, sex: "男" });
    expect(check("820000199705110036")).toMatchObject({ ok: true, sex: "男" });
    expect(check("810000199408230021")).toMatchObject({ ok: true, sex: "女" });
  });

  it("accepts Hong Kong, Macau and Taiwan residence permits", () => {
    expect(check("810000199408230021")).toEqual({
      ok: true,
      kind: "permit",
      birth: { y: 1994, m: 8, d: 23 },
      sex: "女",
    });
    expect(check("820000199705110036")).toMatchObject({ ok: true, kind: "permit" });
    expect(check("83000019960310004X")).toEqual({
      ok: true,
      kind: "permit",
      birth: { y: 1996, m: 3, d: 10 },
      sex: "女",
    });
  });

  it("treats other 81…/71… regions as resident IDs", () => {
    for (const id of ["81010219940823002", "81000119940823002", "82001019940823002", "83100019940823002"]) {
      expect([id, check(id + refCheck(id))]).toMatchObject([id, { ok: true, kind: "resident" }]);
    }
    const tw = "71000019940823002";
    expect(check(tw + refCheck(tw))).toMatchObject({ ok: true, kind: "resident" });
  });

  it("accepts a leap-day birth in a leap year (2000-02-29)", () => {
    expect(check("110105200002290013")).toMatchObject({ ok: true, birth: { y: 2000, m: 2, d: 29 } });
  });

  it("accepts a 15-digit legacy ID and gives its 18-digit form", () => {
    expect(check("110105491231002")).toEqual({
      ok: true,
      kind: "legacy15",
      birth: { y: 1949, m: 12, d: 31 },
      sex: "女",
      upgraded: "11010519491231002X",
    });
    expect(check("440524500101001")).toMatchObject({
      ok: true,
      kind: "legacy15",
      sex: "男",
      upgraded: "44052419500101001X",
    });
  });
});

describe("checkIdNumber: id.format", () => {
  it.each([
    ["", 0],
    ["1101051949123100", 16],
    ["11010519491231002", 17],
    ["11010519491231002XX", 19],
    ["1101051949123100X", 17],
    ["11010519491231002x", 18], // input is normalised: a lowercase x is not an accepted shape
    ["11010519491231002A", 18],
    ["1101051949123100X2", 18],
    ["11010519491231 02X", 18],
    ["１１０１０５１９４９１２３１００２Ｘ", 18],
    ["11010549123100X", 15],
    ["1101054912310-2", 15],
  ])("%j is not an accepted shape", (id, length) => {
    expect(check(id)).toEqual({ ok: false, code: "id.format", length });
  });
});

/** The defects of a well-shaped number (checked independently, every one reported). */
const defects = (...ds: IdDefect[]) =>
  expect.objectContaining({ ok: false, code: "id.defects", defects: ds });

describe("checkIdNumber: id.region", () => {
  it.each([
    "00",
    "10",
    "16",
    "19",
    "20",
    "24",
    "30",
    "38",
    "40",
    "47",
    "55",
    "60",
    "66",
    "70",
    "72",
    "80",
    "84",
    "91",
    "99",
  ])("rejects region %s", (region) => {
    const body = region + "010519491231002";
    expect(check(body + refCheck(body))).toEqual(defects({ code: "id.region", region }));
    expect(check(region + "0105491231002")).toEqual(defects({ code: "id.region", region }));
  });

  it("reports region, birth date and checksum together when all three are wrong", () => {
    expect(check("910105194902300020")).toEqual({
      ok: false,
      code: "id.defects",
      kind: "resident",
      sex: "女",
      defects: [
        { code: "id.region", region: "91" },
        { code: "id.birthdate", date: "1949-02-30", reason: "invalid" },
        { code: "id.checksum", expected: refCheck("91010519490230002"), actual: "0" },
      ],
    });
  });
});

describe("checkIdNumber: id.birthdate", () => {
  it.each([
    ["110105194902300020", "1949-02-30"],
    ["110105194913310021", "1949-13-31"],
    ["11010519490031002", "1949-00-31"],
    ["11010519490100002", "1949-01-00"],
    ["11010519490432002", "1949-04-32"],
    ["11010519490431002", "1949-04-31"],
    ["110105190002290017", "1900-02-29"],
    ["110105200102290010", "2001-02-29"],
    ["11010500000101002", "0000-01-01"],
  ])("%s has no such date %s", (id, date) => {
    const full = id.length === 17 ? id + refCheck(id) : id;
    expect(check(full)).toEqual(defects({ code: "id.birthdate", date, reason: "invalid" }));
  });

  it("rejects an invalid date in a 15-digit ID", () => {
    expect(check("110105490230002")).toEqual({
      ok: false,
      code: "id.defects",
      kind: "legacy15",
      sex: "女",
      defects: [{ code: "id.birthdate", date: "1949-02-30", reason: "invalid" }],
    });
  });

  it("rejects a birth date after the capture day", () => {
    expect(check("110105201711020010")).toEqual(
      defects({ code: "id.birthdate", date: "2017-11-02", reason: "future" }),
    );
  });

  it("rejects a birth date before 1900, but not 1900-01-01", () => {
    const early = "11010518991231001";
    expect(check(early + refCheck(early))).toEqual(
      defects({ code: "id.birthdate", date: "1899-12-31", reason: "early" }),
    );
    const first = "11010519000101001";
    expect(check(first + refCheck(first))).toMatchObject({ ok: true, age: { date: "1900-01-01", age: 117 } });
  });

  it("is 16 exactly on the capture day (no note) and 15 a day later (a valid ID with an age note)", () => {
    expect(check("110105200111010017")).toEqual({
      ok: true,
      kind: "resident",
      birth: { y: 2001, m: 11, d: 1 },
      sex: "男",
    });
    expect(check("110105200111020012")).toEqual({
      ok: true,
      kind: "resident",
      birth: { y: 2001, m: 11, d: 2 },
      sex: "男",
      age: { date: "2001-11-02", age: 15 },
    });
    expect(check("110105201711010015")).toMatchObject({ ok: true, age: { date: "2017-11-01", age: 0 } });
  });

  it("is 80 on the capture day (no note) and 81 a year earlier (note)", () => {
    expect(check("110105193711010018")).not.toHaveProperty("age");
    expect(check("110105193611020016")).toMatchObject({ ok: true, birth: { y: 1936, m: 11, d: 2 } });
    expect(check("110105193611020016")).not.toHaveProperty("age");
    expect(check("110105193611010010")).toMatchObject({ ok: true, age: { date: "1936-11-01", age: 81 } });
    expect(check("440524188001010014")).toEqual(
      defects({ code: "id.birthdate", date: "1880-01-01", reason: "early" }),
    );
  });

  it("applies the age note to 15-digit IDs", () => {
    expect(check("110105361101001")).toMatchObject({ ok: true, kind: "legacy15", age: { age: 81 } });
    expect(check("110105361102001")).not.toHaveProperty("age");
  });

  it("checks the checksum of a number whose age is implausible (issue 8 §5)", () => {
    // 2010-05-05: 7 years old on the capture day, and the check character is wrong as well.
    const first17 = "62010220100505001";
    const wrong = refCheck(first17) === "1" ? "2" : "1";
    expect(check(first17 + wrong)).toEqual({
      ok: false,
      code: "id.defects",
      kind: "resident",
      sex: "男",
      defects: [{ code: "id.checksum", expected: refCheck(first17), actual: wrong }],
      age: { date: "2010-05-05", age: 7 },
    });
  });

  it("checks the checksum of a number whose date is impossible", () => {
    expect(check("110105194902300029")).toEqual(
      defects(
        { code: "id.birthdate", date: "1949-02-30", reason: "invalid" },
        { code: "id.checksum", expected: refCheck("11010519490230002"), actual: "9" },
      ),
    );
  });
});

describe("checkIdNumber: id.checksum", () => {
  it("gives the expected and the actual check character", () => {
    expect(check("110105194912310021")).toEqual(defects({ code: "id.checksum", expected: "X", actual: "1" }));
    expect(check("44052419800101001X")).toEqual(
      defects({ code: "id.checksum", expected: refCheck("44052419800101001"), actual: "X" }),
    );
    expect(check("830000199603100040")).toEqual({
      ok: false,
      code: "id.defects",
      kind: "permit",
      sex: "女",
      defects: [{ code: "id.checksum", expected: "X", actual: "0" }],
    });
  });
});

describe("checkForeignPermanentId (2023 card)", () => {
  // 9, province 11 (Beijing), nationality 840, born 1995-03-08, sequence 001 (odd: male).
  const body = "91184019950308001";
  const good = body + refCheck(body);

  it("accepts a card with its MOD 11-2 check character, reading birth and sex", () => {
    expect(checkForeignPermanentId(good, CAPTURE)).toEqual({
      ok: true,
      kind: "foreignPR",
      birth: { y: 1995, m: 3, d: 8 },
      sex: "男",
    });
  });

  it("reports a wrong check character, province and date like a resident ID", () => {
    const wrong = refCheck(body) === "0" ? "1" : "0";
    expect(checkForeignPermanentId(body + wrong, CAPTURE)).toEqual(
      defects({ code: "id.checksum", expected: refCheck(body), actual: wrong }),
    );
    const badProvince = "99984019950308001";
    expect(checkForeignPermanentId(badProvince + refCheck(badProvince), CAPTURE)).toEqual(
      defects({ code: "id.region", region: "99" }),
    );
    const hk = "98184019950308001"; // 81 is Hong Kong: no mainland office issues the card there
    expect(checkForeignPermanentId(hk + refCheck(hk), CAPTURE)).toEqual(
      defects({ code: "id.region", region: "81" }),
    );
  });

  it("is a format error unless 18 characters beginning with 9", () => {
    expect(checkForeignPermanentId("11010519491231002X", CAPTURE)).toEqual({
      ok: false,
      code: "id.format",
      length: 18,
    });
    expect(checkForeignPermanentId(good.slice(0, 17), CAPTURE)).toEqual({
      ok: false,
      code: "id.format",
      length: 17,
    });
    expect(checkForeignPermanentId("USA110195030800", CAPTURE)).toEqual({
      ok: false,
      code: "id.format",
      length: 15,
    });
  });

  it("the resident check sees the same number as a bad region", () => {
    expect(check(good)).toEqual(defects({ code: "id.region", region: "91" }));
  });
});

// ---- property-based ----

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((ds) => ds.join(""));

const DAY_MS = 86_400_000;
const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** A birth date between two UTC days inclusive, as YYYYMMDD. */
const birthBetween = (from: [number, number, number], to: [number, number, number]) =>
  fc
    .integer({ min: 0, max: (Date.UTC(...to) - Date.UTC(...from)) / DAY_MS })
    .map((k) => new Date(Date.UTC(...from) + k * DAY_MS))
    .map((dt) => pad(dt.getUTCFullYear(), 4) + pad(dt.getUTCMonth() + 1, 2) + pad(dt.getUTCDate(), 2));

/** A valid 18-character ID: any province, birth such that the age on CAPTURE is within 16..80. */
const validId18 = fc
  .tuple(fc.constantFrom(...PROVINCES), digits(4), birthBetween([1936, 10, 2], [2001, 10, 1]), digits(3))
  .map(([p, rest, birth, seq]) => {
    const body = `${p}${rest}${birth}${seq}`;
    return body + refCheck(body);
  });

/** A valid 15-digit ID (born 1936-11-02 .. 1999-12-31). */
const validId15 = fc
  .tuple(fc.constantFrom(...PROVINCES), digits(4), birthBetween([1936, 10, 2], [1999, 11, 31]), digits(3))
  .map(([p, rest, birth, seq]) => `${p}${rest}${birth.slice(2)}${seq}`);

describe("properties", () => {
  it("any 17 digits with their check character never fail the checksum", () => {
    fc.assert(
      fc.property(digits(17), (first17) => {
        const v = check(first17 + idCheckCharacter(first17));
        const codes = v.ok ? [] : v.code === "id.defects" ? v.defects.map((d) => d.code) : [v.code];
        expect(codes).not.toContain("id.checksum");
      }),
      { numRuns: 2000 },
    );
  });

  it("generated valid IDs are valid, with the written birth date and sex", () => {
    fc.assert(
      fc.property(validId18, (id) => {
        const v = check(id);
        expect(v).toMatchObject({
          ok: true,
          birth: { y: Number(id.slice(6, 10)), m: Number(id.slice(10, 12)), d: Number(id.slice(12, 14)) },
          sex: Number(id[16]) % 2 === 1 ? "男" : "女",
        });
      }),
    );
  });

  it("detects every single-character substitution", () => {
    fc.assert(
      fc.property(
        validId18,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (id, pos, shift) => {
          // Position 18 may also become X; positions 1..17 only another digit.
          const alphabet = pos === 17 ? "0123456789X" : "0123456789";
          const at = alphabet.indexOf(id[pos]);
          const replacement = alphabet[(at + (shift % alphabet.length || 1)) % alphabet.length];
          fc.pre(replacement !== id[pos]);
          const mutated = id.slice(0, pos) + replacement + id.slice(pos + 1);
          expect(check(mutated).ok).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("detects every adjacent transposition of two different digits in positions 1..17", () => {
    fc.assert(
      fc.property(validId18, fc.integer({ min: 0, max: 15 }), (id, i) => {
        fc.pre(id[i] !== id[i + 1]);
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        expect(check(swapped).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it("upgrading a valid 15-digit ID gives a valid 18-character ID with the same person", () => {
    fc.assert(
      fc.property(validId15, (id15) => {
        const old = check(id15);
        expect(old).toMatchObject({ ok: true, kind: "legacy15" });
        const upgraded = upgradeLegacy15(id15);
        expect(upgraded).toBe(id15.slice(0, 6) + "19" + id15.slice(6) + refCheck(upgraded.slice(0, 17)));
        const v = check(upgraded);
        expect(v.ok).toBe(true);
        if (v.ok && old.ok) {
          expect(v.birth).toEqual(old.birth);
          expect(v.sex).toBe(old.sex);
          expect(old.upgraded).toBe(upgraded);
        }
      }),
    );
  });

  it("agrees with a straightforward reference on arbitrary near-ID strings", () => {
    // Reference: regexes and Date.UTC, written for clarity, not speed.
    // Reference: regexes and Date.UTC, written for clarity, not speed. Every defect is listed; the
    // age (outside 16..80) is a note, "age", after them.
    const reference = (id: string): string[] => {
      if (!/^(\d{17}[\dX]|\d{15})$/.test(id)) return ["id.format"];
      const out: string[] = [];
      if (!PROVINCES.includes(Number(id.slice(0, 2)))) out.push("id.region");
      const [y, m, d] =
        id.length === 18
          ? [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))]
          : [1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12))];
      const dt = new Date(Date.UTC(2000, m - 1, d));
      dt.setUTCFullYear(y);
      let note = false;
      if (y < 1 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
        out.push("id.birthdate");
      } else if (y < 1900 || y * 10000 + m * 100 + d > 20171101) out.push("id.birthdate");
      else {
        const age = ageOn({ y, m, d }, CAPTURE);
        note = age < 16 || age > 80;
      }
      if (id.length === 18 && refCheck(id) !== id[17]) out.push("id.checksum");
      if (note) out.push("age");
      return out;
    };
    const nearId = fc.oneof(
      validId18,
      validId15,
      fc
        .tuple(validId18, fc.integer({ min: 0, max: 17 }), fc.constantFrom(..."0123456789X x-"))
        .map(([id, i, c]) => id.slice(0, i) + c + id.slice(i + 1)),
      fc
        .tuple(validId15, fc.integer({ min: 0, max: 14 }), fc.constantFrom(..."0123456789X"))
        .map(([id, i, c]) => id.slice(0, i) + c + id.slice(i + 1)),
      fc.string({ unit: fc.constantFrom(..."0123456789X"), minLength: 14, maxLength: 19 }),
    );
    fc.assert(
      fc.property(nearId, (id) => {
        const v = check(id);
        const codes: string[] = v.ok ? [] : v.code === "id.defects" ? v.defects.map((d) => d.code) : [v.code];
        if (v.ok || v.code === "id.defects") if (v.age) codes.push("age");
        expect(codes).toEqual(reference(id));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("upgradeLegacy15", () => {
  it("inserts 19 and appends the check character", () => {
    expect(upgradeLegacy15("110105491231002")).toBe("11010519491231002X");
  });

  it("rejects anything but 15 digits", () => {
    expect(() => upgradeLegacy15("11010549123100")).toThrow(RangeError);
    expect(() => upgradeLegacy15("11010549123100A")).toThrow(RangeError);
  });
});
