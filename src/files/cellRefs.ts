/**
 * Worksheet XML may leave out a row's or a cell's `r` attribute (ECMA-376 §18.3.1.73/.4: it is then the
 * next row, the next cell). SheetJS follows that rule; ExcelJS does not and fails on such files, which
 * some generators write. addCellRefs() writes the implied references in, so ExcelJS sees ordinary XML.
 */
import { columnLetter } from "../domain/grid";
import { crc32 as crcOf } from "./crc32";
import { storedZip, unzip, type Inflate, type ZipEntry } from "./zipCheck";

const TAG = /<(\/?)((?:[A-Za-z_][\w.-]*:)?(?:row|c|sheetData))(?=[\s/>])([^<>]*)>/g;
const REF = /\sr\s*=\s*["']([^"']*)["']/;
const CELL_REF = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The XML with every row and cell of sheetData carrying its `r`; the same string when none was missing. */
export function addCellRefs(xml: string): string {
  let inData = false;
  let row = 0;
  let col = 0;
  let changed = false;
  const out = xml.replace(TAG, (tag, slash: string, name: string, attrs: string) => {
    const local = name.slice(name.indexOf(":") + 1);
    if (local === "sheetData") {
      inData = slash === "" && !attrs.trimEnd().endsWith("/");
      return tag;
    }
    if (!inData || slash) return tag;
    const ref = REF.exec(attrs)?.[1];
    if (local === "row") {
      const n = ref === undefined ? NaN : Number(ref);
      row = Number.isInteger(n) && n > 0 ? n : row + 1;
      col = 0;
      if (ref !== undefined) return tag;
      changed = true;
      return `<${name} r="${row}"${attrs}>`;
    }
    const m = ref === undefined ? null : CELL_REF.exec(ref);
    if (m) {
      col = columnNumber(m[1]);
      return tag;
    }
    col++;
    changed = true;
    const withoutRef = ref === undefined ? attrs : attrs.replace(REF, "");
    return `<${name} r="${columnLetter(col - 1)}${row}"${withoutRef}>`;
  });
  return changed ? out : xml;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/**
 * The workbook with cell references written in, for ExcelJS; the same bytes when every reference was
 * there (or when the archive cannot be opened: the caller's loader then reports it as damaged).
 */
export async function withCellRefs(bytes: Uint8Array, inflate?: Inflate): Promise<Uint8Array> {
  const zip = await unzip(bytes, { inflate });
  if (!zip.ok) return bytes;
  let changed = false;
  const utf8 = new TextDecoder("utf-8");
  const encoder = new TextEncoder();
  const entries: ZipEntry[] = zip.entries.map((e) => {
    if (!WORKSHEET.test(e.name)) return e;
    const xml = utf8.decode(e.data);
    const fixed = addCellRefs(xml);
    if (fixed === xml) return e;
    changed = true;
    const data = encoder.encode(fixed);
    return { name: e.name, data, crc: crcOf(data) };
  });
  return changed ? storedZip(entries) : bytes;
}
