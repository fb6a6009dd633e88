import { inflateSync } from "node:zlib";
import { crc32, encodePng, ICON_SIZES, pngSize, renderIcon } from "../../scripts/make-icons";

/** Splits a PNG into its chunks, checking each CRC (what a decoder does). */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const out: { type: string; data: Buffer }[] = [];
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    out.push({ type, data });
    at += 12 + length;
  }
  return out;
}

describe("the icon generator", () => {
  test("CRC-32 matches the standard check value", () => {
    expect(crc32(Buffer.from("123456789", "latin1"))).toBe(0xcbf43926);
  });

  test("writes PNGs whose chunks, CRCs and pixel data a decoder accepts", () => {
    const pixels = renderIcon(16);
    const png = encodePng(16, 16, pixels);
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(pngSize(png)).toEqual({ width: 16, height: 16 });
    const raw = inflateSync(parts[1].data);
    expect(raw.length).toBe(16 * (16 * 4 + 1));
    // Filter byte 0 on each row, then the RGBA bytes unchanged.
    for (let y = 0; y < 16; y++) {
      expect(raw[y * 65]).toBe(0);
      expect(
        Buffer.compare(
          raw.subarray(y * 65 + 1, y * 65 + 65),
          Buffer.from(pixels.subarray(y * 64, y * 64 + 64)),
        ),
      ).toBe(0);
    }
  });

  test("draws a visible glyph with a transparent margin at every size", () => {
    for (const size of ICON_SIZES) {
      const px = renderIcon(size);
      let opaque = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) opaque++;
      expect(opaque / (size * size)).toBeGreaterThan(0.3);
      expect(px[3]).toBe(0); // top-left corner is transparent
    }
  });

  test("refuses a buffer of the wrong size and a non-PNG", () => {
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow();
    expect(() => pngSize(new Uint8Array(30))).toThrow(/PNG/);
  });
});
