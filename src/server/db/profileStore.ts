import { promises as fs } from "node:fs";
import path from "node:path";
import type { Database, Statement } from "better-sqlite3";
import type { SecretaryProfile } from "../../domain";
import type { ProfileStore, StoredProfile } from "../profileStore";

/**
 * Each college's profile (研究生秘书: name, mobile, e-mail, mailing address) as rows of the database.
 * Same interface (../profileStore.ts) as the JSON-file store it replaces; DATA_DIR/profiles.json of that store is imported
 * once, on the first start with the database (a profile already in the database wins), and then left
 * alone: the marker in `meta` says it was read.
 */

interface ProfileRow {
  college: string;
  secretary_name: string;
  mobile: string;
  email: string;
  mail_address: string;
  updated_at: string;
}

const IMPORTED = "profiles.json imported";

function toProfile(r: ProfileRow): StoredProfile {
  return {
    college: r.college,
    secretaryName: r.secretary_name,
    mobile: r.mobile,
    email: r.email,
    mailAddress: r.mail_address,
    updatedAt: r.updated_at,
  };
}

function isStored(v: unknown): v is StoredProfile {
  if (!v || typeof v !== "object") return false;
  const p = v as Record<string, unknown>;
  return ["college", "secretaryName", "mobile", "email", "mailAddress", "updatedAt"].every(
    (k) => typeof p[k] === "string",
  );
}

export class SqliteProfileStore implements ProfileStore {
  private readonly select: Statement<[string], ProfileRow>;
  private readonly upsert: Statement;
  private readonly insertIfAbsent: Statement;

  constructor(private readonly db: Database) {
    this.select = db.prepare(`SELECT * FROM profiles WHERE college = ?`);
    const values = `VALUES (@college, @secretaryName, @mobile, @email, @mailAddress, @updatedAt)`;
    const columns = `(college, secretary_name, mobile, email, mail_address, updated_at)`;
    this.upsert = db.prepare(
      `INSERT INTO profiles ${columns} ${values}
       ON CONFLICT (college) DO UPDATE SET secretary_name = excluded.secretary_name, mobile = excluded.mobile,
         email = excluded.email, mail_address = excluded.mail_address, updated_at = excluded.updated_at`,
    );
    this.insertIfAbsent = db.prepare(`INSERT INTO profiles ${columns} ${values} ON CONFLICT DO NOTHING`);
  }

  async get(college: string): Promise<StoredProfile | undefined> {
    const r = this.select.get(college);
    return r ? toProfile(r) : undefined;
  }

  async put(profile: SecretaryProfile, at: Date): Promise<StoredProfile> {
    const stored: StoredProfile = { ...profile, updatedAt: at.toISOString() };
    this.upsert.run(stored);
    return stored;
  }

  /** Every stored profile, by college (the desk's reminders read the e-mails from here). */
  all(): Map<string, StoredProfile> {
    const rows = this.db.prepare<[], ProfileRow>(`SELECT * FROM profiles`).all();
    return new Map(rows.map((r) => [r.college, toProfile(r)]));
  }

  /**
   * Imports DATA_DIR/profiles.json once; returns how many profiles it held (0 when there is no file or
   * it was imported before). A file that is not JSON stops the start rather than dropping profiles.
   */
  async importJsonOnce(dataDir: string): Promise<number> {
    const done = this.db.prepare<[string], { value: string }>(`SELECT value FROM meta WHERE key = ?`);
    if (done.get(IMPORTED)) return 0;
    let doc: unknown = {};
    try {
      doc = JSON.parse(await fs.readFile(path.join(dataDir, "profiles.json"), "utf8"));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    const profiles = Object.values(doc && typeof doc === "object" ? doc : {}).filter(isStored);
    this.db.transaction(() => {
      for (const p of profiles) this.insertIfAbsent.run(p);
      this.db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`).run(IMPORTED, new Date().toISOString());
    })();
    return profiles.length;
  }
}
