/**
 * Text-file plumbing shared by the readers and writers: decoding the bytes of a CSV (UTF-8 with or without
 * BOM, GBK/GB18030 from Chinese Excel and WPS) and RFC 4180 parsing/quoting. Browser-safe: TextDecoder only.
 */

export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  );
}

const GB_FAMILY = /^(?:gb2312|gbk|gb18030|x-gbk|cp936|csgb2312|chinese|euc-cn)$/i;

/**
 * The charset an HTML or XML file declares in its first 2 KB: `<meta charset=…>`,
 * `<meta http-equiv="Content-Type" content="text/html; charset=…">` or `<?xml … encoding="…"?>`.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  let head = "";
  const n = Math.min(bytes.length, 2048);
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i]);
  const m =
    /<meta[^>]*charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head) ??
    /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : undefined;
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a text file. A BOM decides; otherwise strict UTF-8 when the bytes are valid UTF-8 (pure ASCII
 * included), else the charset the file declares (`declared`, from an HTML/XML header) when the platform
 * knows it, else GB18030 — a superset of GBK and GB2312, which is what Excel and WPS save on Chinese
 * Windows. Valid UTF-8 wins over a declaration: exports that keep a "gb2312" meta tag from an old template
 * but write UTF-8 are common, and GBK text is practically never valid UTF-8.
 * UTF-16 is recognised by its BOM only (Excel's "Unicode text" export always writes one).
 */
export function decodeText(bytes: Uint8Array, declared?: string): { text: string; encoding: string } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  try {
    // ignoreBOM keeps the decoder from silently eating a BOM we already ruled out above.
    return {
      text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes),
      encoding: "utf-8",
    };
  } catch {
    const label = declared && !GB_FAMILY.test(declared) && !/^utf-?8$/i.test(declared) ? declared : "gb18030";
    const decoder = decoderFor(label) ?? new TextDecoder("gb18030");
    return { text: decoder.decode(bytes), encoding: decoder.encoding };
  }
}

/** parseCsv stopped: the text has more records than `maxRows`. */
export class TooManyRecords extends Error {}

const CANDIDATE_DELIMITERS = [",", ";", "\t"] as const;

/** Counts each candidate delimiter on the first record, outside quotes. */
function countDelimiters(text: string): Map<string, number> {
  const counts = new Map<string, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return counts;
}

/** Comma unless the first line clearly uses ';' or tab instead (more of them than commas). */
export function detectDelimiter(text: string): string {
  const counts = countDelimiters(text);
  let best = ",";
  let bestCount = counts.get(",") ?? 0;
  for (const d of [";", "\t"]) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/**
 * RFC 4180 parsing: quoted fields, doubled quotes, CRLF/LF/CR line ends, line breaks inside quotes.
 * Lenient where real files are sloppy: a quote inside an unquoted field is kept literally and an
 * unterminated quoted field runs to the end of the file. One record per worksheet row, blank lines
 * included (they keep row numbers aligned with what Excel shows); a final line break adds no record.
 */
export function parseCsv(
  text: string,
  delimiter: string = detectDelimiter(text),
  opts: { maxRows?: number } = {},
): string[][] {
  const maxRows = opts.maxRows ?? Infinity;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  while (i < n) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      // Quoted field: read to the closing quote, "" is a literal quote.
      i++;
      for (;;) {
        if (i >= n) break;
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      atFieldStart = false;
      continue;
    }
    if (ch === delimiter) {
      row.push(field);
      field = "";
      atFieldStart = true;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      row.push(field);
      rows.push(row);
      if (rows.length > maxRows) throw new TooManyRecords();
      row = [];
      field = "";
      atFieldStart = true;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += ch;
    atFieldStart = false;
    i++;
  }
  if (!atFieldStart || field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
    if (rows.length > maxRows) throw new TooManyRecords();
  }
  return rows;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field, quoted only when needed (delimiter, quote, line break, or edge spaces some readers trim). */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
