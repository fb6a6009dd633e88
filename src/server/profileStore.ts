import type { SecretaryProfile } from "../domain";

/**
 * Each college's profile (研究生秘书: name, mobile, e-mail, mailing address), set by the college with its
 * key. The server's re-check uses it for the 异地采集 mailing rules, and the copy of an accepted mail
 * goes to its e-mail. Stored in the database (db/profileStore.ts); DATA_DIR/profiles.json of earlier
 * versions is imported from there on the first start.
 */

export interface StoredProfile extends SecretaryProfile {
  updatedAt: string;
}

export interface ProfileStore {
  get(college: string): Promise<StoredProfile | undefined>;
  put(profile: SecretaryProfile, at: Date): Promise<StoredProfile>;
}
