import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { findCollege, type SecretaryProfile } from "../domain";
import { accessKeyOf, type AccessGuard } from "./accessGuard";
import type { AccessKeyStore } from "./accessKeys";
import { submissionFormSchema, type AcceptedBody, type SubmissionStatusBody } from "./apiTypes";
import type { ServerConfig } from "./config";
import { HttpError, tooLarge } from "./httpErrors";
import {
  isSubmissionId,
  sha256Hex,
  shanghaiDay,
  submissionId,
  type Outbox,
  type SubmissionMeta,
  type SubmissionState,
} from "./outbox";
import { publicCampaign, type CampaignSource } from "./campaignSource";
import type { ProfileStore, StoredProfile } from "./profileStore";
import type { Sender } from "./sender";
import type { UploadService } from "./uploadService";

/** POST /api/submissions, GET /api/submissions/:id and POST /api/submissions/:id/retry (SPEC §8). */

export interface SubmissionDeps {
  config: ServerConfig;
  outbox: Outbox;
  sender: Sender;
  uploads: UploadService;
  keys: AccessKeyStore;
  guard: AccessGuard;
  campaigns: CampaignSource;
  profiles: ProfileStore;
  logger: Logger;
  now: () => Date;
}

function withoutStamp(stored: StoredProfile): SecretaryProfile {
  const { updatedAt: _at, ...profile } = stored;
  return profile;
}

/** Room for the text fields and part headers on top of the file itself. */
export const FORM_OVERHEAD = 64 * 1024;
const MAX_FIELD_BYTES = 2048;

export interface ReadForm {
  fields: Map<string, string>;
  file?: Buffer;
  /** The file part's name as the client gave it (only its extension is ever read). */
  fileName?: string;
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

/**
 * The file's bytes; past the limit the answer is 413 at once, while the client is still sending. busboy
 * signals the limit with a "limit" event and then drops the rest of the part without ending the stream
 * (it ends only at the part's boundary), so waiting for the next chunk or the end could wait for the
 * whole body.
 */
function readFilePart(file: NodeJS.ReadableStream & { truncated?: boolean }, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    file.on("data", (chunk: Buffer) => chunks.push(chunk));
    file.once("limit", () => reject(tooLarge(limit)));
    file.once("error", reject);
    file.once("end", () => (file.truncated ? reject(tooLarge(limit)) : resolve(Buffer.concat(chunks))));
  });
}

/** The form through @fastify/multipart: the first "file" part as bytes, text fields by name. */
export async function readForm(req: FastifyRequest, maxUploadBytes: number): Promise<ReadForm> {
  const form: ReadForm = { fields: new Map() };
  const parts = req.parts({
    limits: { fileSize: maxUploadBytes, fieldSize: MAX_FIELD_BYTES, fields: 16, files: 2, parts: 20 },
  });
  for await (const part of parts) {
    if (part.type === "file") {
      if (part.fieldname === "file" && !form.file) {
        form.fileName = part.filename;
        form.file = await readFilePart(part.file, maxUploadBytes);
      } else part.file.resume();
    } else {
      if (part.valueTruncated) throw new HttpError(400, `表单有误：字段 ${part.fieldname} 过长`);
      if (!form.fields.has(part.fieldname)) form.fields.set(part.fieldname, String(part.value));
    }
  }
  return form;
}

