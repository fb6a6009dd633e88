import { promises as fs } from "node:fs";
import {
  createHash,
  randomBytes,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from "node:crypto";
import { writeFileAtomic } from "./fsAtomic";

/**
 * Per-college access keys (SPEC §8). The keys file maps a college name to
 * "scrypt$N$r$p$saltB64$hashB64"; the key itself is never stored.
 */
export type AccessKeyFile = Record<string, string>;

const DEFAULT_PARAMS = { N: 16384, r: 8, p: 1 };
const HASH_BYTES = 32;
const SALT_BYTES = 16;
/** 24 random bytes → 32 base64url characters, 192 bits. */
const KEY_BYTES = 24;

export class AccessKeyFileError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
    this.name = "AccessKeyFileError";
  }
}

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

const HASH_FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=_-]+)\$([A-Za-z0-9+/=_-]+)$/;

/** Parses a stored hash; bounds the cost parameters so a tampered file cannot make us allocate gigabytes. */
export function parseKeyHash(stored: string): ParsedHash | undefined {
  const m = HASH_FORMAT.exec(stored);
  if (!m) return undefined;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(m[4], "base64");
  const hash = Buffer.from(m[5], "base64");
  if (salt.length < 8 || hash.length < 16) return undefined;
  return { N, r, p, salt, hash };
}

function maxmem(N: number, r: number, p: number): number {
  return 128 * N * r * (p + 2) + 1024 * 1024;
}

export async function hashAccessKey(key: string): Promise<string> {
  const { N, r, p } = DEFAULT_PARAMS;
  const salt = randomBytes(SALT_BYTES);
  const hash = await scrypt(key, salt, HASH_BYTES, { N, r, p, maxmem: maxmem(N, r, p) });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/** A fresh random key (URL-safe, 192 bits). */
export function newAccessKey(): string {
  return randomBytes(KEY_BYTES).toString("base64url");
}

// A fixed hash compared against when the college has no entry, so the answer takes as long either way.
const DUMMY_HASH = `scrypt$${DEFAULT_PARAMS.N}$${DEFAULT_PARAMS.r}$${DEFAULT_PARAMS.p}$${Buffer.alloc(16).toString("base64")}$${Buffer.alloc(32).toString("base64")}`;

/** Constant-time check of `key` against a stored hash (or against a dummy when there is none). */
export async function verifyAccessKey(key: string, stored: string | undefined): Promise<boolean> {
  const parsed = parseKeyHash(stored ?? DUMMY_HASH) ?? (parseKeyHash(DUMMY_HASH) as ParsedHash);
  const { N, r, p, salt, hash } = parsed;
  const actual = await scrypt(key, salt, hash.length, { N, r, p, maxmem: maxmem(N, r, p) });
  const same = timingSafeEqual(actual, hash);
  return same && stored !== undefined && parseKeyHash(stored) !== undefined;
}

/** Reads the keys file; a missing file is an empty map. */
export async function readKeyFile(file: string): Promise<AccessKeyFile> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new AccessKeyFileError(`无法读取访问密钥文件 ${file}`, `cannot read the access-key file`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new AccessKeyFileError(
      `访问密钥文件 ${file} 不是有效的 JSON`,
      "the access-key file is not valid JSON",
    );
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    throw new AccessKeyFileError(
      `访问密钥文件 ${file} 应为“学院名: 散列”的对象`,
      "the access-key file must be an object",
    );
  }
  const out: AccessKeyFile = {};
  for (const [college, value] of Object.entries(doc as Record<string, unknown>)) {
    if (typeof value !== "string" || !parseKeyHash(value)) {
      throw new AccessKeyFileError(
        `访问密钥文件 ${file} 中“${college}”的散列格式不对`,
        "an entry of the access-key file is not a scrypt hash",
      );
    }
    out[college] = value;
  }
  return out;
}

/**
 * The graduate school's desk keys live in the same file under "@desk:<name>" (a college name never
 * starts with "@"): the name says who used the desk in its audit log. College endpoints verify the key
 * against one college's entry and desk endpoints against desk entries only, so neither key opens the other.
 */
export const DESK_PREFIX = "@desk:";
export const DEFAULT_DESK_NAME = "研究生院";

export function deskEntry(name: string): string {
  return `${DESK_PREFIX}${name}`;
}

