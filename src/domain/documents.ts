import { compactText } from "./normalize";

/**
 * Identity documents other than the resident ID (issue 8 §4). A list or roster may have a 证件类型
 * column (template key `docType`); each number is then checked by its own document's format. The
 * canonical names are what the submission writes; the aliases are the ways secretaries write them.
 */
export type DocKind =
  "resident" | "residencePermit" | "hkMacauPermit" | "taiwanPermit" | "passport" | "foreignPermanent";

export interface DocType {
  kind: DocKind;
  name: string;
  aliases: readonly string[];
  /** The number holds the holder's sex (the 17th digit): gender.idMismatch applies. */
  hasSexDigit: boolean;
}

export const DOC_TYPES: readonly DocType[] = [
  {
    kind: "resident",
    name: "居民身份证",
    aliases: ["身份证", "二代身份证", "中华人民共和国居民身份证", "大陆居民身份证", "内地居民身份证"],
    hasSexDigit: true,
  },
  {
    kind: "residencePermit",
    name: "港澳台居民居住证",
    aliases: ["港澳居民居住证", "台湾居民居住证", "香港居民居住证", "澳门居民居住证", "居住证"],
    hasSexDigit: true,
  },
  {
    kind: "hkMacauPermit",
    name: "港澳居民来往内地通行证",
    aliases: ["回乡证", "港澳居民往来内地通行证", "香港居民来往内地通行证", "澳门居民来往内地通行证"],
    hasSexDigit: false,
  },
  {
    kind: "taiwanPermit",
    name: "台湾居民来往大陆通行证",
    aliases: ["台胞证", "台湾居民往来大陆通行证", "台湾同胞来往大陆通行证"],
    hasSexDigit: false,
  },
  {
    kind: "passport",
    name: "护照",
    aliases: ["外国护照", "外籍护照", "普通护照", "中国护照"],
    hasSexDigit: false,
  },
  {
    kind: "foreignPermanent",
    name: "外国人永久居留身份证",
    aliases: ["外国人永久居留证", "永久居留身份证", "外国人永久居留身份证件", "永久居留证"],
    hasSexDigit: true,
  },
];

const BY_NAME = new Map<string, DocType>();
for (const t of DOC_TYPES) BY_NAME.set(t.name, t);
for (const t of DOC_TYPES) for (const a of t.aliases) if (!BY_NAME.has(a)) BY_NAME.set(a, t);

export const DOC_TYPE_NAMES: readonly string[] = DOC_TYPES.map((t) => t.name);

/** The document a 证件类型 cell names (canonical name or alias, spacing and width ignored). */
export function docTypeOf(text: string): DocType | undefined {
  return BY_NAME.get(text) ?? BY_NAME.get(compactText(text));
}

// Each pattern is a single character class with fixed or bounded repetition: linear on any input.
const MAINLAND_PERMIT_HK_MO = /^[HM]\d{8}$/;
const MAINLAND_PERMIT_TW = /^\d{8}$/;
const PASSPORT = /^[A-Z0-9]{5,17}$/;

/** Whether a number has the shape of a travel permit or passport (kinds without a checksum). */
export function matchesSimpleFormat(kind: "hkMacauPermit" | "taiwanPermit" | "passport", v: string): boolean {
  switch (kind) {
    case "hkMacauPermit":
      return MAINLAND_PERMIT_HK_MO.test(v);
    case "taiwanPermit":
      return MAINLAND_PERMIT_TW.test(v);
    case "passport":
      return PASSPORT.test(v);
  }
}

/**
 * Without a 证件类型: what a value that is not a resident ID looks like. Only values no typo of an ID
 * produces count: letters besides a final X (a 学号 or a truncated ID, digits only, stays an error).
 */
export function looksLikeForeignDocument(v: string): "hkMacauPermit" | "passport" | undefined {
  if (!PASSPORT.test(v)) return undefined;
  let letters = 0;
  let digits = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else letters++;
  }
  if (letters === 0 || digits < 2) return undefined;
  // "…X" with one letter is a resident ID with its check character, of the wrong length.
  if (letters === 1 && v.charCodeAt(v.length - 1) === 88) return undefined;
  return MAINLAND_PERMIT_HK_MO.test(v) ? "hkMacauPermit" : "passport";
}
