/**
 * Hands bytes to the browser as a download (the pane's 保存为文件): a Blob link clicked once, released
 * after the click. Where the web view allows no downloads the click does nothing visible; the pane says
 * where the file should appear so the secretary can tell.
 */
export function saveBytes(bytes: Uint8Array, fileName: string, type: string): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    URL.revokeObjectURL(url);
  }
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
