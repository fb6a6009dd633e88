import { buildCaptured, buildRoster, levelResolver, ListFileError, type Campaign } from "../domain";
import { userMessage } from "./format";
import { storeCaptured, storeRoster, LIST_LABELS, type ListKind, type StoredList } from "./storedLists";

/** A roster or already-captured list picked from disk → the entries the pane stores (never the workbook). */

export class ListImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ListImportError";
  }
}

/** Blob.arrayBuffer where the browser has it, FileReader otherwise (older Office webviews, jsdom). */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new ListImportError("无法读取所选文件"));
    reader.readAsArrayBuffer(file);
  });
}

export async function importListFile(
  file: File,
  kind: ListKind,
  campaign: Campaign,
  now: Date = new Date(),
): Promise<StoredList> {
  const label = LIST_LABELS[kind];
  // The spreadsheet reader (SheetJS, ~100 KB gzip) loads only when a secretary imports a file.
  const files = await import("../files/readSheet");
  try {
    const bytes = await readFileBytes(file);
    const { grid } = await files.readSheet(bytes, file.name);
    const stored =
      kind === "roster"
        ? storeRoster(buildRoster(grid, levelResolver(campaign)), file.name, now)
        : storeCaptured(buildCaptured(grid), file.name, now);
    if (stored.count === 0) throw new ListImportError(`${label}中没有任何学生（学号与身份证号都是空的）`);
    return stored;
  } catch (e) {
    if (e instanceof ListImportError) throw e;
    if (e instanceof files.FileReadError || e instanceof ListFileError)
      throw new ListImportError(`无法导入${label}：${userMessage(e, "文件无法读取")}`);
    throw new ListImportError(`无法导入${label}：文件无法读取`);
  }
}
