/**
 * Cell contents as Excel stores them, and the coercions Excel applies to input: typed text and
 * strings written through `Range.values` are parsed the same way (numeric text in a General cell
 * becomes a number; in a text-formatted "@" cell it stays text).
 */
import { MemoryExcelError } from "./errors";

export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

/** A non-empty cell. An empty cell is simply absent. */
export type CellData =
  | { readonly type: "String"; readonly value: string }
  | { readonly type: "Double"; readonly value: number }
  | { readonly type: "Boolean"; readonly value: boolean }
  | { readonly type: "Error"; readonly value: string };

/** What a cell reads as through `Range.values` ("" for empty). */
export type RangeValue = string | number | boolean;

export const TEXT_FORMAT = "@";
export const GENERAL_FORMAT = "General";

const ERROR_LITERALS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);
const NUMBER_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?$/;
const PERCENT_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)%$/;
const DATE_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
// Excel's serial day 0 is 1899-12-30 for every date after February 1900.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function readValue(cell: CellData | undefined): RangeValue {
  return cell === undefined ? "" : cell.value;
}

export function readType(cell: CellData | undefined): ValueType {
  return cell === undefined ? "Empty" : cell.type;
}

/**
 * Keeps the first 15 significant digits of a decimal numeral and zeroes the rest, as Excel does
 * ("Excel changes any digits past the fifteenth place to zeroes"), then converts to a double.
 */
export function excelNumberFromText(sign: string, digits: string, exponent: number): number {
  const [intPart, fracPart = ""] = digits.split(".");
  const all = (intPart + fracPart).replace(/^0+/, "");
  if (all === "") return 0;
  // Position of the decimal point relative to the first significant digit.
  const leadingZerosInFraction =
    intPart.replace(/^0+/, "") === "" ? fracPart.length - fracPart.replace(/^0+/, "").length : 0;
  const pointAfter = intPart.replace(/^0+/, "").length - leadingZerosInFraction;
  const kept = all.slice(0, 15);
  const value = Number(`${sign}0.${kept}e${pointAfter + exponent}`);
  return Object.is(value, -0) ? 0 : value;
}

function dateSerial(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 9999) return null;
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return Math.round((ms - EXCEL_EPOCH_MS) / DAY_MS);
}

export interface ParsedInput {
  readonly cell: CellData | null;
  /** A number format Excel applies on the way in (dates, percentages), when the cell had General. */
  readonly impliedFormat?: string;
}

/** Parses text as Excel parses what a user types (also what it does with strings written via the API). */
export function parseTypedText(text: string, numberFormat: string): ParsedInput {
  if (text === "") return { cell: null };
  // The apostrophe is Excel's text prefix in any cell, a text-formatted one too: it is not stored.
  if (text.startsWith("'")) return { cell: { type: "String", value: text.slice(1) } };
  if (numberFormat === TEXT_FORMAT) return { cell: { type: "String", value: text } };
  if (text.startsWith("=") && text.length > 1) {
    throw new MemoryExcelError("NotImplemented", "The in-memory Excel does not evaluate formulas.");
  }
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { cell: { type: "Boolean", value: upper === "TRUE" } };
  if (ERROR_LITERALS.has(upper)) return { cell: { type: "Error", value: upper } };
  const num = NUMBER_RE.exec(trimmed);
  if (num) {
    return { cell: { type: "Double", value: excelNumberFromText(num[1], num[2], Number(num[3] ?? 0)) } };
  }
  if (PERCENT_RE.test(trimmed)) {
    const body = trimmed.slice(0, -1);
    const m = NUMBER_RE.exec(body)!;
    const value = excelNumberFromText(m[1], m[2], -2);
    const implied = body.includes(".") ? "0.00%" : "0%";
    return { cell: { type: "Double", value }, impliedFormat: implied };
  }
  const date = DATE_RE.exec(trimmed);
  if (date) {
    const serial = dateSerial(Number(date[1]), Number(date[2]), Number(date[3]));
    if (serial !== null) return { cell: { type: "Double", value: serial }, impliedFormat: "yyyy/m/d" };
  }
  return { cell: { type: "String", value: text } };
}

