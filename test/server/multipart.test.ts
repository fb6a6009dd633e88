import fc from "fast-check";
import {
  MultipartError,
  MultipartParser,
  multipartBoundary,
  type MultipartLimits,
} from "../../src/server/multipart";

const LIMITS: MultipartLimits = { maxFileBytes: 1000, maxFieldBytes: 100, maxParts: 5, maxHeaderBytes: 500 };
const B = "----WebKitFormBoundaryAbc123";

function body(parts: { name: string; fileName?: string; data: Buffer | string }[], boundary = B): Buffer {
  const pieces: Buffer[] = [];
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.fileName !== undefined ? `; filename="${p.fileName}"` : ""}`;
    pieces.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.fileName ? "Content-Type: application/octet-stream\r\n" : ""}\r\n`,
      ),
    );
    pieces.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    pieces.push(Buffer.from("\r\n"));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

function parseInChunks(buf: Buffer, cuts: number[], limits = LIMITS) {
  const parser = new MultipartParser(B, limits);
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    parser.write(buf.subarray(at, c));
    at = c;
  }
  parser.write(buf.subarray(at));
  return parser.end();
}

describe("multipartBoundary", () => {
  test("reads plain and quoted boundaries, only for multipart/form-data", () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(multipartBoundary(`Multipart/Form-Data; charset=utf-8; boundary="a b"`)).toBe("a b");
    expect(multipartBoundary("application/json")).toBeUndefined();
    expect(multipartBoundary("multipart/form-data")).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });
});

describe("MultipartParser", () => {
  // Data that contains near-delimiters: CRLF, dashes and a prefix of the boundary.
  const tricky = Buffer.concat([
    Buffer.from(`\r\n--${B.slice(0, 10)}\r\n--\r`),
    Buffer.from([0, 255, 13, 10, 45, 45]),
    Buffer.alloc(300, 0x2d),
  ]);
  const sample = body([
    { name: "college", data: "信息科学与工程学院" },
    { name: "file", fileName: "名单.xlsx", data: tricky },
    { name: "senderEmail", data: "a@b.cn" },
  ]);

  test("any split of the body into chunks gives the same form", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: sample.length }), { maxLength: 8 }), (cuts) => {
        const form = parseInChunks(sample, cuts);
        expect(form.fields.get("college")).toBe("信息科学与工程学院");
        expect(form.fields.get("senderEmail")).toBe("a@b.cn");
        const file = form.files.get("file");
        expect(file?.fileName).toBe("名单.xlsx");
        expect(Buffer.compare(file!.data, tricky)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  test("byte-by-byte feeding works", () => {
    const parser = new MultipartParser(B, LIMITS);
    for (let i = 0; i < sample.length; i++) parser.write(sample.subarray(i, i + 1));
    expect(parser.end().files.get("file")?.data.length).toBe(tricky.length);
  });

  test("a file over the limit fails while it is being written, before the end", () => {
    const parser = new MultipartParser(B, LIMITS);
    const big = body([{ name: "file", fileName: "a.xlsx", data: Buffer.alloc(5000, 1) }]);
    let failedAt = -1;
    try {
      for (let i = 0; i < big.length; i += 100) parser.write(big.subarray(i, i + 100));
    } catch (err) {
      expect(err).toBeInstanceOf(MultipartError);
      expect((err as MultipartError).status).toBe(413);
      failedAt = 1;
    }
    expect(failedAt).toBe(1);
  });

  test("a long text field, too many parts, a duplicate field and a truncated body are refused", () => {
    expect(() => parseInChunks(body([{ name: "college", data: "x".repeat(101) }]), [])).toThrow(
      MultipartError,
    );
    const many = body(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, data: "v" })));
    expect(() => parseInChunks(many, [])).toThrow(/过多/);
    const dup = body([
      { name: "college", data: "a" },
      { name: "college", data: "b" },
    ]);
    expect(() => parseInChunks(dup, [])).toThrow(/不止一次/);
    expect(() => parseInChunks(sample.subarray(0, sample.length - 10), [])).toThrow(/不完整/);
    expect(() => parseInChunks(Buffer.from("no boundary here at all"), [])).toThrow(MultipartError);
  });

  test("an RFC 5987 filename* wins over the plain filename", () => {
    const raw = Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="file"; filename="x.xlsx"; filename*=UTF-8''%E5%90%8D%E5%8D%95.xlsx\r\n\r\nabc\r\n--${B}--`,
    );
    expect(parseInChunks(raw, []).files.get("file")?.fileName).toBe("名单.xlsx");
  });

  test("an oversized part header is refused", () => {
    const raw = Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="a"\r\nX-Pad: ${"p".repeat(600)}\r\n\r\nv\r\n--${B}--`,
    );
    expect(() => parseInChunks(raw, [])).toThrow(/头部过长/);
  });
});
