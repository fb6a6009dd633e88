/**
 * A look at an upload's zip structure before any spreadsheet library inflates it: is it a zip at all,
 * is it an Office Open XML package, and how large do its entries claim to be once inflated (a small
 * upload must not expand into gigabytes in the reader).
 */

export type ZipVerdict =
  | { ok: true; entries: number; uncompressedBytes: number }
  | { ok: false; reason: "notZip" | "notOoxml" | "corrupt" | "inflatesTooMuch" };

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIR = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

export function hasZipMagic(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

export function inspectZip(bytes: Buffer, maxUncompressedBytes: number): ZipVerdict {
  if (!hasZipMagic(bytes) || bytes.readUInt32LE(0) !== LOCAL_HEADER) return { ok: false, reason: "notZip" };
  let eocd = -1;
  const stop = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let i = bytes.length - EOCD_SIZE; i >= stop; i--) {
    if (bytes.readUInt32LE(i) === END_OF_CENTRAL_DIR) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: "corrupt" };
  const count = bytes.readUInt16LE(eocd + 10);
  const dirSize = bytes.readUInt32LE(eocd + 12);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (dirOffset + dirSize > eocd) return { ok: false, reason: "corrupt" };

  let at = dirOffset;
  let total = 0;
  let contentTypes = false;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL_HEADER) return { ok: false, reason: "corrupt" };
    const size = bytes.readUInt32LE(at + 24);
    const nameLen = bytes.readUInt16LE(at + 28);
    const extraLen = bytes.readUInt16LE(at + 30);
    const commentLen = bytes.readUInt16LE(at + 32);
    const name = bytes.toString("latin1", at + 46, at + 46 + nameLen);
    if (name === "[Content_Types].xml") contentTypes = true;
    // 0xFFFFFFFF defers to a zip64 extra field: treat as unknown-large, which a capture list never needs.
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size;
    if (total > maxUncompressedBytes) return { ok: false, reason: "inflatesTooMuch" };
    at += 46 + nameLen + extraLen + commentLen;
  }
  if (!contentTypes) return { ok: false, reason: "notOoxml" };
  return { ok: true, entries: count, uncompressedBytes: total };
}
