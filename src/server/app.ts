import { promises as fs } from "node:fs";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import type { Logger } from "pino";
import { AccessGuard } from "./accessGuard";
import { AccessKeyStore } from "./accessKeys";
import { CampaignSource } from "./campaignSource";
import { registerCollegeRoutes } from "./collegeRoutes";
import type { ServerConfig } from "./config";
import { HttpError, replyError } from "./httpErrors";
import { createLogger } from "./logger";
import { openDatabase, type Database } from "./db/database";
import { Outbox } from "./outbox";
import { AuditLog } from "./db/auditLog";
import { DeskQueries } from "./db/deskQueries";
import { PaymentStore } from "./db/paymentStore";
import { SqliteProfileStore } from "./db/profileStore";
import { DeskGuard } from "./desk/deskAuth";
import { registerDeskRoutes } from "./desk/deskRoutes";
import { SchoolListStore } from "./desk/schoolListStore";
import { SubmissionRows } from "./desk/submissionRows";
import type { ProfileStore } from "./profileStore";
import { Sender } from "./sender";
import { registerStaticSite } from "./staticSite";
import { FORM_OVERHEAD, registerSubmissionRoutes } from "./submissionRoutes";
import { UploadService } from "./uploadService";

export type { SubmissionStatusBody } from "./apiTypes";

/** The host server (SPEC §8) on Fastify: static add-in files, the submissions API and the sender loop. */

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly logger: Logger;
  readonly outbox: Outbox;
  /** The server's SQLite database (closed by close()). */
  readonly db: Database;
  readonly campaigns: CampaignSource;
  readonly profiles: ProfileStore;
  /** The sender loop: `idle()` and its "attempt" events are how tests know a pass has finished. */
  readonly sender: Sender;
  /** Graceful stop: no new connections, requests and send attempts in progress finish. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
  /** Worker threads for uploads (default: the number of cores). */
  workers?: number;
}

const RETENTION_INTERVAL_MS = 24 * 3600_000;
/** Non-multipart bodies (a JSON mistake, say) are small; the upload itself has its own limits. */
const OTHER_BODY_LIMIT = 64 * 1024;

/** The desk's endpoints (desk/): another method on one of them is 405, not 404. */
const DESK_PATHS =
  /^\/api\/desk\/(colleges(\/[^/]+\/(submissions|payments|retry))?|duplicates|export\.(xlsx|csv)|audit|reminders|roster|captured|lists|checks|submissions\/[^/]+\/file)$/;

function apiPath(url: string): boolean {
  return url.startsWith("/api/");
}

