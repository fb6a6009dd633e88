import { promises as fs } from "node:fs";
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
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

/** Creates a key for `college`, stores only its hash (other colleges kept, atomic write), returns the key. */
export async function createAccessKey(file: string, college: string): Promise<string> {
  const keys = await readKeyFile(file);
  const key = newAccessKey();
  keys[college] = await hashAccessKey(key);
  await writeFileAtomic(file, JSON.stringify(keys, null, 2) + "\n", 0o600);
  return key;
}

/** The server's view of the keys file: re-read when it changes on disk, so keygen needs no restart. */
export class AccessKeyStore {
  private cache: AccessKeyFile = {};
  private stamp = "";

  constructor(readonly file: string) {}

  async load(): Promise<AccessKeyFile> {
    let stamp = "missing";
    try {
      const st = await fs.stat(this.file);
      stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      /* missing file: no keys */
    }
    if (stamp !== this.stamp) {
      this.cache = stamp === "missing" ? {} : await readKeyFile(this.file);
      this.stamp = stamp;
    }
    return this.cache;
  }

  async verify(college: string, key: string): Promise<boolean> {
    const keys = await this.load();
    const stored = Object.prototype.hasOwnProperty.call(keys, college) ? keys[college] : undefined;
    return verifyAccessKey(key, stored);
  }
}
