/**
 * Draws the add-in's icons (a camera beside a short list) and writes them as PNGs to assets/.
 * Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed, so builds never need this.
 * The PNG encoder is written here (chunks, CRC-32, zlib stream from node:zlib) to avoid an image library.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { crc32 } from "../src/files/crc32";

export { crc32 };

/** The sizes the manifest names: 16/32/80 on the ribbon, 32 as IconUrl, 64 as HighResolutionIconUrl. */
export const ICON_SIZES = [16, 32, 64, 80] as const;

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels (row-major, 4 bytes each) → PNG bytes (8-bit truecolour with alpha, filter 0). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error("pixel buffer does not match the size");
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/** Width and height from a PNG's IHDR (what the manifest test compares with the size it claims). */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const buf = Buffer.from(bytes);
  if (!buf.subarray(0, 8).equals(Buffer.from(PNG_SIGNATURE)) || buf.toString("latin1", 12, 16) !== "IHDR") {
    throw new Error("not a PNG file");
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

type Shape = (x: number, y: number) => boolean;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}
const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

// The glyph in unit coordinates: a camera body with a lens ring, and three list lines on its right.
const BLUE: [number, number, number] = [0x0f, 0x6c, 0xbd];
const WHITE: [number, number, number] = [0xff, 0xff, 0xff];
const body = union(roundedRect(0.06, 0.27, 0.94, 0.86, 0.11), roundedRect(0.22, 0.15, 0.5, 0.33, 0.05));
const lensRing = minus(circle(0.38, 0.565, 0.2), circle(0.38, 0.565, 0.115));
const listLines = union(
  roundedRect(0.66, 0.42, 0.86, 0.49, 0.03),
  roundedRect(0.66, 0.54, 0.86, 0.61, 0.03),
  roundedRect(0.66, 0.66, 0.86, 0.73, 0.03),
);
const layers: { shape: Shape; colour: [number, number, number] }[] = [
  { shape: body, colour: BLUE },
  { shape: union(lensRing, listLines), colour: WHITE },
];

/** Renders the glyph at `size` px with 8×8 supersampling for smooth edges. */
export function renderIcon(size: number): Uint8Array {
  const samples = 8;
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour: [number, number, number] | undefined;
          for (const layer of layers) if (layer.shape(x, y)) colour = layer.colour;
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((255 * a) / (samples * samples));
      }
    }
  }
  return out;
}

export function iconFileName(size: number): string {
  return `icon-${size}.png`;
}

if (require.main === module) {
  const dir = join(__dirname, "..", "assets");
  for (const size of ICON_SIZES) {
    const file = join(dir, iconFileName(size));
    writeFileSync(file, encodePng(size, size, renderIcon(size)));
    console.log(`wrote ${file}`);
  }
}
