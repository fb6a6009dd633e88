/** Which files the web version opens, and their bytes (File.arrayBuffer, or FileReader where it is missing). */
export const LIST_EXTENSIONS = [".xlsx", ".xls", ".csv", ".txt"] as const;
export const ACCEPT = ".xlsx,.xls,.csv,.txt";

export function isListFile(name: string): boolean {
  const lower = name.toLowerCase();
  return LIST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export async function fileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  // Safari before 14 has no Blob.arrayBuffer.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("FileReader failed"));
    reader.readAsArrayBuffer(file);
  });
}

/** The first list file of a drop (a folder or an image among them is skipped), or undefined. */
export function pickListFile(files: ArrayLike<File>): File | undefined {
  for (let i = 0; i < files.length; i++) if (isListFile(files[i].name)) return files[i];
  return undefined;
}

/**
 * .xlsx parts are inflated with DecompressionStream("deflate-raw") (Chrome/Edge 103, Firefox 113,
 * Safari 16.4). An older browser — some Chromium-based browsers lag years behind — cannot read them:
 * the page says so instead of calling the file damaged.
 */
export function canInflateXlsx(scope: { DecompressionStream?: unknown } = globalThis): boolean {
  const Ctor = scope.DecompressionStream as (new (format: string) => unknown) | undefined;
  if (typeof Ctor !== "function") return false;
  try {
    new Ctor("deflate-raw");
    return true;
  } catch {
    return false;
  }
}

export const OLD_BROWSER_XLSX =
  "这个浏览器版本较旧，不能读取 .xlsx 文件。请把浏览器升级到最新版（Chrome、Edge、Firefox 或 Safari；国产浏览器请切换到“极速模式”并升级），或在 WPS、Excel 中把名单另存为 .xls 或 .csv 后再打开。";
