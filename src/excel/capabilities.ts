import type { HostCapabilities } from "./hostApi";

/** `Office.context.requirements.isSetSupported`, passed in so tests and the preview can answer. */
export type IsSetSupported = (name: string, version: string) => boolean;

/** ExcelApi minors worth probing; requirement sets are cumulative, so the highest true one wins. */
const HIGHEST_MINOR_PROBED = 30;

/** Compares "1.7" with "1.18" numerically. */
export function compareApiVersions(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am - bm || an - bn;
}

export function atLeast(caps: HostCapabilities, version: string): boolean {
  return compareApiVersions(caps.apiVersion, version) >= 0;
}

export function detectCapabilities(isSetSupported: IsSetSupported): HostCapabilities {
  let apiVersion = "1.1";
  for (let minor = 1; minor <= HIGHEST_MINOR_PROBED; minor++) {
    let ok = false;
    try {
      ok = isSetSupported("ExcelApi", `1.${minor}`);
    } catch {
      ok = false;
    }
    if (ok) apiVersion = `1.${minor}`;
  }
  const has = (v: string): boolean => compareApiVersions(apiVersion, v) >= 0;
  const notes = has("1.18");
  return {
    apiVersion,
    liveCheck: has("1.7"),
    notes,
    // Comments carry the message only where notes do not exist (threaded comments are noisier).
    comments: !notes && has("1.10"),
    dropDowns: has("1.8"),
    createWorkbook: has("1.8"),
    undoableWrites: has("1.20"),
  };
}
