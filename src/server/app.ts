import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import { findCollege } from "../domain";
import { AccessKeyStore } from "./accessKeys";
import type { ServerConfig } from "./config";
import { createLogger } from "./logger";
import { MultipartError, multipartBoundary, readMultipart } from "./multipart";
import {
  Outbox,
  isSubmissionId,
  sha256Hex,
  shanghaiDay,
  submissionId,
  type SubmissionMeta,
  type SubmissionState,
} from "./outbox";
import { RateLimiter } from "./rateLimit";
import { Sender } from "./sender";
import { serveStatic } from "./staticFiles";
import type { SubmissionStatusBody } from "./apiTypes";

export type { SubmissionStatusBody } from "./apiTypes";
import { Gate, buildAttachment, checkUpload } from "./submissionFile";

/** The host server (SPEC §8): static add-in files, the submissions API and the sender loop. */

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly logger: Logger;
  readonly outbox: Outbox;
  /** Graceful stop: no new connections, requests and send attempts in progress finish. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const KEY_HEADER = "x-access-key";
/** Room for the text fields and part headers on top of the file itself. */
const FORM_OVERHEAD = 64 * 1024;
const MAX_KEY_LENGTH = 256;
const RETENTION_INTERVAL_MS = 24 * 3600_000;
/** Workbooks parsed at once (uploads and attachment builds): parsing a 5 MB list takes a lot of memory. */
const WORKBOOK_CONCURRENCY = 2;
const SIMPLE_EMAIL = /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\]+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...headers,
  });
  res.end(text);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function toStatusBody(meta: SubmissionMeta, state: SubmissionState, submitTo: string): SubmissionStatusBody {
  return {
    id: meta.id,
    status: state.status === "sending" ? "queued" : state.status,
    attempts: state.attempts,
    ...(state.messageId ? { messageId: state.messageId } : {}),
    ...(state.lastError && state.status !== "sent" ? { error: state.lastError } : {}),
    ...(state.note ? { note: state.note } : {}),
    ...(state.delivery ? { delivery: state.delivery } : {}),
    college: meta.college,
    headCount: meta.headCount,
    feeTotal: meta.feeTotal,
    fileName: meta.fileName,
    submitTo,
  };
}

