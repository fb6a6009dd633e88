/** Builds small .xlsx archives for the readers' tests: the parts given, stored or deflated. */
import { deflateRawSync } from "node:zlib";
import { crc32 } from "../../src/files/crc32";

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

export function sheetXml(sheetData: string, dimension?: string): string {
  const dim = dimension ? `<dimension ref="${dimension}"/>` : "";
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${dim}<sheetData>${sheetData}</sheetData></worksheet>`;
}

export interface ExtraParts {
  deflate: boolean;
  /** The <sst> element's content (its <si> items). */
  sharedStrings?: string;
  /** The styles part's content (<numFmts>, <cellXfs>). */
  styles?: string;
  /** Attributes of <workbookPr> (date1904="1"). */
  workbookPr?: string;
}

const SST_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";
const STYLES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";

/** A one-sheet workbook around the given worksheet XML; `deflate` compresses the parts as Excel does. */
export function xlsxWith(worksheet: string, opts: ExtraParts): Uint8Array {
  const main = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
  let types = CONTENT_TYPES;
  let rels = WORKBOOK_RELS;
  const parts: [string, string][] = [];
  if (opts.sharedStrings !== undefined) {
    types = types.replace(
      "</Types>",
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    );
    rels = rels.replace(
      "</Relationships>",
      `<Relationship Id="rId8" Type="${SST_TYPE}" Target="sharedStrings.xml"/></Relationships>`,
    );
    parts.push([
      "xl/sharedStrings.xml",
      `<?xml version="1.0" encoding="UTF-8"?><sst ${main}>${opts.sharedStrings}</sst>`,
    ]);
  }
  if (opts.styles !== undefined) {
    types = types.replace(
      "</Types>",
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    );
    rels = rels.replace(
      "</Relationships>",
      `<Relationship Id="rId9" Type="${STYLES_TYPE}" Target="styles.xml"/></Relationships>`,
    );
    parts.push([
      "xl/styles.xml",
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${main}>${opts.styles}</styleSheet>`,
    ]);
  }
  const workbook = opts.workbookPr
    ? WORKBOOK.replace("<sheets>", `<workbookPr ${opts.workbookPr}/><sheets>`)
    : WORKBOOK;
  parts.unshift(
    ["[Content_Types].xml", types],
    ["_rels/.rels", RELS],
    ["xl/workbook.xml", workbook],
    ["xl/_rels/workbook.xml.rels", rels],
    ["xl/worksheets/sheet1.xml", worksheet],
  );
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const data = Buffer.from(text, "utf8");
    const body = opts.deflate ? deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(opts.deflate ? 8 : 0, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(opts.deflate ? 8 : 0, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(nameBytes.length, 28);
    cd.writeUInt32LE(offset, 42);
    local.push(head, nameBytes, body);
    central.push(cd, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, cdBytes, end]));
}
