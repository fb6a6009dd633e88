/**
 * A fast reader for the .xlsx that Excel, WPS, LibreOffice and ExcelJS write: the cell values of one sheet,
 * straight from the XML into rows, with SheetJS's semantics (shared and inline strings with phonetic runs
 * left out, numbers, booleans, error texts, cached formula values, date-formatted numbers as ISO dates).
 * SheetJS builds a cell object per cell through a general XML tokenizer; for a 20,000-row list that is most
 * of a `check`. Anything this reader does not expect (namespace prefixes, strict OOXML, ISO date cells,
 * missing parts) makes it give up, and readSheet hands the same parts to SheetJS instead.
 */
import type { CellValue } from "../domain/grid";
import type { ZipEntry } from "./zipCheck";

/** This reader cannot say: use SheetJS. */
class GiveUp extends Error {}

export interface SheetValues {
  name: string;
  rows: (CellValue[] | undefined)[];
}

const utf8 = new TextDecoder("utf-8");

const ENTITY = /&(?:(quot|apos|gt|lt|amp)|#x([\da-fA-F]+)|#(\d+));/g;
const NAMED: Record<string, string> = { quot: '"', apos: "'", gt: ">", lt: "<", amp: "&" };
const ESCAPED_CHAR = /_x([\da-fA-F]{4})_/g;

/** XML text → string: entities, Excel's _xHHHH_ escapes, CRLF as LF (as SheetJS reads them). */
function unescape(text: string): string {
  let s = text;
  if (s.includes("<![CDATA[")) throw new GiveUp();
  if (s.includes("&"))
    s = s.replace(ENTITY, (_m, name: string, hex: string, dec: string) =>
      name ? NAMED[name] : String.fromCodePoint(parseInt(hex ?? dec, hex ? 16 : 10)),
    );
  if (s.includes("_x"))
    s = s.replace(ESCAPED_CHAR, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s.includes("\r\n") ? s.replace(/\r\n/g, "\n") : s;
}

const FIRST_T = /^\s*<t(?:\s[^>]*)?>([^<]*)<\/t>/;
const ANY_T = /<t(?:\s[^<>]*)?>([^<]*)<\/t>/g;
const PHONETIC = /<rPh\b(?:[^<]|<(?!\/?rPh\b))*<\/rPh>/g;

/** The text of an <si> or <is>: its plain <t>, or its runs' <t>s without the phonetic guide (rPh). */
function stringItem(xml: string): string {
  const plain = FIRST_T.exec(xml);
  if (plain) return unescape(plain[1]);
  if (!xml.includes("<r>") && !xml.includes("<r ")) return "";
  let out = "";
  for (const m of xml.replace(PHONETIC, "").matchAll(ANY_T)) out += m[1];
  return unescape(out);
}

function sharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const out: string[] = [];
  for (const m of xml.matchAll(/<si\b[^<>]*?(?:\/>|>((?:[^<]|<(?!\/?si\b))*)<\/si>)/g))
    out.push(stringItem(m[1] ?? ""));
  return out;
}

const ATTRIBUTES = new Map<string, RegExp>();

function attr(tag: string, name: string): string | undefined {
  let re = ATTRIBUTES.get(name);
  if (!re) ATTRIBUTES.set(name, (re = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`)));
  const m = re.exec(tag);
  return m ? m[1] : undefined;
}

/**
 * Does an Excel number format show a date or time? Its tokens are read outside quoted text, escaped
 * characters (\x, _x, *x) and brackets ([Red], [$-804]); an elapsed-time bracket ([h], [mm]) is a time.
 * A date or time letter (y m d h s, e g for eras, b for the Buddhist year) or AM/PM, A/P, 上午/下午 makes
 * it one; "General" (G/通用格式 in Chinese Excel) and a number's exponent (E+, E-) do not.
 */
export function isDateFormat(code: string): boolean {
  let i = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === '"') {
      const end = code.indexOf('"', i + 1);
      i = end < 0 ? code.length : end + 1;
    } else if (c === "\\" || c === "_" || c === "*") i += 2;
    else if (c === "[") {
      const end = code.indexOf("]", i);
      if (/^(?:h+|m+|s+)$/i.test(code.slice(i + 1, end < 0 ? code.length : end))) return true;
      i = end < 0 ? code.length : end + 1;
    } else if (/^general/i.test(code.slice(i, i + 7))) i += 7;
    else if (code.startsWith("G/", i)) i += 2;
    else if ((c === "E" || c === "e") && (code[i + 1] === "+" || code[i + 1] === "-")) i += 2;
    else if (/[ymdhsegb]/i.test(c)) return true;
    else if (/^(?:am\/pm|a\/p)/i.test(code.slice(i, i + 5)) || code.startsWith("上午/下午", i)) return true;
    else i++;
  }
  return false;
}

/** Built-in date and time formats (ECMA-376 §18.8.30): the ids a workbook may use without a formatCode. */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** For each cell style (cellXfs index): does its number format show a date? */
function dateStyles(xml: string | undefined): boolean[] {
  if (xml === undefined) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^<>]*>/g)) {
    const id = attr(m[0], "numFmtId");
    const code = attr(m[0], "formatCode");
    if (id !== undefined && code !== undefined) custom.set(Number(id), unescape(code));
  }
  const open = xml.indexOf("<cellXfs");
  const close = open < 0 ? -1 : xml.indexOf("</cellXfs>", open);
  const xfs = close < 0 ? "" : xml.slice(open, close);
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<xf\b[^<>]*>/g)) {
    const id = Number(attr(m[0], "numFmtId") ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id));
  }
  return out;
}

const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A date serial as SheetJS's cellDates shows it, then as readSheet's ISO text (whole seconds). */
function serialToIso(serial: number, date1904: boolean): CellValue {
  const v = serial + (date1904 ? 1462 : 0);
  if (v >= 60 && v < 61) return v; // Excel's phantom 1900-02-29 stays a number, as in SheetJS
  const ms = Math.round(((v > 60 ? v : v + 1) * DAY_MS + EXCEL_EPOCH) / 1000) * 1000;
  const t = new Date(ms);
  if (Number.isNaN(t.getTime())) return null;
  const date = `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
  const h = t.getUTCHours();
  const mi = t.getUTCMinutes();
  const s = t.getUTCSeconds();
  return h === 0 && mi === 0 && s === 0 ? date : `${date}T${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
}

const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"]);

function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + c - 64;
    else if (c >= 97 && c <= 122) n = n * 26 + c - 96;
    else break;
  }
  if (n === 0) throw new GiveUp();
  return n - 1;
}

// Linear on any input: attributes stop at the next "<" or ">", a cell's body at the next cell or row.
const CELL_OR_ROW = /<row\b([^<>]*?)\/?>|<c\b([^<>]*?)(?:\/>|>((?:[^<]|<(?!\/c>|c[\s/>]|\/?row\b))*)<\/c>)/g;
const VALUE = /<v(?:\s[^<>]*)?>([^<]*)<\/v>/;

interface Context {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
}

function cellValue(attrs: string, body: string | undefined, ctx: Context): CellValue | undefined {
  const t = attr(attrs, "t");
  const raw = body === undefined ? undefined : VALUE.exec(body)?.[1];
  switch (t) {
    case undefined:
    case "n": {
      // A formula without a cached value reads as nothing (SheetJS without cellFormula does the same).
      if (raw === undefined || raw === "") return undefined;
      const n = parseFloat(raw);
      if (!Number.isFinite(n)) return null;
      const s = attr(attrs, "s");
      return s !== undefined && ctx.dates[Number(s)] ? serialToIso(n, ctx.date1904) : n;
    }
    case "s": {
      if (raw === undefined) return undefined;
      const text = ctx.strings[parseInt(raw, 10)];
      if (text === undefined) throw new GiveUp();
      return text;
    }
    case "str":
      return raw === undefined ? "" : unescape(raw);
    case "inlineStr": {
      const open = body === undefined ? -1 : body.indexOf("<is>");
      const close = open < 0 ? -1 : body!.indexOf("</is>", open);
      const is = close < 0 ? undefined : body!.slice(open + 4, close);
      return is === undefined ? "" : stringItem(is);
    }
    case "b":
      return raw === undefined ? undefined : raw === "1" || raw === "true";
    case "e":
      // An error text SheetJS does not know reads as nothing there; so it does here.
      return raw !== undefined && ERRORS.has(raw) ? raw : undefined;
    default:
      throw new GiveUp(); // "d" (ISO date cells) and anything unknown: SheetJS
  }
}

function sheetRows(xml: string, ctx: Context): (CellValue[] | undefined)[] {
  const start = xml.indexOf("<sheetData");
  if (start < 0) throw new GiveUp();
  const end = xml.indexOf("</sheetData>", start);
  const data = end < 0 ? "" : xml.slice(start, end);
  const rows: (CellValue[] | undefined)[] = [];
  let row = -1;
  let col = -1;
  CELL_OR_ROW.lastIndex = 0;
  for (let m = CELL_OR_ROW.exec(data); m; m = CELL_OR_ROW.exec(data)) {
    if (m[1] !== undefined) {
      const r = attr(m[1], "r");
      row = r === undefined ? row + 1 : Number(r) - 1;
      if (!Number.isInteger(row) || row < 0) throw new GiveUp();
      col = -1;
      continue;
    }
    const attrs = m[2];
    const ref = attr(attrs, "r");
    if (ref !== undefined) {
      col = columnOf(ref);
      const digits = /\d+$/.exec(ref);
      if (digits) row = Number(digits[0]) - 1;
    } else col++;
    if (row < 0) row = 0;
    // Beyond Excel's grid (1,048,576 × 16,384) the file is not what it claims: SheetJS decides.
    if (row >= 1_048_576 || col >= 16_384) throw new GiveUp();
    const v = cellValue(attrs, m[3], ctx);
    if (v === undefined || v === null || v === "") continue;
    (rows[row] ??= [])[col] = v;
  }
  return rows;
}

interface Relationship {
  target: string;
  type: string;
}

function relationships(xml: string | undefined, base: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  if (xml === undefined) return out;
  for (const m of xml.matchAll(/<Relationship\b[^<>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id === undefined || target === undefined) continue;
    const path = target.startsWith("/") ? target.slice(1) : base + target;
    out.set(id, { target: path, type: attr(m[0], "Type") ?? "" });
  }
  return out;
}

/** The part a relationship of this kind points to ("…/sharedStrings", "…/styles"), else the usual path. */
function partOfType(rels: Map<string, Relationship>, kind: string, usual: string): string {
  for (const r of rels.values()) if (r.type.endsWith(`/${kind}`)) return r.target;
  return usual;
}

/**
 * The sheets' values in workbook order, read lazily (`rowsOf` parses one sheet when asked); undefined
 * when this reader cannot vouch for the file (then SheetJS reads it).
 */
export function fastWorkbook(
  entries: readonly ZipEntry[],
): { names: string[]; rowsOf(name: string): (CellValue[] | undefined)[] } | undefined {
  try {
    const parts = new Map(entries.map((e) => [e.name, e.data]));
    const text = (name: string) => {
      const data = parts.get(name);
      return data === undefined ? undefined : utf8.decode(data);
    };
    const types = text("[Content_Types].xml") ?? "";
    if (
      !/PartName="\/xl\/workbook\.xml"\s+ContentType="application\/vnd\.(?:openxmlformats-officedocument\.spreadsheetml\.sheet\.main|ms-excel\.sheet\.macroEnabled\.main)\+xml"/.test(
        types,
      )
    )
      return undefined;
    const workbook = text("xl/workbook.xml");
    if (
      workbook === undefined ||
      !workbook.includes('"http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
    )
      return undefined;
    if (/<\w+:(?:workbook|sheets|sheet)\b/.test(workbook)) return undefined;
    const rels = relationships(text("xl/_rels/workbook.xml.rels"), "xl/");
    const sheets: { name: string; part?: string }[] = [];
    for (const m of workbook.matchAll(/<sheet\b[^<>]*>/g)) {
      const name = attr(m[0], "name");
      const id = /\sr:id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
      if (name === undefined || id === undefined) return undefined;
      sheets.push({ name: unescape(name), part: rels.get(id)?.target });
    }
    if (sheets.length === 0) return undefined;
    const wbPr = /<workbookPr\b[^<>]*>/.exec(workbook)?.[0] ?? "";
    const date1904 = /\sdate1904\s*=\s*"(?:1|true)"/.test(wbPr);
    let ctx: Context | undefined;
    const context = () =>
      (ctx ??= {
        strings: sharedStrings(text(partOfType(rels, "sharedStrings", "xl/sharedStrings.xml"))),
        dates: dateStyles(text(partOfType(rels, "styles", "xl/styles.xml"))),
        date1904,
      });
    return {
      names: sheets.map((s) => s.name),
      rowsOf(name) {
        const sheet = sheets.find((s) => s.name === name);
        if (!sheet?.part || !/^xl\/worksheets\//.test(sheet.part)) return [];
        const xml = text(sheet.part);
        if (xml === undefined) throw new GiveUp();
        if (!xml.includes("<sheetData") || /<\w+:(?:sheetData|row|c)\b/.test(xml.slice(0, 4096)))
          throw new GiveUp();
        return sheetRows(xml, context());
      },
    };
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

export { GiveUp as FastReaderGaveUp };
