/**
 * Opens an .xlsx container once, before any parser sees it. SheetJS inflates with its own pure-JS decoder,
 * which reads past a damaged deflate stream and can spin for minutes producing gigabytes (found by
 * fuzzing: three flipped bytes in a 8 KB file blocked the process for 85 s). Here every entry is inflated
 * with a native decoder (DecompressionStream in browsers; zlib when the caller passes it), its output capped
 * at the declared size and checked against the entry's CRC-32. The inflated parts are handed on as a
 * "stored" (uncompressed) archive, so nothing is inflated twice.
 */
import { crc32 } from "./crc32";

export type ZipProblem = "corrupt" | "tooLarge" | "encrypted" | "tooManyRows";

/** Zip bombs: more than this much declared content is refused whatever the file size. */
export const MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

/**
 * Inflates a raw deflate stream of exactly `size` bytes. `onChunk` sees the output as it comes and may
 * stop the work early by returning false (then the result is undefined). Throws on a damaged stream.
 */
export type Inflate = (
  raw: Uint8Array,
  size: number,
  onChunk?: (chunk: Uint8Array) => boolean,
) => Promise<Uint8Array | undefined>;

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  crc: number;
}

export interface UnzipOptions {
  inflate?: Inflate;
  /** Worksheet parts with more rows than this stop the work: "tooManyRows". */
  maxRows?: number;
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;

interface Entry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

class Corrupt extends Error {}
class Stopped extends Error {}

function reader(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, n: number) => {
    if (at < 0 || at + n > bytes.length) throw new Corrupt();
  };
  return {
    u16: (at: number) => (need(at, 2), view.getUint16(at, true)),
    u32: (at: number) => (need(at, 4), view.getUint32(at, true)),
    u64: (at: number) => {
      need(at, 8);
      return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
    },
  };
}

function findEndOfCentralDirectory(bytes: Uint8Array, r: ReturnType<typeof reader>): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && r.u32(i) === EOCD_SIG) return i;
  }
  throw new Corrupt();
}

const utf8 = new TextDecoder("utf-8");