/** Converts one element of a `Range.values` write into cell data (null = leave the cell alone). */
export function parseApiValue(input: unknown, numberFormat: string, location: string): ParsedInput | null {
  if (input === null || input === undefined) return null;
  if (typeof input === "string") return parseTypedText(input, numberFormat);
  if (typeof input === "number") {
    if (!Number.isFinite(input))
      throw new MemoryExcelError("InvalidArgument", "Numbers must be finite.", location);
    if (numberFormat === TEXT_FORMAT) return { cell: { type: "String", value: numberText(input) } };
    return { cell: { type: "Double", value: Object.is(input, -0) ? 0 : input } };
  }
  if (typeof input === "boolean") {
    if (numberFormat === TEXT_FORMAT) return { cell: { type: "String", value: input ? "TRUE" : "FALSE" } };
    return { cell: { type: "Boolean", value: input } };
  }
  throw new MemoryExcelError("InvalidArgument", `Unsupported cell value of type ${typeof input}.`, location);
}

/** A number written out in full (no exponent below 1e21), as text in a "@" cell shows it. */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(n);
}

function trimFixed(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** Excel's "General" display in a standard-width column: at most 11 characters. */
export function generalText(n: number): string {
  if (n === 0) return "0";
  const abs = Math.abs(n);
  if (abs < 1e11 && abs >= 1e-9) {
    for (let d = 10; d >= 0; d--) {
      const s = trimFixed(n.toFixed(d));
      if (s.length <= 11 && s !== "0" && s !== "-0") return s;
    }
  }
  for (let d = 5; d >= 0; d--) {
    const [mant, exp] = n.toExponential(d).split("e");
    const e = Number(exp);
    const s = `${trimFixed(mant)}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
    if (s.length <= 11 || d === 0) return s;
  }
  return String(n);
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function dateText(serial: number, format: string): string {
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
  const parts: Record<string, string> = {
    yyyy: String(d.getUTCFullYear()),
    yy: pad2(d.getUTCFullYear() % 100),
    mm: pad2(d.getUTCMonth() + 1),
    m: String(d.getUTCMonth() + 1),
    dd: pad2(d.getUTCDate()),
    d: String(d.getUTCDate()),
  };
  return format.replace(/yyyy|yy|mm|m|dd|d/g, (token) => parts[token]);
}

function groupThousands(intText: string): string {
  return intText.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `Range.text` of one cell: the value as its number format displays it (the formats we meet). */
export function displayText(cell: CellData | undefined, numberFormat: string): string {
  if (cell === undefined) return "";
  if (cell.type === "Boolean") return cell.value ? "TRUE" : "FALSE";
  if (cell.type !== "Double") return cell.value;
  const n = cell.value;
  switch (numberFormat) {
    case TEXT_FORMAT:
      return numberText(n);
    case "0":
      return Math.round(n).toString();
    case "0.00":
      return n.toFixed(2);
    case "#,##0":
      return (n < 0 ? "-" : "") + groupThousands(Math.round(Math.abs(n)).toString());
    case "0%":
      return `${Math.round(n * 100)}%`;
    case "0.00%":
      return `${(n * 100).toFixed(2)}%`;
    default:
      if (/^[ymd/\-.年月日\s]+$/.test(numberFormat) && /[ymd]/.test(numberFormat))
        return dateText(n, numberFormat);
      return generalText(n);
  }
}

const NAMED_COLOURS: Readonly<Record<string, string>> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  gray: "#808080",
  grey: "#808080",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  pink: "#FFC0CB",
  purple: "#800080",
  lightyellow: "#FFFFE0",
  lightgreen: "#90EE90",
  lightblue: "#ADD8E6",
  gold: "#FFD700",
  salmon: "#FA8072",
};

/** "#RRGGBB" in upper case, as Excel reads colours back; null when Excel would reject the input. */
export function normaliseColour(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const s = input.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(s)) return s.toUpperCase();
  return NAMED_COLOURS[s.toLowerCase()] ?? null;
}

/** Compares "1.9" and "1.10" as versions (minor numerically). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
