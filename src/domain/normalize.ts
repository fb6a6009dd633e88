/**
 * Safe normalisations (SPEC §3.1). Each returns the cleaned value and which normalisations it took,
 * so the engine can report `normalize.*` warnings whose fix is the cleaned value. Idempotent.
 *
 * Full-width folding touches only U+FF01–U+FF5E and U+3000: never NFKC a whole name, which would
 * rewrite CJK compatibility ideographs that are real characters of real names.
 */
export type NormalizeCode =
  "normalize.whitespace" | "normalize.fullwidth" | "normalize.case" | "normalize.dot";

export interface Normalized {
  value: string;
  codes: NormalizeCode[];
}

/** How a column is cleaned: ASCII-like codes (IDs, 学号, phone), names, or free text. */
export type NormalizeKind = "code" | "id" | "name" | "text";

const ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g;
const NO_BREAK = /[\u00a0\u2007\u202f]/g;
const FULLWIDTH = /[\uff01-\uff5e\u3000]/g;
const LOOKALIKE_DOTS = /[\u2022\u2027\u30fb\uff65\u0387\u2219\u22c5\uff0e\ufe52.]/g;
const ANY_SPACE = /\s+/g;
const LOWERCASE = /[a-z]/g;

function foldFullwidth(s: string): string {
  return s.replace(FULLWIDTH, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/**
 * False when no normalisation of any kind could change the text: the engine's fast path, run on
 * every cell, so a charCode scan (common CJK and plain ASCII pass at once) rather than a regex.
 */
export function needsNormalization(raw: string): boolean {
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x80) {
      // Lowercase letters: a passport number or an ID's check character is written in capitals.
      if (c <= 0x20 || c === 0x2e /* . */ || (c >= 0x61 && c <= 0x7a)) return true;
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    if (
      c === 0xa0 ||
      c === 0xad ||
      c === 0x85 ||
      c === 0x387 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200d) ||
      c === 0x2022 ||
      c === 0x2027 ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x2060 ||
      c === 0x2219 ||
      c === 0x22c5 ||
      c === 0x3000 ||
      c === 0x30fb ||
      c === 0xfe52 ||
      c === 0xfeff ||
      (c >= 0xff01 && c <= 0xff5e) ||
      c === 0xff65
    ) {
      return true;
    }
  }
  return false;
}

export function normalizeValue(raw: string, kind: NormalizeKind): Normalized {
  if (!needsNormalization(raw)) return { value: raw, codes: [] };
  const codes: NormalizeCode[] = [];
  let s = raw;

  // Invisible and no-break spaces: a zero-width space inside a 学号 breaks matching but shows nothing.
  let t = s.replace(ZERO_WIDTH, "").replace(NO_BREAK, " ");
  if (kind === "code" || kind === "id" || kind === "name") {
    // The ideographic space is whitespace first (a name's stray U+3000 is a spacing problem).
    t = t.replace(/\u3000/g, " ");
  }
  let ws = t !== s;
  s = t;

  if (kind === "code" || kind === "id") {
    t = foldFullwidth(s);
    if (t !== s) codes.push("normalize.fullwidth");
    s = t;
  }

  t = kind === "code" || kind === "id" ? s.replace(ANY_SPACE, "") : s.trim();
  if (t !== s) ws = true;
  s = t;
  if (ws) codes.unshift("normalize.whitespace");

  if (kind === "id") {
    t = s.replace(LOWERCASE, (ch) => ch.toUpperCase());
    if (t !== s) codes.push("normalize.case");
    s = t;
  }

  if (kind === "name") {
    t = s.replace(LOOKALIKE_DOTS, "·");
    if (t !== s) codes.push("normalize.dot");
    s = t;
  }
  return { value: s, codes };
}

/** Comparison form for free text against a profile (addresses, names): no spaces, folded width. */
export function sameCompactText(a: string, b: string): boolean {
  return a === b || compactText(a) === compactText(b);
}

export function compactText(s: string): string {
  return foldFullwidth(s.replace(ZERO_WIDTH, "")).replace(/[\s\u00a0\u2007\u202f]+/g, "");
}