export function registerSubmissionRoutes(app: FastifyInstance, deps: SubmissionDeps): void {
  const { config, outbox, sender, uploads, keys, guard, campaigns, profiles, logger, now } = deps;
  const submitTo = async () => config.submitToOverride ?? (await campaigns.current()).campaign.submitTo;
  const bodyLimit = config.maxUploadBytes + FORM_OVERHEAD;

  app.post(
    "/api/submissions",
    {
      onRequest: async (req) => {
        const declared = Number(req.headers["content-length"] ?? NaN);
        if (declared > bodyLimit) throw tooLarge(config.maxUploadBytes);
      },
      // The multipart parser only marks the request: the body is still unread here, and no scrypt ran.
      preHandler: async (req) => {
        if (!req.isMultipart()) throw new HttpError(415, "请以 multipart/form-data 表单上传名单文件");
        await guard.screen(req);
      },
    },
    async (req, reply) => {
      const form = await readForm(req, config.maxUploadBytes);
      // Only these fields are read; anything else in the form (a "to" or "recipient", say) is ignored.
      if (!form.file) throw new HttpError(400, "表单有误：缺少名单文件（字段 file）");
      const collegeInput = (form.fields.get("college") ?? "").trim();
      if (!collegeInput) throw new HttpError(400, "表单有误：缺少学院（字段 college）");
      const inForce = await campaigns.current();
      // Checked exactly as a pane checks: the served campaign (no recipient from the campaign file) and the
      // college's stored profile, so a list the pane finds clean is accepted.
      const recipient = config.submitToOverride ?? inForce.campaign.submitTo;
      const campaign = publicCampaign(inForce.campaign, recipient);
      const found = findCollege(campaign, collegeInput);
      if (!found) throw new HttpError(400, "表单有误：学院名称不在本次采集的学院名单中");
      const college = found.name;
      await guard.authorize(req, college);
      await guard.countSubmission(req);

      // The contact defaults to the profile the college keeps on the server (the CLI's send without --sender-*).
      const profile = await profiles.get(college);
      const parsed = submissionFormSchema.safeParse({
        college,
        senderName: form.fields.get("senderName") || profile?.secretaryName || "",
        senderEmail: form.fields.get("senderEmail") || profile?.email || "",
        senderPhone:
          form.fields.get("senderPhone") || (form.fields.get("senderName") ? undefined : profile?.mobile),
        campaignVersion: form.fields.get("campaignVersion") || undefined,
      });
      if (!parsed.success) throw new HttpError(400, `表单有误：${parsed.error.issues[0].message}`);
      const { senderName, senderEmail, senderPhone, campaignVersion } = parsed.data;

      const bytes = form.file;
      const checkedWith = { college, campaign, ...(profile ? { profile } : {}) };
      const verdict = await uploads.check(bytes, checkedWith, config.maxRows);
      if (!verdict.ok) {
        const { summary } = verdict;
        logger.info(
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
        // A client that checked with another campaign learns so, and can load the new one and check again.
        const changed = verdict.status === 422 && !!campaignVersion && campaignVersion !== inForce.version;
        throw new HttpError(verdict.status, verdict.message, {
          ...(verdict.problems ? { problems: verdict.problems } : {}),
          ...(summary
            ? {
                summary: {
                  rows: summary.rows,
                  errors: summary.errors,
                  warnings: summary.warnings,
                  ...(summary.defaultMode ? { defaultMode: summary.defaultMode } : {}),
                },
              }
            : {}),
          ...(verdict.status === 422 ? { campaignVersion: inForce.version, campaignChanged: changed } : {}),
        });
      }
      const { summary } = verdict;

      const uploadSha256 = sha256Hex(bytes);
      const createdAt = now();
      const day = shanghaiDay(createdAt);
      const id = submissionId(college, day, uploadSha256);
      let created = false;
      let requeued = false;
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
          byBatch: summary.byBatch,
          createdAt: createdAt.toISOString(),
          day,
          campaign,
          campaignVersion: inForce.version,
          ...(profile ? { profile: withoutStamp(profile) } : {}),
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
      // The same file again after the mail server refused it for good: send it again, and say so.
      if (!created) requeued = (await sender.retry(id)) === "requeued";
      const body = toStatusBody(await outbox.readMeta(id), await outbox.readState(id), recipient);
      logger.info(
        { id, college, headCount: body.headCount, duplicate: !created, requeued, rows: summary.rows },
        created
          ? "submission accepted"
          : requeued
            ? "failed submission posted again"
            : "duplicate submission",
      );
      const answer: AcceptedBody = {
        ...body,
        duplicate: !created,
        ...(requeued ? { requeued } : {}),
        message: created
          ? "已受理，正在发送"
          : requeued
            ? "这份名单今天提交过但未能发出，现已重新排队发送"
            : "这份名单今天已经提交过，未重复发送",
      };
      return reply.code(202).send(answer);
    },
  );

  /** The submission `id` names, for the key of its own college; anything else is 401/404 alike. */
  async function ownSubmission(req: FastifyRequest<{ Params: { id: string } }>): Promise<SubmissionMeta> {
    await guard.screen(req);
    const { id } = req.params;
    if (!isSubmissionId(id) || !(await outbox.has(id))) {
      const key = accessKeyOf(req) ?? "";
      if (!keys.recentlyVerified(key)) {
        await guard.failed(req);
        // Spend the same time as a key check, so probing ids tells nothing.
        await keys.verify("", key);
      }
      throw new HttpError(404, "没有这个提交编号（可能已超过保存期限被删除）");
    }
    const meta = await outbox.readMeta(id);
    await guard.authorize(req, meta.college);
    return meta;
  }

  app.get<{ Params: { id: string } }>("/api/submissions/:id", async (req, reply: FastifyReply) => {
    const meta = await ownSubmission(req);
    await guard.countRead(req);
    return reply.send(toStatusBody(meta, await outbox.readState(meta.id), await submitTo()));
  });

  // An operator (or the college itself) sends a failed submission again.
  app.post<{ Params: { id: string } }>("/api/submissions/:id/retry", async (req, reply: FastifyReply) => {
    const meta = await ownSubmission(req);
    await guard.countSubmission(req);
    const result = await sender.retry(meta.id);
    const body = toStatusBody(meta, await outbox.readState(meta.id), await submitTo());
    if (result !== "requeued")
      throw new HttpError(409, "这份名单没有发送失败，无需重新发送", { submission: body });
    const answer: AcceptedBody = { ...body, duplicate: true, requeued: true, message: "已重新排队发送" };
    return reply.code(202).send(answer);
  });
}
