import { z } from "zod";
import type { Problem } from "../domain/problems";
import { EMAIL_PATTERN } from "../domain/profile";

/**
 * The submissions API (SPEC §8), declared once with zod: the server validates the form with these
 * schemas and the pane's send client and the CLI's `send` import the inferred types (type-only
 * imports, so the pane pulls in neither zod nor any server code).
 */

const CONTROL = /[\u0000-\u001f\u007f]/;

/** The text fields of POST /api/submissions (the file travels beside them as "file"). */
export const submissionFormSchema = z.object({
  college: z.string().trim().min(1, { message: "缺少学院（字段 college）" }),
  senderName: z
    .string()
    .trim()
    .min(1, { message: "请填写联系人（研究生秘书）姓名" })
    .max(40, { message: "请填写联系人（研究生秘书）姓名" })
    .refine((v) => !CONTROL.test(v), { message: "请填写联系人（研究生秘书）姓名" }),
  senderEmail: z
    .string()
    .trim()
    .max(254, { message: "请填写有效的联系人电子邮箱" })
    .regex(EMAIL_PATTERN, { message: "请填写有效的联系人电子邮箱" }),
  senderPhone: z
    .string()
    .trim()
    .regex(/^(?:[0-9+\- ]{5,20})?$/, { message: "联系电话格式不对" })
    .optional(),
  /** The campaign version the client checked with (GET /api/campaign); a 422 then says if it changed. */
  campaignVersion: z.string().max(64).optional(),
});
export type SubmissionForm = z.infer<typeof submissionFormSchema>;

/** What a status answer (and a 202) says; "sending" is internal and shows as "queued". */
export const submissionStatusSchema = z.object({
  id: z.string(),
  status: z.enum(["queued", "sent", "failed"]),
  attempts: z.number().int(),
  messageId: z.string().optional(),
  error: z.string().optional(),
  note: z.string().optional(),
  delivery: z.enum(["smtp", "outbox"]).optional(),
  college: z.string(),
  headCount: z.number().int(),
  feeTotal: z.number(),
  fileName: z.string(),
  submitTo: z.string(),
});
export type SubmissionStatusBody = z.infer<typeof submissionStatusSchema>;

/**
 * A 202: the status, whether this file was already submitted today, whether a failed submission was
 * queued again (a re-post of it, or an operator's retry), and a Chinese message.
 */
export const acceptedSchema = submissionStatusSchema.extend({
  duplicate: z.boolean(),
  requeued: z.boolean().optional(),
  message: z.string(),
});
export type AcceptedBody = z.infer<typeof acceptedSchema>;

/** Every refusal: a Chinese message; a 422 also carries the engine's problems. */
export const errorSchema = z.object({
  status: z.number().int().optional(),
  message: z.string(),
  problems: z.array(z.custom<Problem>()).optional(),
  retryAfter: z.number().int().optional(),
  /** A 422: the server's campaign version, and whether it differs from the form's `campaignVersion`. */
  campaignVersion: z.string().optional(),
  campaignChanged: z.boolean().optional(),
  /** A 422: the summary of the server's check (and its note when the list has no 采集方式 column). */
  summary: z
    .object({
      rows: z.number().int(),
      errors: z.number().int(),
      warnings: z.number().int(),
      defaultMode: z.string().optional(),
    })
    .optional(),
});
export type ErrorBody = z.infer<typeof errorSchema>;

/** Any answer, as a client that has not looked at the status code yet must read it. */
export type AnyBody = Partial<AcceptedBody> & Partial<ErrorBody>;

/**
 * GET /api/campaign (no key): the campaign the server checks with, defaults applied and colleges
 * merged, without any secretary's name, phone or e-mail. `campaign` is valid input for parseCampaign
 * (the pane and the CLI parse it again, so a client never trusts an unchecked document).
 * `version` changes whenever the campaign does (sha-256 of its canonical JSON, 16 hex digits);
 * `source` says whether the graduate school's CAMPAIGN file or the built-in default is in force;
 * `loadedAt` is when the server last (re)read it; `submitTo` is the one recipient the server sends to.
 */
export const campaignAnswerSchema = z.object({
  campaign: z.record(z.string(), z.unknown()),
  version: z.string(),
  source: z.enum(["file", "default"]),
  loadedAt: z.string(),
  submitTo: z.string(),
});
export type CampaignAnswer = z.infer<typeof campaignAnswerSchema>;

/**
 * PUT /api/colleges/:college/profile, with that college's key: the secretary's profile. The college
 * comes from the path (and must be the key's); the fields are checked with validateProfile
 * (src/domain/profile.ts), the same checks as the pane's form.
 */
export const profileInputSchema = z.object({
  secretaryName: z.string().max(200),
  mobile: z.string().max(40),
  email: z.string().max(300),
  mailAddress: z.string().max(400),
});
export type ProfileInput = z.infer<typeof profileInputSchema>;

/** GET and PUT answer: the stored profile (null when the college has none yet) and when it was saved. */
export interface ProfileAnswer {
  college: string;
  profile: {
    college: string;
    secretaryName: string;
    mobile: string;
    email: string;
    mailAddress: string;
  } | null;
  updatedAt?: string;
}
