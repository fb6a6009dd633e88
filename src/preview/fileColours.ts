/**
 * A file's fill as "#RRGGBB": explicit ARGB colours, the legacy indexed palette and the default Office
 * theme's colours with their tint (what WPS and Excel templates use for header rows). Anything else
 * (gradients, unknown themes) reads as no fill rather than a wrong one.
 */
import type { Fill } from "exceljs";

/** Excel's default indexed palette, entries 8–63 (0–7 repeat 8–15). */
const INDEXED = [
  "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
  "800000", "008000", "000080", "808000", "800080", "008080", "C0C0C0", "808080",
  "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF",
  "000080", "FF00FF", "FFFF00", "00FFFF", "800080", "800000", "008080", "0000FF",
  "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99",
  "3366FF", "33CCCC", "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696",
  "003366", "339966", "003300", "333300", "993300", "993366", "333399", "333333",
]; // prettier-ignore

/** The Office theme's colours in theme-index order (lt1, dk1, lt2, dk2, accent1–6). */
const THEME = [
  "FFFFFF", "000000", "E7E6E6", "44546A", "4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47",
]; // prettier-ignore

function tinted(hex: string, tint: number): string {
  const channel = (i: number): string => {
    const v = parseInt(hex.slice(i, i + 2), 16);
    const out = tint < 0 ? v * (1 + tint) : v + (255 - v) * tint;
    return Math.round(Math.min(255, Math.max(0, out)))
      .toString(16)
      .padStart(2, "0");
  };
  return `${channel(0)}${channel(2)}${channel(4)}`.toUpperCase();
}

interface FileColour {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

export function colourHex(colour: FileColour | undefined): string | null {
  if (!colour) return null;
  if (typeof colour.argb === "string" && /^[0-9a-f]{8}$/i.test(colour.argb))
    return `#${colour.argb.slice(2).toUpperCase()}`;
  if (typeof colour.argb === "string" && /^[0-9a-f]{6}$/i.test(colour.argb))
    return `#${colour.argb.toUpperCase()}`;
  if (typeof colour.theme === "number" && THEME[colour.theme] !== undefined)
    return `#${tinted(THEME[colour.theme], colour.tint ?? 0)}`;
  if (typeof colour.indexed === "number") {
    const i = colour.indexed < 8 ? colour.indexed + 8 : colour.indexed;
    const hex = INDEXED[i - 8];
    return hex === undefined ? null : `#${hex}`;
  }
  return null;
}

/** A cell's fill colour, or null for none (pattern "none", gradients, unknown colours). */
export function fillColour(fill: Fill | undefined): string | null {
  if (!fill || fill.type !== "pattern" || fill.pattern === "none") return null;
  return (
    colourHex(fill.fgColor as FileColour | undefined) ?? colourHex(fill.bgColor as FileColour | undefined)
  );
}
