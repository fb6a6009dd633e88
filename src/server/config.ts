import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { CampaignError, DEFAULT_CAMPAIGN, parseCampaignJson, type Campaign } from "../domain";

/** The server's configuration (SPEC §8), read once from the environment at start. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  smtpUrl?: string;
  mailFrom: string;
  /** The recipient at start: SUBMIT_TO, or the campaign's submitTo. */
  submitTo: string;
  /** SUBMIT_TO when set: it wins over every campaign, also one re-read later. */
  submitToOverride?: string;
  /** The campaign at start; the server re-reads `campaignPath` when it changes (campaignSource.ts). */
  campaign: Campaign;
  campaignPath?: string;
  accessKeysPath: string;
  maxUploadBytes: number;
  /** Rows a submitted list may have (413 above). */
  maxRows: number;
  /** Submissions per minute per college (counted after its access key was verified). */
  rateLimit: number;
  /**
   * Key checks that are not already cached (each costs an scrypt) and failed requests, per client
   * address and minute: the stricter, separate bucket of unauthenticated traffic.
   */
  authFailureLimit: number;
  /** Fastify's trustProxy: the proxy's addresses/CIDRs, or a hop count; undefined: trust nobody. */
  trustProxy?: string[] | number;
  retentionDays: number;
  tls?: { cert: Buffer; key: Buffer };
  staticDir: string;
  /** First retry delay; doubles per failed attempt up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  logLevel: string;
}

/** A wrong setting: the message is Chinese and names the variable; never echoes a value (SMTP_URL holds a password). */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`配置有误：环境变量 ${variable} ${reason}`);
    this.name = "ConfigError";
  }
}

const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

const MAIL_ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$|^[^\s@<>()",;:]+@localhost$/;

/** "addr" or "Display Name <addr>", no line breaks (a header value). */
function isMailbox(v: string): boolean {
  if (/[\r\n]/.test(v)) return false;
  const m = /^\s*(?:[^<>]*<([^<>]+)>|(\S+))\s*$/.exec(v);
  const addr = m?.[1] ?? m?.[2];
  return !!addr && MAIL_ADDRESS.test(addr);
}

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `应为 ${min}–${max} 之间的整数` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `应不小于 ${min}` })
        .max(max, { message: `应不大于 ${max}` }),
    );

const envSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  SMTP_URL: z
    .string()
    .refine(
      (s) => {
        try {
          const u = new URL(s);
          return (u.protocol === "smtp:" || u.protocol === "smtps:") && u.hostname !== "";
        } catch {
          return false;
        }
      },
      { message: "应为 smtp:// 或 smtps:// 开头的地址，例如 smtps://user:pass@smtp.example.edu.cn:465" },
    )
    .optional(),
  MAIL_FROM: z
    .string()
    .refine(isMailbox, { message: "应为一个邮件地址，例如 名单助手 <noreply@lzu.edu.cn>" })
    .optional(),
  SUBMIT_TO: z.string().refine(isMailbox, { message: "应为一个邮件地址" }).optional(),
  CAMPAIGN: z.string().min(1).optional(),
  ACCESS_KEYS: z.string().min(1).optional(),
  MAX_UPLOAD_BYTES: int(1024, 100 * 1024 * 1024).default(5 * 1024 * 1024),
  // A college's list is a few hundred rows; the cap keeps one upload from occupying a worker for minutes.
  MAX_ROWS: int(1, 1_000_000).default(20_000),
  RATE_LIMIT: int(1, 100000).default(10),
  AUTH_FAILURE_LIMIT: int(1, 100000).default(10),
  TRUST_PROXY: z.string().optional(),
  RETENTION_DAYS: int(1, 3650).default(30),
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  STATIC_DIR: z.string().min(1).optional(),
  RETRY_BASE_MS: int(1, 3_600_000).default(1000),
  RETRY_MAX_MS: int(1, 24 * 3_600_000).default(300_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

type EnvInput = Record<string, string | undefined>;

/** A hop count, or a comma-separated list of addresses / CIDR ranges (never "trust everyone"). */
function parseTrustProxy(value: string | undefined): string[] | number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) throw new ConfigError("TRUST_PROXY", "取值无效：代理层数应为 1–10");
    return hops;
  }
  const list = value.split(",").map((s) => s.trim());
  for (const item of list) {
    const [addr, bits, extra] = item.split("/");
    const family = isIP(addr);
    const maxBits = family === 6 ? 128 : 32;
    const badBits = bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > maxBits);
    if (!family || badBits || extra !== undefined)
      throw new ConfigError(
        "TRUST_PROXY",
        "取值无效：应为代理服务器的地址（可用逗号分隔多个，或写成 10.0.0.0/8 这样的网段），或代理层数",
      );
  }
  return list;
}

