import { z } from "zod";
import type { Problem } from "../domain/problems";

/**
 * The submissions API (SPEC §8), declared once with zod: the server validates the form with these
 * schemas and the pane's send client and the CLI's `send` import the inferred types (type-only
 * imports, so the pane pulls in neither zod nor any server code).
 */

const SIMPLE_EMAIL = /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\]+$/;
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
    .regex(SIMPLE_EMAIL, { message: "请填写有效的联系人电子邮箱" }),
  senderPhone: z
    .string()
    .trim()
    .regex(/^(?:[0-9+\- ]{5,20})?$/, { message: "联系电话格式不对" })
    .optional(),
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
});
export type ErrorBody = z.infer<typeof errorSchema>;

/** Any answer, as a client that has not looked at the status code yet must read it. */
export type AnyBody = Partial<AcceptedBody> & Partial<ErrorBody>;
