/**
 * The web version opens a fresh workbook for every file, so the pane's college profile (kept by the
 * host in workbook.settings) would be gone on the next visit. This host wrapper also keeps it in the
 * browser's storage on this computer (beside the pane's settings and rosters) and offers it when the
 * workbook holds none. The server's copy still wins when the pane has a server key (useProfile).
 */
import { validateProfile, type SecretaryProfile } from "../domain/profile";
import type { CaptureHost } from "../excel/hostApi";
import type { KeyValueStore } from "../taskpane/storage";

export const PROFILE_KEY = "capture-web.v1.profile";

export function loadRememberedProfile(kv: KeyValueStore): SecretaryProfile | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(kv.getItem(PROFILE_KEY) ?? "null");
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== "object") return undefined;
  const p = parsed as Record<string, unknown>;
  const fields = ["college", "secretaryName", "mobile", "email", "mailAddress"] as const;
  if (!fields.every((f) => typeof p[f] === "string")) return undefined;
  const profile = Object.fromEntries(fields.map((f) => [f, p[f]])) as unknown as SecretaryProfile;
  // A damaged or hand-edited copy is as good as none: she fills the form again.
  return Object.keys(validateProfile(profile)).length === 0 ? profile : undefined;
}

/**
 * The same host with loadProfile and saveProfile extended; every other member is the host's own
 * (a Proxy, so a method the pane gains later reaches the host without a change here).
 */
export function rememberProfile(host: CaptureHost, kv: KeyValueStore): CaptureHost {
  const loadProfile = async () => (await host.loadProfile()) ?? loadRememberedProfile(kv);
  const saveProfile = async (profile: SecretaryProfile) => {
    await host.saveProfile(profile);
    try {
      kv.setItem(PROFILE_KEY, JSON.stringify(profile));
    } catch {
      // Storage full or blocked: the profile still holds for this visit (the workbook keeps it).
    }
  };
  return new Proxy(host, {
    get(target, prop) {
      if (prop === "loadProfile") return loadProfile;
      if (prop === "saveProfile") return saveProfile;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
