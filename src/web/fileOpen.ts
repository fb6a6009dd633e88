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
