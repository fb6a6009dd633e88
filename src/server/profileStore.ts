import { promises as fs } from "node:fs";
import path from "node:path";
import type { SecretaryProfile } from "../domain";
import { writeFileAtomic } from "./fsAtomic";

/**
 * Each college's profile (研究生秘书: name, mobile, e-mail, mailing address), set by the college with its
 * key. The server's re-check uses it for the 异地采集 mailing rules, and the copy of an accepted mail
 * goes to its e-mail. Kept in DATA_DIR/profiles.json, replaced atomically; writes are serialised.
 */

export interface StoredProfile extends SecretaryProfile {
  updatedAt: string;
}

export interface ProfileStore {
  get(college: string): Promise<StoredProfile | undefined>;
  put(profile: SecretaryProfile, at: Date): Promise<StoredProfile>;
}

type ProfileFile = Record<string, StoredProfile>;

function isStored(v: unknown): v is StoredProfile {
  if (!v || typeof v !== "object") return false;
  const p = v as Record<string, unknown>;
  return ["college", "secretaryName", "mobile", "email", "mailAddress", "updatedAt"].every(
    (k) => typeof p[k] === "string",
  );
}

export class JsonProfileStore implements ProfileStore {
  private cache: ProfileFile | undefined;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  static inDataDir(dataDir: string): JsonProfileStore {
    return new JsonProfileStore(path.join(dataDir, "profiles.json"));
  }

  private async load(): Promise<ProfileFile> {
    if (this.cache) return this.cache;
    let text: string;
    try {
      text = await fs.readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      this.cache = {};
      return this.cache;
    }
    const doc: unknown = JSON.parse(text);
    const out: ProfileFile = {};
    if (doc && typeof doc === "object")
      for (const [college, p] of Object.entries(doc as Record<string, unknown>))
        if (isStored(p)) out[college] = p;
    this.cache = out;
    return out;
  }

  async get(college: string): Promise<StoredProfile | undefined> {
    const all = await this.load();
    return Object.prototype.hasOwnProperty.call(all, college) ? all[college] : undefined;
  }

  put(profile: SecretaryProfile, at: Date): Promise<StoredProfile> {
    const run = this.writing.then(async () => {
      const all = { ...(await this.load()) };
      const stored: StoredProfile = { ...profile, updatedAt: at.toISOString() };
      all[profile.college] = stored;
      await writeFileAtomic(this.file, JSON.stringify(all, null, 2) + "\n", 0o600);
      this.cache = all;
      return stored;
    });
    this.writing = run.catch(() => undefined);
    return run;
  }
}