export async function startServer(config: ServerConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const now = opts.now ?? (() => new Date());
  const outbox = new Outbox(config.dataDir);
  await outbox.init();
  const keys = new AccessKeyStore(config.accessKeysPath);
  const known = Object.keys(await keys.load());
  if (known.length === 0)
    logger.warn(
      { file: config.accessKeysPath },
      "no access keys configured: every submission will be refused (401)",
    );
  const limiter = new RateLimiter(config.rateLimit);
  const workbookGate = new Gate(WORKBOOK_CONCURRENCY);
  const sender = new Sender({
    outbox,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    submitTo: config.submitTo,
    campaign: config.campaign,
    retryBaseMs: config.retryBaseMs,
    retryMaxMs: config.retryMaxMs,
    logger,
    buildAttachment: (upload, college) =>
      workbookGate.run(() => buildAttachment(upload, college, config.campaign, config.maxUploadBytes)),
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

  async function authorize(req: IncomingMessage, college: string): Promise<void> {
    const key = headerValue(req, KEY_HEADER);
    if (!key) throw new HttpError(401, "缺少访问密钥：请在设置中填写本学院的访问密钥");
    if (key.length > MAX_KEY_LENGTH || !(await keys.verify(college, key))) {
      throw new HttpError(401, "访问密钥不对：请核对本学院的访问密钥（密钥与所选学院不符也会被拒绝）");
    }
  }

  function rateCheck(req: IncomingMessage): void {
    const buckets = [`ip:${req.socket.remoteAddress ?? "?"}`];
    const key = headerValue(req, KEY_HEADER);
    if (key) buckets.push(`key:${createHash("sha256").update(key).digest("hex")}`);
    for (const b of buckets) {
      if (!limiter.hit(b)) {
        const retry = limiter.retryAfterSeconds(b);
        throw new HttpError(
          429,
          `提交过于频繁，请 ${retry} 秒后再试`,
          { retryAfter: retry },
          { "Retry-After": String(retry) },
        );
      }
    }
  }

  async function postSubmission(req: IncomingMessage, res: ServerResponse, log: Logger): Promise<void> {
    rateCheck(req);
    const boundary = multipartBoundary(headerValue(req, "content-type"));
    if (!boundary) throw new HttpError(415, "请以 multipart/form-data 表单上传名单文件");
    const bodyLimit = config.maxUploadBytes + FORM_OVERHEAD;
    const tooLarge = () =>
      new HttpError(413, `文件过大：上传上限为 ${(config.maxUploadBytes / 1024 / 1024).toFixed(1)} MB`, {
        limitBytes: config.maxUploadBytes,
      });
    const declared = Number(headerValue(req, "content-length") ?? NaN);
    if (declared > bodyLimit) throw tooLarge();

    let form;
    try {
      form = await readMultipart(
        req,
        boundary,
        { maxFileBytes: config.maxUploadBytes, maxFieldBytes: 2048, maxParts: 16, maxHeaderBytes: 4096 },
        bodyLimit,
      );
    } catch (err) {
      if (err instanceof MultipartError) {
        if (err.status === 413) throw tooLarge();
        throw new HttpError(400, `表单有误：${err.message}`);
      }
      throw err;
    }
    // Only these fields are read; anything else in the form (a "to" or "recipient", say) is ignored.
    const field = (name: string) => (form.fields.get(name) ?? "").trim();
    const collegeInput = field("college");
    const senderName = field("senderName");
    const senderEmail = field("senderEmail");
    const senderPhone = field("senderPhone");
    const file = form.files.get("file");
    if (!file) throw new HttpError(400, "表单有误：缺少名单文件（字段 file）");
    if (!collegeInput) throw new HttpError(400, "表单有误：缺少学院（字段 college）");
    const profile = findCollege(config.campaign, collegeInput);
    if (!profile) throw new HttpError(400, "表单有误：学院名称不在本次采集的学院名单中");
    const college = profile.name;
    await authorize(req, college);

    if (!senderName || senderName.length > 40 || CONTROL.test(senderName)) {
      throw new HttpError(400, "表单有误：请填写联系人（研究生秘书）姓名");
    }
    if (!SIMPLE_EMAIL.test(senderEmail) || senderEmail.length > 254) {
      throw new HttpError(400, "表单有误：请填写有效的联系人电子邮箱");
    }
    if (senderPhone && !/^[0-9+\- ]{5,20}$/.test(senderPhone))
      throw new HttpError(400, "表单有误：联系电话格式不对");

    const bytes = file.data;
    const verdict = await workbookGate.run(() =>
      checkUpload(bytes, college, config.campaign, config.maxUploadBytes, config.maxRows),
    );
    if (!verdict.ok) {
      const { summary } = verdict;
      log.info(
        {
          college,
          status: verdict.status,
          reason: verdict.reason,
          bytes: bytes.length,
          rows: summary?.rows,
          errors: summary?.errors,
        },
        "submission refused",
      );
      throw new HttpError(verdict.status, verdict.message, {
        ...(verdict.problems ? { problems: verdict.problems } : {}),
        ...(summary
          ? { summary: { rows: summary.rows, errors: summary.errors, warnings: summary.warnings } }
          : {}),
      });
    }
    const { summary } = verdict;

    const uploadSha256 = sha256Hex(bytes);
    const createdAt = now();
    const day = shanghaiDay(createdAt);
    const id = submissionId(college, day, uploadSha256);
    let created = false;
    if (!(await outbox.has(id))) {
      const meta: SubmissionMeta = {
        id,
        college,
        senderName,
        senderEmail,
        ...(senderPhone ? { senderPhone } : {}),
        fileName: verdict.fileName,
        uploadSha256,
        headCount: verdict.headCount,
        feeTotal: verdict.feeTotal,
        byLevel: summary.byLevel,
        byMode: summary.byMode,
        createdAt: createdAt.toISOString(),
        day,
      };
      const state: SubmissionState = {
        status: "queued",
        attempts: 0,
        permanentFailures: 0,
        updatedAt: meta.createdAt,
      };
      created = await outbox.create(meta, bytes, state);
      if (created) sender.enqueue(id);
    }
    const body = toStatusBody(await outbox.readMeta(id), await outbox.readState(id), config.submitTo);
    log.info(
      {
        id,
        college,
        headCount: body.headCount,
        duplicate: !created,
        rows: summary.rows,
        warnings: summary.warnings,
      },
      created ? "submission accepted" : "duplicate submission",
    );
    sendJson(res, 202, {
      ...body,
      duplicate: !created,
      message: created ? "已受理，正在发送" : "这份名单今天已经提交过，未重复发送",
    });
  }

  async function getSubmission(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (!headerValue(req, KEY_HEADER)) throw new HttpError(401, "缺少访问密钥");
    if (!(await outbox.has(id))) {
      // Spend the same time as a key check, so probing ids tells nothing.
      await keys.verify("", headerValue(req, KEY_HEADER) ?? "");
      throw new HttpError(404, "没有这个提交编号（可能已超过保存期限被删除）");
    }
    const meta = await outbox.readMeta(id);
    await authorize(req, meta.college);
    sendJson(res, 200, toStatusBody(meta, await outbox.readState(id), config.submitTo));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const urlPath = (req.url ?? "/").split("?")[0];
    const method = req.method ?? "GET";
    const log = logger;
    try {
      if (urlPath.startsWith("/api/")) {
        // The key travels in a header, not a cookie, so any origin may call the API (the preview runs elsewhere).
        res.setHeader("Access-Control-Allow-Origin", "*");
        if (method === "OPTIONS") {
          res.writeHead(204, {
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, X-Access-Key",
            "Access-Control-Max-Age": "600",
          });
          res.end();
          return;
        }
        const statusMatch = /^\/api\/submissions\/([^/]+)$/.exec(urlPath);
        if (urlPath === "/api/health" && (method === "GET" || method === "HEAD")) {
          sendJson(res, 200, { status: "ok", mail: sender.mode, submitTo: config.submitTo });
        } else if (urlPath === "/api/submissions" && method === "POST") {
          await postSubmission(req, res, log);
        } else if (statusMatch && method === "GET") {
          if (!isSubmissionId(statusMatch[1])) throw new HttpError(404, "没有这个提交编号");
          await getSubmission(req, res, statusMatch[1]);
        } else if (urlPath === "/api/submissions" || statusMatch) {
          throw new HttpError(405, "不支持的请求方法");
        } else {
          throw new HttpError(404, "没有这个接口");
        }
      } else if (method === "GET" || method === "HEAD") {
        if (!(await serveStatic(req, res, config.staticDir, urlPath)))
          throw new HttpError(404, "找不到该页面");
      } else {
        throw new HttpError(405, "不支持的请求方法");
      }
    } catch (err) {
      const known = err instanceof HttpError;
      const status = known ? err.status : 500;
      if (!known) log.error({ errName: (err as Error)?.name, method, path: urlPath }, "request failed");
      if (!res.headersSent) {
        const closing = status === 413 || (!req.complete && method === "POST");
        sendJson(
          res,
          status,
          {
            status,
            message: known ? err.message : "服务器内部错误，请稍后再试",
            ...(known ? err.extra : {}),
          },
          { ...(known ? err.headers : {}), ...(closing ? { Connection: "close" } : {}) },
        );
        // Unread body: stop reading it and drop the connection once the answer is out.
        if (closing) res.once("finish", () => setImmediate(() => req.socket.destroy()));
      } else {
        res.destroy();
      }
    } finally {
      log.info(
        {
          method,
          path: urlPath.startsWith("/api/") ? urlPath : "(static)",
          status: res.statusCode,
          ms: Date.now() - started,
        },
        "request",
      );
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => void handle(req, res);
  const server = config.tls
    ? https.createServer({ cert: config.tls.cert, key: config.tls.key }, listener)
    : http.createServer(listener);
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
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
    close() {
      closing ??= (async () => {
        clearInterval(retentionTimer);
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.race([stopped, new Promise((r) => setTimeout(r, 10_000).unref())]);
        server.closeAllConnections();
        await sender.stop();
        logger.info("stopped");
      })();
      return closing;
    },
  };
}
