import fc from "fast-check";
import iconv from "iconv-lite";
import { csvField, decodeText, detectDelimiter, parseCsv } from "../../src/files/text";

describe("decodeText", () => {
  const sample = "学号,姓名\r\n220150920001,陈𠀾文\r\n";

  it("strips a UTF-8 BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sample)]);
    expect(decodeText(bytes)).toEqual({ text: sample, encoding: "utf-8" });
  });

  it("takes valid UTF-8 without BOM as UTF-8", () => {
    expect(decodeText(new TextEncoder().encode(sample))).toEqual({ text: sample, encoding: "utf-8" });
  });

  it("falls back to GB18030 for GBK bytes", () => {
    const gbk = "学号,姓名,培养层次\r\n220150920001,张明远,硕士研究生\r\n";
    const bytes = new Uint8Array(iconv.encode(gbk, "gbk"));
    expect(decodeText(bytes)).toEqual({ text: gbk, encoding: "gb18030" });
  });

  it("decodes GB18030 four-byte sequences (CJK Extension B)", () => {
    const bytes = new Uint8Array(iconv.encode(sample, "gb18030"));
    expect(decodeText(bytes)).toEqual({ text: sample, encoding: "gb18030" });
  });

  it("recognises UTF-16LE by its BOM (Excel's Unicode text)", () => {
    const bytes = new Uint8Array(iconv.encode(sample, "utf16-le", { addBOM: true }));
    expect(decodeText(bytes)).toEqual({ text: sample, encoding: "utf-16le" });
  });
});

describe("parseCsv", () => {
  it("handles quotes, doubled quotes and embedded line breaks", () => {
    const text = 'a,"b,c","say ""hi""","line1\r\nline2"\r\nx,,z,\r\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b,c", 'say "hi"', "line1\r\nline2"],
      ["x", "", "z", ""],
    ]);
  });

  it("accepts LF, CRLF and CR line ends alike", () => {
    const expected = [
      ["1", "2"],
      ["3", "4"],
    ];
    expect(parseCsv("1,2\n3,4\n")).toEqual(expected);
    expect(parseCsv("1,2\r\n3,4")).toEqual(expected);
    expect(parseCsv("1,2\r3,4\r")).toEqual(expected);
  });

  it("keeps blank lines as records so row numbers match the sheet", () => {
    expect(parseCsv("h\n\nv\n")).toEqual([["h"], [""], ["v"]]);
  });

  it("returns no rows for empty text", () => {
    expect(parseCsv("")).toEqual([]);
  });

  it("keeps a stray quote inside an unquoted field and runs an unterminated quote to the end", () => {
    expect(parseCsv('ab"c,d\n')).toEqual([['ab"c', "d"]]);
    expect(parseCsv('x,"open\nstill')).toEqual([["x", "open\nstill"]]);
  });

  it("switches to ';' or tab when the first line clearly uses it", () => {
    expect(detectDelimiter("学号;姓名;性别\n1;2;3")).toBe(";");
    expect(detectDelimiter("学号\t姓名\t性别\n")).toBe("\t");
    expect(detectDelimiter("a,b;c,d\n")).toBe(",");
    expect(parseCsv("学号;姓名\n001;张三,李四\n")).toEqual([
      ["学号", "姓名"],
      ["001", "张三,李四"],
    ]);
    expect(parseCsv("a\tb\n1\t2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("round-trips anything csvField quotes", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "学", ",", '"', "\n", "\r", " ", "𠀾", "1") });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const text = rows.map((r) => r.map(csvField).join(",")).join("\r\n");
          expect(parseCsv(text, ",")).toEqual(rows);
        },
      ),
    );
  });
});