/** Creates a key for `college`, stores only its hash (other colleges kept, atomic write), returns the key. */
export async function createAccessKey(file: string, college: string): Promise<string> {
  const keys = await readKeyFile(file);
  const key = newAccessKey();
  keys[college] = await hashAccessKey(key);
  await writeFileAtomic(file, JSON.stringify(keys, null, 2) + "\n", 0o600);
  return key;
}

/** Where the store reports a keys file it cannot read (the server passes its pino logger). */
export interface KeyStoreLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** The keys file cannot be read and no earlier good copy is known: refuse loudly, never "no keys". */
export class KeysUnavailableError extends Error {
  constructor() {
    super("access keys unavailable");
    this.name = "KeysUnavailableError";
  }
}

/** How long a verified key is remembered, so a busy college does not pay an scrypt per request. */
export const VERIFIED_TTL_MS = 5 * 60_000;
const MAX_VERIFIED = 1024;

const keyDigest = (key: string) => createHash("sha256").update(key).digest("hex");

/**
 * The server's view of the keys file: re-read when it changes on disk, so keygen needs no restart.
 * Successful verifications are cached briefly under the sha-256 of the key (never the key itself);
 * any change of the file empties that cache, so a replaced key stops working at once.
 */
export class AccessKeyStore {
  private cache: AccessKeyFile = {};
  private stamp = "";
  private loaded = false;
  private readonly verified = new Map<string, { college: string; until: number }>();

  constructor(
    readonly file: string,
    private readonly log?: KeyStoreLog,
    private readonly now: () => number = Date.now,
  ) {}

  async load(): Promise<AccessKeyFile> {
    let stamp: string;
    try {
      const st = await fs.stat(this.file);
      stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOENT") return this.keepLastGood(code, "cannot stat the access-key file");
      stamp = "missing";
    }
    if (stamp !== this.stamp) {
      let keys: AccessKeyFile;
      try {
        keys = stamp === "missing" ? {} : await readKeyFile(this.file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? (err as Error).name;
        return this.keepLastGood(code, "cannot read the access-key file");
      }
      if (stamp === "missing" && this.loaded && Object.keys(this.cache).length > 0)
        this.log?.warn({ file: this.file }, "the access-key file is gone: every submission is refused now");
      this.cache = keys;
      this.stamp = stamp;
      this.loaded = true;
      this.verified.clear();
    }
    return this.cache;
  }

  /** An I/O or format error: the last good keys stay in force (logged); without any, nothing is accepted. */
  private keepLastGood(code: string | undefined, msg: string): AccessKeyFile {
    this.log?.error({ file: this.file, code, keptLastGood: this.loaded }, msg);
    if (!this.loaded) throw new KeysUnavailableError();
    return this.cache;
  }

  /** The college a key was recently verified for, without any scrypt (the rate limiter's shortcut). */
  recentlyVerified(key: string): string | undefined {
    const hit = this.verified.get(keyDigest(key));
    return hit && hit.until > this.now() ? hit.college : undefined;
  }

  /**
   * The desk entry (e.g. "@desk:研究生院") `key` belongs to, or undefined. One scrypt per desk entry (a
   * handful at most) unless the key was verified in the last minutes.
   */
  async verifyDesk(key: string): Promise<string | undefined> {
    const keys = await this.load();
    const hit = this.recentlyVerified(key);
    if (hit?.startsWith(DESK_PREFIX)) return hit;
    const entries = Object.keys(keys).filter((name) => name.startsWith(DESK_PREFIX));
    // Always at least one scrypt, so the answer takes as long with no desk key configured.
    for (const entry of entries.length ? entries : [DESK_PREFIX]) {
      if (await this.verify(entry, key)) return entry;
    }
    return undefined;
  }

  async verify(college: string, key: string): Promise<boolean> {
    const keys = await this.load();
    const digest = keyDigest(key);
    const hit = this.verified.get(digest);
    if (hit && hit.college === college && hit.until > this.now()) return true;
    const stored = Object.prototype.hasOwnProperty.call(keys, college) ? keys[college] : undefined;
    const ok = await verifyAccessKey(key, stored);
    if (ok) {
      if (this.verified.size >= MAX_VERIFIED)
        this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(digest, { college, until: this.now() + VERIFIED_TTL_MS });
    }
    return ok;
  }
}
