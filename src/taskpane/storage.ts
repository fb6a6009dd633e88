import { z } from "zod";
import { readServed, type ServedCampaign } from "./campaignClient";
import { storedListSchema, type ListKind, type StoredList } from "./storedLists";

/**
 * The pane's own storage (SPEC §7): the roster and already-captured lists per college, and the pane's
 * settings. Never the workbook: these lists hold every student's ID number and must not travel with it.
 */
export interface PaneSettings {
  /** Base URL of the host server, e.g. https://pyk.lzu.edu.cn */
  serverUrl: string;
  accessKey: string;
  /** Mark problem cells in the sheet (costs the undo history before ExcelApi 1.20). */
  marking: boolean;
}

export const DEFAULT_SETTINGS: PaneSettings = { serverUrl: "", accessKey: "", marking: true };

export interface PaneStorage {
  loadList(college: string, kind: ListKind): StoredList | undefined;
  /** Throws PaneStorageError when the browser refuses (storage full or disabled). */
  saveList(college: string, list: StoredList): void;
  removeList(college: string, kind: ListKind): void;
  loadSettings(): PaneSettings;
  saveSettings(settings: PaneSettings): void;
  /** The campaign last fetched from the server (checked again on reading), for use offline. */
  loadCampaign(): ServedCampaign | undefined;
  /** Throws PaneStorageError when the browser refuses. */
  saveCampaign(served: ServedCampaign): void;
}

export class PaneStorageError extends Error {
  constructor() {
    super("无法保存到本机（浏览器存储已满或被禁用）");
    this.name = "PaneStorageError";
  }
}

/** The part of the Web Storage API we use. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = "capture-pane.v1";
const SETTINGS_KEY = `${PREFIX}.settings`;
const CAMPAIGN_KEY = `${PREFIX}.campaign`;

const cachedCampaignSchema = z.object({
  document: z.record(z.string(), z.unknown()),
  version: z.string(),
  loadedAt: z.string(),
  submitTo: z.string(),
  fetchedAt: z.string(),
  serverUrl: z.string(),
});

const settingsSchema = z.object({
  serverUrl: z.string().catch(""),
  accessKey: z.string().catch(""),
  marking: z.boolean().catch(true),
});

export function listKey(college: string, kind: ListKind): string {
  return `${PREFIX}.${kind}.${encodeURIComponent(college)}`;
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class KeyValuePaneStorage implements PaneStorage {
  constructor(readonly kv: KeyValueStore) {}

  loadList(college: string, kind: ListKind): StoredList | undefined {
    const parsed = storedListSchema.safeParse(parseJson(this.kv.getItem(listKey(college, kind))));
    // A damaged or foreign entry is as good as none: the secretary imports the file again.
    return parsed.success && parsed.data.kind === kind ? parsed.data : undefined;
  }

  saveList(college: string, list: StoredList): void {
    this.write(listKey(college, list.kind), JSON.stringify(list));
  }

  removeList(college: string, kind: ListKind): void {
    this.kv.removeItem(listKey(college, kind));
  }

  loadSettings(): PaneSettings {
    const parsed = settingsSchema.safeParse(parseJson(this.kv.getItem(SETTINGS_KEY)) ?? {});
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
  }

  saveSettings(settings: PaneSettings): void {
    this.write(SETTINGS_KEY, JSON.stringify(settings));
  }

  loadCampaign(): ServedCampaign | undefined {
    const parsed = cachedCampaignSchema.safeParse(parseJson(this.kv.getItem(CAMPAIGN_KEY)));
    if (!parsed.success) return undefined;
    const { document, serverUrl, fetchedAt } = parsed.data;
    // Parsed again like a fresh answer: a damaged or outdated copy is as good as none.
    const served = readServed({ ...parsed.data, campaign: document }, serverUrl, fetchedAt);
    return "error" in served ? undefined : { ...served, fetchedAt };
  }

  saveCampaign(served: ServedCampaign): void {
    const { document, version, loadedAt, submitTo, fetchedAt, serverUrl } = served;
    this.write(CAMPAIGN_KEY, JSON.stringify({ document, version, loadedAt, submitTo, fetchedAt, serverUrl }));
  }

  private write(key: string, value: string): void {
    try {
      this.kv.setItem(key, value);
    } catch {
      throw new PaneStorageError();
    }
  }
}

/** A Map behind the Storage API: tests, and the fallback where the browser gives no localStorage. */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

export function memoryPaneStorage(): KeyValuePaneStorage {
  return new KeyValuePaneStorage(new MemoryKeyValueStore());
}

/** localStorage of the pane's origin; in memory only when the browser blocks it (private modes, policies). */
export function localPaneStorage(): KeyValuePaneStorage {
  try {
    const ls = globalThis.localStorage;
    const probe = `${PREFIX}.probe`;
    ls.setItem(probe, "1");
    ls.removeItem(probe);
    return new KeyValuePaneStorage(ls);
  } catch {
    return memoryPaneStorage();
  }
}
