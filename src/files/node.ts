/**
 * Path-based helpers for the command line and the server. Node only: the browser never imports this
 * module (the readers and writers themselves take and return bytes).
 */
import { open, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { createInflateRaw, inflateRawSync } from "node:zlib";
import type { ReadOptions, ReadResult } from "./readSheet";
import { FileReadError, fileNotFoundError, fileTooLargeError, MAX_FILE_BYTES, readSheet } from "./readSheet";
import type { Inflate } from "./zipCheck";

/**
 * zlib, native and about twice as fast as DecompressionStream. A part whose rows are counted (a worksheet
 * under a row limit) is inflated as a stream, so the count can stop a huge sheet after its first rows;
 * other parts in one call. Output is capped at the size the archive declares.
 */
export const inflateWithZlib: Inflate = async (raw, size, onChunk) => {
  if (onChunk) return inflateCounted(raw, size, onChunk);
  const out = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};

function inflateCounted(
  raw: Uint8Array,
  size: number,
  onChunk: (chunk: Uint8Array) => boolean,
): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const stream = createInflateRaw({ chunkSize: 256 * 1024 });
    const out = new Uint8Array(size);
    let length = 0;
    let settled = false;
    const finish = (value: Uint8Array | undefined, error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(value);
    };
    stream.on("data", (chunk: Buffer) => {
      if (settled) return;
      if (length + chunk.length > size) {
        stream.destroy();
        finish(undefined, new Error("part longer than declared"));
        return;
      }
      out.set(chunk, length);
      length += chunk.length;
      if (!onChunk(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))) {
        stream.destroy();
        finish(undefined);
      }
    });
    stream.on("end", () => finish(out.subarray(0, length)));
    stream.on("error", (e) => finish(undefined, e));
    stream.end(raw);
  });
}

export interface ReadFileResult extends ReadResult {
  /** The file's bytes, for writing a copy of it (annotated, edited). */
  bytes: Uint8Array;
  fileName: string;
}

/** Reads a spreadsheet from disk. A missing, unreadable or oversized file is a FileReadError too. */
export async function readSheetFile(path: string, opts: ReadOptions = {}): Promise<ReadFileResult> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new FileReadError("unsupported", `不是文件：${path}`, "not a regular file");
    // Checked before reading, so a huge file is never loaded into memory.
    if (info.size > MAX_FILE_BYTES) throw fileTooLargeError();
    bytes = new Uint8Array(await readWhole(path));
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw fileNotFoundError(path);
    throw new FileReadError("unsupported", `无法读取文件：${path}`, `cannot read file (${code ?? "error"})`);
  }
  const fileName = basename(path);
  const result = await readSheet(bytes, fileName, { inflate: inflateWithZlib, ...opts });
  return { ...result, bytes, fileName };
}

async function readWhole(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

/**
 * Writes a file so that readers never see half of it: into a temporary file in the same directory,
 * flushed, then renamed over the target.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, data, { flush: true });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
