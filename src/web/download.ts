/**
 * Saving a file from the page: a Blob and an <a download> clicked once, which every current browser
 * (Chrome, Edge, Firefox, Safari and the Chromium-based browsers common in China) honours. Nothing is
 * uploaded: the bytes go from memory to the browser's download folder.
 */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function saveBytes(bytes: Uint8Array, fileName: string, doc: Document = document): void {
  const blob = new Blob([bytes as BlobPart], { type: XLSX_TYPE });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  doc.body.append(a);
  a.click();
  a.remove();
  // Safari starts the download after the click returns: revoke on a later task, not at once.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "名单.xls" → "名单-改正.xlsx"; no name (a blank start) → "采集名单-改正.xlsx". */
export function correctedFileName(opened: string | undefined): string {
  const base = (opened ?? "").replace(/\.(xlsx|xlsm|xls|csv|txt)$/i, "").trim() || "采集名单";
  return `${base}-改正.xlsx`;
}
