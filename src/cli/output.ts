import { randomBytes } from "node:crypto";
import { open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { UnusableInputError, type CliIO } from "./io";

/** A file a command will write: `path` as the user typed it (for messages), `what` for the messages. */
export interface OutputTarget {
  path: string;
  what: string;
}

export function requireOutput(path: string | undefined, what: string): string {
  if (!path) throw new UnusableInputError(`请用 -o 指定${what}的输出文件`, "missing -o OUT");
  return path;
}

type Identity = { dev: number; ino: number } | undefined;

async function identity(path: string): Promise<Identity> {
  try {
    const s = await stat(path);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return undefined;
  }
}

const same = (a: Identity, b: Identity) =>
  a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;

/**
 * Refuses, before any work, outputs that would overwrite an input or each other, or that cannot be
 * written at all. The same file is recognised by device and inode, so "x", "./x", a symbolic link to x
 * and a hard link all count as x.
 */
export async function checkOutputs(
  io: CliIO,
  outputs: readonly OutputTarget[],
  inputs: readonly (string | undefined)[],
): Promise<void> {
  const inputIds = await Promise.all(
    inputs.filter((p): p is string => !!p).map(async (p) => ({ p, id: await identity(resolve(io.cwd, p)) })),
  );
  const seen: { path: string; id: Identity; full: string }[] = [];
  for (const out of outputs) {
    const full = resolve(io.cwd, out.path);
    const id = await identity(full);
    const input = inputIds.find((i) => same(i.id, id));
    if (input) {
      throw new UnusableInputError(
        `${out.what}的输出文件 ${out.path} 就是输入文件 ${input.p}，写入会覆盖原文件：请换一个文件名`,
        "output would overwrite an input file",
      );
    }
    const twin = seen.find((s) => s.full === full || same(s.id, id));
    if (twin) {
      throw new UnusableInputError(
        `两个输出文件是同一个文件：${twin.path} 和 ${out.path}`,
        "two outputs name the same file",
      );
    }
    seen.push({ path: out.path, id, full });
    await checkWritableTarget(full, out);
  }
}

async function checkWritableTarget(full: string, out: OutputTarget): Promise<void> {
  const dir = await stat(dirname(full)).catch(() => undefined);
  if (!dir?.isDirectory()) {
    throw new UnusableInputError(
      `无法写入${out.what}：文件夹 ${dirname(out.path)} 不存在`,
      `cannot write ${out.path} (no such directory)`,
    );
  }
  const existing = await stat(full).catch(() => undefined);
  if (existing && !existing.isFile()) {
    throw new UnusableInputError(
      `无法写入${out.what}：${out.path} 不是文件`,
      `cannot write ${out.path} (not a regular file)`,
    );
  }
}

export interface OutputFile {
  path: string;
  data: Uint8Array | string;
}

/**
 * Writes every output or none: each goes to a temporary file beside its target (same directory, so the
 * rename is atomic), flushed to disk; only when all are written are they renamed into place.
 */
export async function commitOutputs(io: CliIO, files: readonly OutputFile[]): Promise<void> {
  const temps: { tmp: string; full: string; path: string }[] = [];
  try {
    for (const f of files) {
      const full = resolve(io.cwd, f.path);
      const tmp = join(
        dirname(full),
        `.${basename(full)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
      );
      temps.push({ tmp, full, path: f.path });
      const handle = await open(tmp, "wx");
      try {
        await handle.writeFile(f.data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  } catch (e) {
    await Promise.all(temps.map((t) => unlink(t.tmp).catch(() => undefined)));
    const failed = temps[temps.length - 1]?.path ?? files[0]?.path ?? "";
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new UnusableInputError(
      `无法写入文件：${failed}，没有写出任何文件`,
      `cannot write ${failed} (${code}); nothing written`,
    );
  }
  for (let i = 0; i < temps.length; i++) {
    try {
      await rename(temps[i].tmp, temps[i].full);
    } catch (e) {
      await Promise.all(temps.slice(i).map((t) => unlink(t.tmp).catch(() => undefined)));
      const code = (e as NodeJS.ErrnoException).code ?? "error";
      throw new UnusableInputError(
        `无法写入文件：${temps[i].path}`,
        `cannot write ${temps[i].path} (${code})`,
      );
    }
  }
}
