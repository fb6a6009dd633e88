/// <reference types="office-js" />
import type { SecretaryProfile } from "./hostApi";

/**
 * The secretary's profile lives in the workbook's settings (ExcelApi 1.4) under one key as JSON, so
 * it travels with the list. Office 2016 has no workbook settings: the pane's storage (or memory) holds it.
 */
export const PROFILE_KEY = "captureListAssistant.profile";

/** The part of the Web Storage API the fallback needs (localStorage in the pane). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const FIELDS = ["college", "secretaryName", "mobile", "email", "mailAddress"] as const;

/** A stored value back into a profile; anything malformed reads as "no profile". */
export function parseProfile(raw: unknown): SecretaryProfile | undefined {
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = record[f];
    if (v !== undefined && typeof v !== "string") return undefined;
    out[f] = v ?? "";
  }
  return out as unknown as SecretaryProfile;
}

export function serialiseProfile(profile: SecretaryProfile): string {
  return JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, profile[f] ?? ""])));
}

/** Queues the read (no sync); call the result after syncing. */
export function queueProfileRead(context: Excel.RequestContext): () => SecretaryProfile | undefined {
  const item = context.workbook.settings.getItemOrNullObject(PROFILE_KEY).load("value");
  return () => (item.isNullObject ? undefined : parseProfile(item.value));
}

export function queueProfileWrite(context: Excel.RequestContext, profile: SecretaryProfile): void {
  context.workbook.settings.add(PROFILE_KEY, serialiseProfile(profile));
}
