import { z } from "zod";
import type { CrossCollegeDuplicate, SubmissionDiff } from "../../domain/merge";

/**
 * The desk API (issue 10), with the desk key in X-Access-Key: request bodies declared with zod, answers
 * as types (the desk page reads them field by field, see src/desk/deskApi.ts). Documented with exact
 * examples in src/server/README.md ("The graduate school's desk").
 */

export type DeskStatus = "none" | "queued" | "sent" | "failed";

/** GET /api/desk/colleges: one per college of the campaign in force, in its order. */
export interface DeskCollege {
  college: string;
  status: DeskStatus;
  /** Head count of the latest submission (0 without one). */
  students: number;
  /** 元: the latest submission's fee (students × feePerPerson). */
  feeDue: number;
  /** 元 registered at the desk (0 without payments). */
  feePaid: number;
  /** feeDue − feePaid. */
  balance: number;
  /** 拍照凭证 handed out. */
  vouchers: number;
  /** The latest submission: when (ISO 8601), its id, how many the college sent in all. */
  submittedAt?: string;
  submissionId?: string;
  submissions: number;
  byLevel: Record<string, number>;
  byMode: Record<string, number>;
  byBatch: Record<string, number>;
  /** Chinese, when the latest submission failed or is being retried. */
  error?: string;
  /** Whether the college keeps a profile (with the reminders' e-mail) on the server. */
  hasProfile: boolean;
}

/** GET /api/desk/colleges/:college/submissions: newest first. */
export interface DeskSubmission {
  id: string;
  submittedAt: string;
  students: number;
  status: Exclude<DeskStatus, "none">;
  feeDue: number;
  fileName: string;
  senderName: string;
  attempts: number;
  sentAt?: string;
  error?: string;
  /** Every state it went through, oldest first. */
  history: {
    at: string;
    status: "queued" | "sending" | "sent" | "failed";
    attempts: number;
    error?: string;
  }[];
  /** Against the college's previous submission (absent on its first, or when either file is unreadable). */
  changes?: SubmissionDiff;
}

/** GET /api/desk/duplicates: the engine's report over every college's latest submission. */
export type DeskDuplicate = CrossCollegeDuplicate;

export const paymentInputSchema = z.object({
  /** 元; negative corrects an earlier entry. */
  amount: z
    .number({ message: "请填写金额（元）" })
    .finite()
    .refine((n) => n !== 0 && Math.abs(n) <= 10_000_000, { message: "金额应不为 0，且不超过 1000 万元" })
    .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { message: "金额最多精确到分" }),
  vouchers: z
    .number({ message: "请填写发放的拍照凭证张数" })
    .int({ message: "拍照凭证张数应为整数" })
    .min(-100_000)
    .max(100_000),
  /** Who took the payment at the desk. */
  by: z.string().trim().min(1, { message: "请填写经办人" }).max(40, { message: "经办人姓名过长" }),
  /** When it was paid (ISO 8601); default: now. */
  paidAt: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), { message: "缴费时间格式不对" })
    .optional(),
  note: z.string().trim().max(200, { message: "备注过长（最多 200 字）" }).optional(),
});
export type PaymentBody = z.infer<typeof paymentInputSchema>;

export const reminderInputSchema = z.object({
  /** true or absent: only list the recipients; false: send. */
  dryRun: z.boolean().optional(),
});

export interface ReminderAnswer {
  dryRun: boolean;
  /** Colleges that have not submitted and keep an e-mail on the server. */
  recipients: { college: string; email: string; secretaryName: string }[];
  /** Colleges that have not submitted and keep no profile: no reminder can reach them. */
  missing: string[];
  /** Sent only: reminders queued now, and colleges already reminded today (not again). */
  queued?: number;
  alreadyToday?: string[];
  ids?: string[];
}

/** GET /api/desk/audit: newest first. */
export interface DeskAuditEntry {
  seq: number;
  at: string;
  /** The desk key's name and the client's address. */
  who: string;
  /** Chinese, for the table; `code` is the machine name. */
  action: string;
  code: string;
  /** What was downloaded or whom it concerned. */
  target: string;
}