function centralDirectory(bytes: Uint8Array): Entry[] {
  const r = reader(bytes);
  const eocd = findEndOfCentralDirectory(bytes, r);
  const count = r.u16(eocd + 10);
  let at = r.u32(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (r.u32(at) !== CDH_SIG) throw new Corrupt();
    const nameLen = r.u16(at + 28);
    const extraLen = r.u16(at + 30);
    const commentLen = r.u16(at + 32);
    if (at + 46 + nameLen > bytes.length) throw new Corrupt();
    const entry: Entry = {
      name: utf8.decode(bytes.subarray(at + 46, at + 46 + nameLen)),
      flags: r.u16(at + 8),
      method: r.u16(at + 10),
      crc: r.u32(at + 16),
      compressedSize: r.u32(at + 20),
      size: r.u32(at + 24),
      localOffset: r.u32(at + 42),
    };
    readZip64(r, at + 46 + nameLen, extraLen, entry);
    entries.push(entry);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** ZIP64 extra field: the 64-bit values of whichever fields are 0xFFFFFFFF, in this order. */
function readZip64(r: ReturnType<typeof reader>, start: number, length: number, e: Entry): void {
  const FULL = 0xffffffff;
  for (let p = start; p + 4 <= start + length;) {
    const id = r.u16(p);
    const size = r.u16(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      if (e.size === FULL) {
        e.size = r.u64(q);
        q += 8;
      }
      if (e.compressedSize === FULL) {
        e.compressedSize = r.u64(q);
        q += 8;
      }
      if (e.localOffset === FULL) e.localOffset = r.u64(q);
    }
    p += 4 + size;
  }
}

/** The platform's streaming decoder (browsers, Node ≥ 18); output capped at the declared size. */
export const inflateWithStreams: Inflate = async (raw, size, onChunk) => {
  const stream = new Blob([raw as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  const rd = stream.getReader();
  const out = new Uint8Array(size);
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await rd.read();
      if (done) break;
      if (length + value.length > size) throw new Corrupt();
      out.set(value, length);
      length += value.length;
      if (onChunk && !onChunk(value)) throw new Stopped();
    }
  } catch (e) {
    await rd.cancel().catch(() => undefined);
    if (e instanceof Stopped) return undefined;
    throw new Corrupt();
  }
  return out.subarray(0, length);
};

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Counts worksheet rows as the part streams by: "<row" (or "<x:row") followed by a space, "/" or ">".
 * The last bytes of a chunk are carried over, so a tag split between chunks is counted once.
 */
export function rowCounter(limit: number): (chunk: Uint8Array) => boolean {
  let count = 0;
  // The carried bytes: one already examined (the "<" or ":" before an "r"), then three not yet (an "r"
  // among them lacks the byte after "row" that decides).
  let carry = new Uint8Array(0);
  return (chunk) => {
    const data = carry.length ? concat(carry, chunk) : chunk;
    const end = data.length - 3;
    const first = carry.length ? 1 : 0;
    for (let i = data.indexOf(0x72, first); i >= 0 && i < end; i = data.indexOf(0x72, i + 1)) {
      if (data[i + 1] !== 0x6f || data[i + 2] !== 0x77) continue;
      const before = i > 0 ? data[i - 1] : 0;
      const after = data[i + 3];
      if ((before === 0x3c || before === 0x3a) && (after === 0x20 || after === 0x3e || after === 0x2f)) {
        if (++count > limit) return false;
      }
    }
    carry = data.slice(Math.max(0, end - 1));
    return true;
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export type UnzipResult = { ok: true; entries: ZipEntry[] } | { ok: false; problem: ZipProblem };

/** Every entry of the archive, inflated and CRC-checked; or what is wrong with the archive. */
export async function unzip(bytes: Uint8Array, opts: UnzipOptions = {}): Promise<UnzipResult> {
  const inflate = opts.inflate ?? inflateWithStreams;
  try {
    const entries = centralDirectory(bytes);
    if (entries.length === 0) return { ok: false, problem: "corrupt" };
    let total = 0;
    for (const e of entries) {
      if (e.flags & 0x0001) return { ok: false, problem: "encrypted" };
      total += e.size;
    }
    if (total > MAX_UNCOMPRESSED_BYTES) return { ok: false, problem: "tooLarge" };
    const r = reader(bytes);
    const out: ZipEntry[] = [];
    for (const e of entries) {
      if (r.u32(e.localOffset) !== LFH_SIG) return { ok: false, problem: "corrupt" };
      const start = e.localOffset + 30 + r.u16(e.localOffset + 26) + r.u16(e.localOffset + 28);
      const end = start + e.compressedSize;
      if (end > bytes.length) return { ok: false, problem: "corrupt" };
      const raw = bytes.subarray(start, end);
      const count =
        opts.maxRows !== undefined && WORKSHEET.test(e.name) ? rowCounter(opts.maxRows) : undefined;
      let content: Uint8Array | undefined;
      if (e.method === 0) content = count && !count(raw) ? undefined : raw;
      else if (e.method === 8) content = await inflate(raw, e.size, count);
      else return { ok: false, problem: "corrupt" };
      if (!content) return { ok: false, problem: "tooManyRows" };
      if (content.length !== e.size || crc32(content) !== e.crc) return { ok: false, problem: "corrupt" };
      // Directory entries ("xl/") carry nothing.
      if (!e.name.endsWith("/")) out.push({ name: e.name, data: content, crc: e.crc });
    }
    return { ok: true, entries: out };
  } catch {
    // Out-of-bounds reads and decoder failures alike: the archive is damaged.
    return { ok: false, problem: "corrupt" };
  }
}

/** Undefined when the archive is intact; otherwise what is wrong with it. */
export async function checkZip(bytes: Uint8Array, opts: UnzipOptions = {}): Promise<ZipProblem | undefined> {
  const result = await unzip(bytes, opts);
  return result.ok ? undefined : result.problem;
}

/**
 * An archive of the given entries, stored without compression: what SheetJS and ExcelJS read after
 * unzip() has inflated everything once (reading a stored part is a slice, not a second inflate).
 */
export function storedZip(entries: readonly ZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const names = entries.map((e) => enc.encode(e.name));
  let localSize = 0;
  let centralSize = 0;
  entries.forEach((e, i) => {
    localSize += 30 + names[i].length + e.data.length;
    centralSize += 46 + names[i].length;
  });
  if (localSize + centralSize > 0xffffffff || entries.length > 0xffff) throw new Error("archive too large");
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  let central = localSize;
  entries.forEach((e, i) => {
    const name = names[i];
    const offset = at;
    view.setUint32(at, LFH_SIG, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 0x0800, true); // names are UTF-8
    view.setUint32(at + 14, e.crc, true);
    view.setUint32(at + 18, e.data.length, true);
    view.setUint32(at + 22, e.data.length, true);
    view.setUint16(at + 26, name.length, true);
    out.set(name, at + 30);
    out.set(e.data, at + 30 + name.length);
    at += 30 + name.length + e.data.length;

    view.setUint32(central, CDH_SIG, true);
    view.setUint16(central + 4, 20, true);
    view.setUint16(central + 6, 20, true);
    view.setUint16(central + 8, 0x0800, true);
    view.setUint32(central + 16, e.crc, true);
    view.setUint32(central + 20, e.data.length, true);
    view.setUint32(central + 24, e.data.length, true);
    view.setUint16(central + 28, name.length, true);
    view.setUint32(central + 42, offset, true);
    out.set(name, central + 46);
    central += 46 + name.length;
  });
  view.setUint32(central, EOCD_SIG, true);
  view.setUint16(central + 8, entries.length, true);
  view.setUint16(central + 10, entries.length, true);
  view.setUint32(central + 12, centralSize, true);
  view.setUint32(central + 16, localSize, true);
  return out;
}