function readText(variable: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new ConfigError(variable, `指向的文件无法读取：${file}`);
  }
}

/**
 * Parses the environment. Empty variables count as unset (a `FOO=` line in a unit file).
 * Throws ConfigError for the first wrong setting. Relative paths are resolved against `cwd`.
 */
export function loadConfig(env: EnvInput = process.env, cwd: string = process.cwd()): ServerConfig {
  const present: EnvInput = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v.trim() !== "") present[key] = v.trim();
  }
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? "?");
    throw new ConfigError(variable, `取值无效：${issue.message}`);
  }
  const e = parsed.data;
  const resolve = (p: string) => path.resolve(cwd, p);

  let campaign = DEFAULT_CAMPAIGN;
  if (e.CAMPAIGN) {
    try {
      campaign = parseCampaignJson(readText("CAMPAIGN", resolve(e.CAMPAIGN)));
    } catch (err) {
      if (err instanceof CampaignError)
        throw new ConfigError("CAMPAIGN", `指向的活动配置有误：${err.issues.join("；")}`);
      throw err;
    }
  }

  if (!!e.TLS_CERT !== !!e.TLS_KEY) {
    throw new ConfigError(
      e.TLS_CERT ? "TLS_KEY" : "TLS_CERT",
      "未设置：启用 HTTPS 需要同时设置 TLS_CERT 和 TLS_KEY",
    );
  }
  const tls =
    e.TLS_CERT && e.TLS_KEY
      ? {
          cert: Buffer.from(readText("TLS_CERT", resolve(e.TLS_CERT))),
          key: Buffer.from(readText("TLS_KEY", resolve(e.TLS_KEY))),
        }
      : undefined;

  let mailFrom = e.MAIL_FROM;
  if (!mailFrom && e.SMTP_URL) {
    // Most school mail servers only accept the authenticated account as sender.
    const user = decodeURIComponent(new URL(e.SMTP_URL).username);
    if (!MAIL_ADDRESS.test(user))
      throw new ConfigError("MAIL_FROM", "未设置：使用 SMTP_URL 发信时必须给出发件人地址");
    mailFrom = user;
  }
  if (e.RETRY_MAX_MS < e.RETRY_BASE_MS) throw new ConfigError("RETRY_MAX_MS", "不能小于 RETRY_BASE_MS");

  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    smtpUrl: e.SMTP_URL,
    mailFrom: mailFrom ?? "研究生图像采集名单助手 <capture-list@localhost>",
    submitTo: e.SUBMIT_TO ?? campaign.submitTo,
    ...(e.SUBMIT_TO ? { submitToOverride: e.SUBMIT_TO } : {}),
    campaign,
    ...(e.CAMPAIGN ? { campaignPath: resolve(e.CAMPAIGN) } : {}),
    accessKeysPath: e.ACCESS_KEYS ? resolve(e.ACCESS_KEYS) : path.join(dataDir, "access-keys.json"),
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxRows: e.MAX_ROWS,
    rateLimit: e.RATE_LIMIT,
    authFailureLimit: e.AUTH_FAILURE_LIMIT,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    retentionDays: e.RETENTION_DAYS,
    tls,
    staticDir: e.STATIC_DIR ? resolve(e.STATIC_DIR) : path.join(PROJECT_ROOT, "dist"),
    retryBaseMs: e.RETRY_BASE_MS,
    retryMaxMs: e.RETRY_MAX_MS,
    logLevel: e.LOG_LEVEL,
  };
}
