/**
 * Cell text printed on a terminal must not drive it: an ESC in a name could clear the screen, move the
 * cursor or retitle the window, and a bidi override can make a line read differently from what it holds.
 * Such characters are printed as escapes (\x1b, \u202e); tab and line breaks as \t, \r, \n.
 */
// C0 controls, DEL, C1 controls, bidi marks/embeddings/overrides/isolates, line and paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}
