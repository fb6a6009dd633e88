import type { ProblemParams } from "../problems";

type NameReason = ProblemParams["name.chars"]["reason"];

// Script=Han covers every CJK extension (A–I) and the compatibility ideographs; `u` makes the
// regex work on code points, so a name with an Extension B character is one character, not two.
const VALID_NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;
const HAN = /^\p{Script=Han}$/u;
// A name as a passport writes it: Latin words (letters with their combining marks) joined by one space,
// hyphen, apostrophe or middle dot. Separators are outside the word class, so matching stays linear.
const LATIN_NAME =
  /^\p{Script=Latin}[\p{Script=Latin}\p{M}]*(?:[ \-'\u2019·]\p{Script=Latin}[\p{Script=Latin}\p{M}]*)*$/u;
const LATIN = /^\p{Script=Latin}$/u;
const DIGIT = /^\p{Nd}$/u;
const SPACE = /^\s$/u;
const PUNCT = /^[\p{P}\p{S}]$/u;

/**
 * Why a (normalised) name is not acceptable, or undefined when it is. `latinOk`: the student holds a
 * document other than the resident ID (passport, permit), whose name may be written in Latin letters.
 */
export function nameProblem(
  name: string,
  latinOk = false,
): { reason: NameReason; char?: string } | undefined {
  if (VALID_NAME.test(name)) return undefined;
  if (latinOk && LATIN_NAME.test(name)) return undefined;
  let sawHan = false;
  for (const ch of name) {
    if (HAN.test(ch)) {
      sawHan = true;
      continue;
    }
    if (DIGIT.test(ch)) return { reason: "digit", char: ch };
    if (LATIN.test(ch)) return { reason: "latin", char: ch };
    if (SPACE.test(ch)) return { reason: "space" };
    if (ch === "·") continue;
    if (PUNCT.test(ch)) return { reason: "punct", char: ch };
    return { reason: "other", char: ch };
  }
  // Only Han and "·" remain: the dot is leading, trailing or doubled, or there is no Han at all.
  return sawHan ? { reason: "punct", char: "·" } : { reason: "empty" };
}

/** Counts code points: a rare character outside the BMP is one character of the name. */
export function nameLength(name: string): number {
  let n = 0;
  for (const _ of name) n++;
  return n;
}