/** CORS, no-store and the one JSON error shape for the API; 404/405 in Chinese everywhere. */
function registerApiBasics(app: FastifyInstance, config: ServerConfig, logger: Logger): void {
  app.addHook("onRequest", async (req, reply) => {
    if (!apiPath(req.url)) return;
    // The key travels in a header, not a cookie, so any origin may call the API (the preview runs elsewhere).
    reply.header("Access-Control-Allow-Origin", "*");
    reply.header("Cache-Control", "no-store");
    reply.header("X-Content-Type-Options", "nosniff");
  });
  app.options("/api/*", async (_req, reply) =>
    reply
      .code(204)
      .header("Access-Control-Allow-Methods", "GET, POST, PUT, OPTIONS")
      .header("Access-Control-Allow-Headers", "Content-Type, X-Access-Key")
      .header("Access-Control-Max-Age", "600")
      .send(),
  );
  app.setErrorHandler((err, req, reply) =>
    replyError(err as FastifyError, req, reply, logger, config.maxUploadBytes),
  );
  app.setNotFoundHandler((req, reply) => {
    const urlPath = req.url.split("?")[0];
    const known =
      urlPath === "/api/submissions" ||
      urlPath === "/api/campaign" ||
      /^\/api\/submissions\/[^/]+(\/retry)?$/.test(urlPath) ||
      /^\/api\/colleges\/[^/]+\/profile$/.test(urlPath) ||
      DESK_PATHS.test(urlPath);
    const err =
      known || (!apiPath(urlPath) && req.method !== "GET" && req.method !== "HEAD")
        ? new HttpError(405, "不支持的请求方法")
        : new HttpError(404, apiPath(urlPath) ? "没有这个接口" : "找不到该页面");
    return replyError(err, req, reply, logger, config.maxUploadBytes);
  });
  // One line per request, ids and status only (never headers: they carry the access key).
  app.addHook("onResponse", async (req, reply) => {
    const urlPath = req.url.split("?")[0];
    logger.info(
      {
        method: req.method,
        path: apiPath(urlPath) ? urlPath : "(static)",
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      "request",
    );
    // A refusal sent before the body was read: stop reading it, drop the connection.
    if (!req.raw.complete) setImmediate(() => req.raw.socket?.destroy());
  });
}

export async function startServer(config: ServerConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const now = opts.now ?? (() => new Date());
  await fs.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(config.dataDir);
  try {
    return await startWithDatabase(config, opts, logger, now, db);
  } catch (err) {
    db.close();
    throw err;
  }
}

async function startWithDatabase(
  config: ServerConfig,
  opts: StartOptions,
  logger: Logger,
  now: () => Date,
  db: Database,
): Promise<RunningServer> {
  const outbox = new Outbox(config.dataDir, db);
  const imported = await outbox.init();
  if (imported.imported.length || imported.orphans.length || imported.unreadable.length)
    logger.info(
      {
        imported: imported.imported.length,
        orphans: imported.orphans.length,
        unreadable: imported.unreadable,
      },
      "file outbox moved into the database",
    );
  const keys = new AccessKeyStore(config.accessKeysPath, logger);
  const known = Object.keys(await keys.load());
  if (known.length === 0)
    logger.warn(
      { file: config.accessKeysPath },
      "no access keys configured: every submission will be refused (401)",
    );
  const campaigns = new CampaignSource(config.campaignPath, config.campaign, logger, now);
  await campaigns.init();
  const profiles = new SqliteProfileStore(db);
  const importedProfiles = await profiles.importJsonOnce(config.dataDir);
  if (importedProfiles) logger.info({ profiles: importedProfiles }, "profiles.json moved into the database");
  const uploads = new UploadService(config.maxUploadBytes, opts.workers);
  const sender = new Sender({
    outbox,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    mailSettings: async () => {
      const { campaign } = await campaigns.current();
      return { campaign, submitTo: config.submitToOverride ?? campaign.submitTo };
    },
    retryBaseMs: config.retryBaseMs,
    retryMaxMs: config.retryMaxMs,
    logger,
    // Built with the campaign and profile the list was accepted with (older submissions: the current ones).
    buildAttachment: async (upload, meta) =>
      uploads.build(upload, {
        college: meta.college,
        campaign: meta.campaign ?? (await campaigns.current()).campaign,
        ...(meta.profile ? { profile: meta.profile } : {}),
      }),
  });

  const purge = async () => {
    try {
      const removed = await outbox.purgeOlderThan(config.retentionDays, now());
      if (removed.length)
        logger.info(
          { removed: removed.length, retentionDays: config.retentionDays },
          "old submissions deleted",
        );
    } catch (err) {
      logger.error({ errName: (err as Error).name }, "retention sweep failed");
    }
  };
  await purge();
  const retentionTimer = setInterval(purge, RETENTION_INTERVAL_MS);
  retentionTimer.unref();

  const { trustProxy } = config;
  // Plain HTTP/1.1 or HTTPS/1.1: both are a node:http(s) server underneath, typed here as the HTTP one.
  const app = Fastify({
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key } } : {}),
    // A hop count trusts that many proxies nearest to us; a list trusts exactly those addresses.
    trustProxy:
      typeof trustProxy === "number"
        ? (_addr: string, hop: number) => hop < trustProxy
        : (trustProxy ?? false),
    bodyLimit: OTHER_BODY_LIMIT,
    requestTimeout: 120_000,
    logger: false,
    // Requests already on a connection finish normally during the graceful stop (no English 503 body).
    return503OnClosing: false,
  }) as unknown as FastifyInstance;
  app.server.headersTimeout = 30_000;
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { fileSize: config.maxUploadBytes + FORM_OVERHEAD } });
  registerApiBasics(app, config, logger);
  app.get("/api/health", async () => ({
    status: "ok",
    mail: sender.mode,
    submitTo: config.submitToOverride ?? (await campaigns.current()).campaign.submitTo,
  }));
  const guard = new AccessGuard(app, keys, {
    perCollege: config.rateLimit,
    failuresPerAddress: config.authFailureLimit,
  });
  registerSubmissionRoutes(app, {
    config,
    outbox,
    sender,
    uploads,
    keys,
    guard,
    campaigns,
    profiles,
    logger,
    now,
  });
  registerCollegeRoutes(app, {
    campaigns,
    ...(config.submitToOverride ? { submitToOverride: config.submitToOverride } : {}),
    profiles,
    guard,
    logger,
    now,
  });
  registerDeskRoutes({
    app,
    guard: new DeskGuard(app, keys, guard),
    outbox,
    sender,
    queries: new DeskQueries(db),
    payments: new PaymentStore(db),
    profiles,
    audit: new AuditLog(db),
    campaigns,
    uploads,
    rows: new SubmissionRows(outbox, uploads, campaigns, logger),
    schoolLists: new SchoolListStore(config.dataDir),
    maxUploadBytes: config.maxUploadBytes,
    logger,
    now,
  });
  await registerStaticSite(app, { root: config.staticDir, exceptPrefix: "/api/" });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await uploads.close();
    throw err;
  }
  const port = (app.server.address() as { port: number }).port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `${config.tls ? "https" : "http"}://${host}:${port}`;
  const resumed = await sender.start();
  logger.info({ port, host: config.host, tls: !!config.tls, mail: sender.mode, resumed }, "listening");

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    logger,
    outbox,
    db,
    campaigns,
    profiles,
    sender,
    close() {
      closing ??= (async () => {
        clearInterval(retentionTimer);
        let timer: NodeJS.Timeout | undefined;
        const giveUp = new Promise<void>((r) => (timer = setTimeout(r, 10_000)));
        await Promise.race([app.close(), giveUp]);
        clearTimeout(timer);
        app.server.closeAllConnections();
        await sender.stop();
        await uploads.close();
        db.close();
        logger.info("stopped");
      })();
      return closing;
    },
  };
}
