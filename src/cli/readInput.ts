import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UnusableInputError } from "./io";

/** Reads a file the user named (relative to `cwd`); every failure becomes one Chinese+English line (exit 2). */
export async function readBytes(cwd: string, path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(resolve(cwd, path)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new UnusableInputError(`找不到${what}文件：${path}`, `file not found: ${path}`);
    if (code === "EISDIR")
      throw new UnusableInputError(`${what}路径是一个文件夹：${path}`, `is a directory: ${path}`);
    throw new UnusableInputError(`无法读取${what}文件：${path}`, `cannot read ${path} (${code ?? "error"})`);
  }
}
