import { open, rename, unlink } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { UnusableInputError } from "./io";

/** Writes a file atomically (temp + fsync + rename): a failed run never leaves half a workbook. */
export async function writeOutput(path: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let handle;
  try {
    handle = await open(tmp, "w");
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, path);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new UnusableInputError(`无法写入文件：${path}`, `cannot write ${path} (${code})`);
  }
}

export function requireOutput(path: string | undefined, what: string): string {
  if (!path) throw new UnusableInputError(`请用 -o 指定${what}的输出文件`, "missing -o OUT");
  return path;
}
