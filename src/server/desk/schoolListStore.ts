import { promises as fs } from "node:fs";
import path from "node:path";
import { fsyncDir, writeFileAtomic } from "../fsAtomic";
import type { SchoolListKind, StoredListFile } from "./schoolListCheck";

/**
 * The desk's school-wide lists, kept as files in DATA_DIR/desk/: `<kind>.list` (the upload as sent) and
 * `<kind>.json` (who uploaded it, when, how many students). Each written atomically and fsynced; the list
 * first, its metadata last, so metadata always names a complete file. The roster holds every student's
 * ID number: files are 0600.
 */

export interface SchoolListMeta {
  uploadedAt: string;
  /** The desk key's name (keygen --desk --name). */
  by: string;
  students: number;
  fileName: string;
}

export class SchoolListStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, "desk");
  }

  private file(kind: SchoolListKind, ext: "list" | "json"): string {
    return path.join(this.dir, `${kind}.${ext}`);
  }

  async meta(kind: SchoolListKind): Promise<SchoolListMeta | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.file(kind, "json"), "utf8")) as SchoolListMeta;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
  }

  /** The stored list with the name it was uploaded with; undefined when none is stored. */
  async read(kind: SchoolListKind): Promise<StoredListFile | undefined> {
    const meta = await this.meta(kind);
    if (!meta) return undefined;
    const bytes = await fs.readFile(this.file(kind, "list"));
    return {
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      fileName: meta.fileName,
    };
  }

  async save(kind: SchoolListKind, bytes: Uint8Array, meta: SchoolListMeta): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file(kind, "list"), bytes);
    await writeFileAtomic(this.file(kind, "json"), JSON.stringify(meta));
  }

  /** Removes a list; false when none was stored. The metadata goes first: a half-done removal reads as none. */
  async remove(kind: SchoolListKind): Promise<boolean> {
    const had = (await this.meta(kind)) !== undefined;
    await fs.rm(this.file(kind, "json"), { force: true });
    await fs.rm(this.file(kind, "list"), { force: true });
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await fsyncDir(this.dir);
    return had;
  }
}
