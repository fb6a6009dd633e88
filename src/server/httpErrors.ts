import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { KeysUnavailableError } from "./accessKeys";
import { WorkerTaskError } from "./workerPool";

/**
 * Every refusal of the API as one JSON shape, { status, message, …extra }, with a Chinese message.
 * Errors of Fastify and its plugins are translated here; nothing unexpected shows a stack, an English
 * library message or the words "internal error" — it is logged and answered with a plain Chinese line.
 */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function tooLarge(maxUploadBytes: number): HttpError {
  const limit =
    maxUploadBytes >= 1024 * 1024
      ? `${(maxUploadBytes / 1024 / 1024).toFixed(1)} MB`
      : `${Math.floor(maxUploadBytes / 1024)} KB`;
  return new HttpError(413, `文件过大：上传上限为 ${limit}`, {
    limitBytes: maxUploadBytes,
  });
}

export function tooMany(message: string, retryAfterSeconds: number): HttpError {
  const retry = Math.max(1, retryAfterSeconds);
  return new HttpError(
    429,
    `${message}，请 ${retry} 秒后再试`,
    { retryAfter: retry },
    { "Retry-After": String(retry) },
  );
}

const FORM_ERROR = "表单有误：请以 multipart/form-data 表单上传名单文件和联系人信息";

/** Fastify, @fastify/multipart and busboy errors → an HttpError with a Chinese message. */
function translate(err: FastifyError, maxUploadBytes: number): HttpError | undefined {
  switch (err.code) {
    case "FST_REQ_FILE_TOO_LARGE":
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return tooLarge(maxUploadBytes);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new HttpError(415, "请以 multipart/form-data 表单上传名单文件");
    case "FST_PARTS_LIMIT":
    case "FST_FILES_LIMIT":
    case "FST_FIELDS_LIMIT":
      return new HttpError(400, "表单有误：表单项过多");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new HttpError(400, FORM_ERROR);
  }
  if (err instanceof WorkerTaskError) {
    return err.reason === "closed"
      ? new HttpError(503, "服务器正在重启，请稍后再提交", {}, { "Retry-After": "30" })
      : new HttpError(413, "名单过大或过于复杂，服务器无法在限定时间内检查：请按学院分别提交");
  }
  if (err instanceof KeysUnavailableError)
    return new HttpError(503, "服务器暂时无法核对访问密钥，请稍后再试；若持续出现，请联系管理员");
  // busboy: a broken multipart body (no error code, a 4xx from the plugin, or a parse message).
  if (!err.code && /Unexpected end of (form|multipart)|Malformed|boundary/i.test(err.message))
    return new HttpError(400, FORM_ERROR);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return new HttpError(err.statusCode, err.statusCode === 413 ? "请求过大" : "请求有误");
  return undefined;
}

/** Answers with the JSON error body; drops the connection when the request body was not read. */
export function replyError(
  err: FastifyError | HttpError,
  req: FastifyRequest,
  reply: FastifyReply,
  log: Logger,
  maxUploadBytes: number,
): FastifyReply {
  const known = err instanceof HttpError ? err : translate(err as FastifyError, maxUploadBytes);
  if (!known)
    log.error({ errName: err.name, code: (err as FastifyError).code, method: req.method }, "request failed");
  const status = known?.status ?? 500;
  const message = known?.message ?? "服务器暂时无法处理这个请求，请稍后再试";
  if (!req.raw.complete) reply.header("Connection", "close");
  for (const [k, v] of Object.entries(known?.headers ?? {})) reply.header(k, v);
  return reply.code(status).send({ status, message, ...(known?.extra ?? {}) });
}
