/**
 * Every request the graduate school's desk page makes, and the JSON it expects back: one module, so that
 * adapting the page to the server's final answers is one edit. The desk key travels in X-Access-Key.
 * Nothing here throws: each call answers `{ ok: true, value }` or `{ ok: false, status, message }`
 * with a Chinese message (status 0: the server could not be reached).
 */

import {
  bodyOf,
  CJK,
  fileNameFrom,
  isObj,
  listOf,
  MESSAGES,
  num,
  refusal,
  str,
  type DeskFetch,
  type DeskResponse,
} from "./http";
import { schoolListCalls } from "./schoolListsApi";

export { fileNameFrom, MESSAGES, type DeskFetch, type DeskResponse };

export type SendStatus = "none" | "queued" | "sent" | "failed";
export type Breakdown = Record<string, number>;

/** GET /api/desk/colleges: one entry per college of the campaign. */
export interface CollegeRow {
  college: string;
  status: SendStatus;
  students: number;
  /** 元 */
  feeDue: number;
  /** 元 */
  feePaid: number;
  submittedAt?: string;
  byLevel?: Breakdown;
  byMode?: Breakdown;
  byBatch?: Breakdown;
  /** 拍照凭证 handed out at the fee desk (absent: the server does not say). */
  vouchers?: number;
  /** Why the latest submission failed (Chinese), when it did. */
  error?: string;
}

/** A student named in a resubmission's changes (the merge engine's DiffStudent fits). */
export interface StudentBrief {
  name: string;
  studentNo: string;
}

export interface StudentChanges {
  studentNo: string;
  name: string;
  fields: { field: string; before: string; after: string }[];
}

/** What a submission changed against the one before it. */
export interface SubmissionChanges {
  added: StudentBrief[];
  removed: StudentBrief[];
  changed: StudentChanges[];
}

/** GET /api/desk/colleges/:college/submissions: one entry per submission. */
export interface SubmissionEntry {
  id: string;
  submittedAt: string;
  students: number;
  status: Exclude<SendStatus, "none">;
  /** Absent on a college's first submission. */
  changes?: SubmissionChanges;
}

/** A row of a cross-college duplicate: the merge engine's StudentRef (name and IDs when the server sends them). */
export interface DuplicateRow {
  college: string;
  row?: number;
  name?: string;
  studentNo?: string;
  idNumber?: string;
}

/** GET /api/desk/duplicates */
export interface DuplicateGroup {
  key: "studentNo" | "idNumber";
  value?: string;
  colleges: string[];
  rows: DuplicateRow[];
}

/** POST /api/desk/colleges/:college/payments (amount in 元). */
export interface PaymentInput {
  amount: number;
  vouchers: number;
  by: string;
  note?: string;
}

/** POST /api/desk/reminders with dryRun: true. */
export interface ReminderPreview {
  recipients: { college: string; email: string }[];
  /** Colleges that have not submitted and have no stored e-mail. */
  missing: string[];
}

/** POST /api/desk/reminders with dryRun: false. */
export interface RemindersSent {
  queued: number;
  /** Colleges already reminded today: not reminded again. */
  alreadyToday: string[];
}

/** GET /api/desk/audit */
export interface AuditEntry {
  at: string;
  who: string;
  action: string;
  target: string;
}

/** What the page reads of GET /api/campaign (no key needed). */
export interface CampaignFacts {
  submitDeadline?: string;
  cohort?: string;
  school?: string;
}

export interface SavedFile {
  blob: Blob;
  fileName: string;
}

export type DeskResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

export const DESK_PATHS = {
  campaign: "/api/campaign",
  colleges: "/api/desk/colleges",
  submissions: (college: string) => `/api/desk/colleges/${encodeURIComponent(college)}/submissions`,
  retry: (college: string) => `/api/desk/colleges/${encodeURIComponent(college)}/retry`,
  payments: (college: string) => `/api/desk/colleges/${encodeURIComponent(college)}/payments`,
  duplicates: "/api/desk/duplicates",
  reminders: "/api/desk/reminders",
  exportXlsx: "/api/desk/export.xlsx",
  exportCsv: "/api/desk/export.csv",
  /** One college's submission as mailed (the history dialog's download). */
  submissionFile: (id: string) => `/api/desk/submissions/${encodeURIComponent(id)}/file`,
  audit: "/api/desk/audit",
} as const;

/** File names used when the answer names none (Content-Disposition). */
export const EXPORT_NAMES = { xlsx: "合并名单.xlsx", csv: "合并名单.csv" } as const;

// ---- readers: each answer is checked field by field; a wrong shape is "无法识别", never a crash ----

const STATUSES: readonly string[] = ["none", "queued", "sent", "failed"];

function breakdown(v: unknown): Breakdown | undefined {
  if (!isObj(v)) return undefined;
  const out: Breakdown = {};
  for (const [k, n] of Object.entries(v)) if (num(n) !== undefined) out[k] = n as number;
  return out;
}

export function readCollege(v: unknown): CollegeRow | undefined {
  if (!isObj(v)) return undefined;
  const college = str(v.college);
  const status = str(v.status);
  const students = num(v.students);
  const feeDue = num(v.feeDue);
  if (!college || !status || !STATUSES.includes(status) || students === undefined || feeDue === undefined)
    return undefined;
  return {
    college,
    status: status as SendStatus,
    students,
    feeDue,
    // No payment registered yet may come as 0 or as nothing.
    feePaid: num(v.feePaid) ?? 0,
    submittedAt: str(v.submittedAt) || undefined,
    byLevel: breakdown(v.byLevel),
    byMode: breakdown(v.byMode),
    byBatch: breakdown(v.byBatch),
    vouchers: num(v.vouchers),
    // Shown on the desk only when it is a Chinese reason (never an SMTP server's English).
    error: CJK.test(str(v.error) ?? "") ? str(v.error) : undefined,
  };
}

function readStudent(v: unknown): StudentBrief | undefined {
  if (!isObj(v)) return undefined;
  return { name: str(v.name) ?? "", studentNo: str(v.studentNo) ?? "" };
}

function readChange(v: unknown): StudentChanges | undefined {
  if (!isObj(v)) return undefined;
  // The engine's StudentChange names the student in before/after; the brief's shape names it directly.
  const who = isObj(v.after) ? v.after : v;
  const fields = listOf(v.fields, (f) => {
    if (!isObj(f)) return undefined;
    const field = str(f.field) ?? str(f.header) ?? str(f.key);
    if (!field) return undefined;
    return { field, before: String(f.before ?? ""), after: String(f.after ?? "") };
  });
  if (!fields) return undefined;
  return {
    studentNo: str(v.studentNo) ?? str(who.studentNo) ?? "",
    name: str(v.name) ?? str(who.name) ?? "",
    fields,
  };
}

function readChanges(v: unknown): SubmissionChanges | undefined {
  if (!isObj(v)) return undefined;
  const added = listOf(v.added ?? [], readStudent);
  const removed = listOf(v.removed ?? [], readStudent);
  const changed = listOf(v.changed ?? [], readChange);
  if (!added || !removed || !changed) return undefined;
  return { added, removed, changed };
}

export function readSubmission(v: unknown): SubmissionEntry | undefined {
  if (!isObj(v)) return undefined;
  const id = str(v.id) ?? (num(v.id) !== undefined ? String(v.id) : undefined);
  const submittedAt = str(v.submittedAt);
  const students = num(v.students);
  const status = str(v.status);
  if (
    !id ||
    !submittedAt ||
    students === undefined ||
    !status ||
    status === "none" ||
    !STATUSES.includes(status)
  )
    return undefined;
  const entry: SubmissionEntry = { id, submittedAt, students, status: status as SubmissionEntry["status"] };
  if (v.changes !== undefined && v.changes !== null) {
    const changes = readChanges(v.changes);
    if (!changes) return undefined;
    entry.changes = changes;
  }
  return entry;
}

function readDuplicateRow(v: unknown): DuplicateRow | undefined {
  if (!isObj(v)) return undefined;
  // {college, row: 12, name, …} (StudentRef) or {college, row: {name, studentNo, idNumber, row?}}.
  const inner = isObj(v.row) ? v.row : v;
  const college = str(v.college);
  if (!college) return undefined;
  return {
    college,
    row: num(v.row) ?? num(inner.row),
    name: str(inner.name),
    studentNo: str(inner.studentNo),
    idNumber: str(inner.idNumber),
  };
}

export function readDuplicate(v: unknown): DuplicateGroup | undefined {
  if (!isObj(v) || (v.key !== "studentNo" && v.key !== "idNumber")) return undefined;
  const colleges = listOf(v.colleges, str);
  const rows = listOf(v.rows, readDuplicateRow);
  if (!colleges || !rows) return undefined;
  return { key: v.key, value: str(v.value), colleges, rows };
}

function readPreview(v: unknown): ReminderPreview | undefined {
  if (!isObj(v)) return undefined;
  const recipients = listOf(v.recipients, (r) => {
    if (!isObj(r) || !str(r.college) || !str(r.email)) return undefined;
    return { college: r.college as string, email: r.email as string };
  });
  const missing = listOf(v.missing ?? [], (m) => str(m) ?? (isObj(m) ? str(m.college) : undefined));
  if (!recipients || !missing) return undefined;
  return { recipients, missing };
}

function readSent(v: unknown): RemindersSent | undefined {
  const queued = isObj(v) ? num(v.queued) : undefined;
  if (!isObj(v) || queued === undefined) return undefined;
  return { queued, alreadyToday: listOf(v.alreadyToday ?? [], str) ?? [] };
}

function readAudit(v: unknown): AuditEntry | undefined {
  if (!isObj(v) || !str(v.at)) return undefined;
  return {
    at: v.at as string,
    who: str(v.who) ?? "",
    action: str(v.action) ?? "",
    target: str(v.target) ?? "",
  };
}

function readCampaign(v: unknown): CampaignFacts | undefined {
  if (!isObj(v) || !isObj(v.campaign)) return undefined;
  const c = v.campaign;
  return {
    submitDeadline: str(c.submitDeadline),
    cohort: str(c.cohort),
    school: isObj(c.school) ? str(c.school.name) : undefined,
  };
}

export interface DeskApiOptions {
  fetchImpl: DeskFetch;
  accessKey: string;
  /** "" on the server's own origin (the page is served by it). */
  baseUrl?: string;
  /** Called on every 401/403: the key is wrong or no longer valid. */
  onUnauthorized?(): void;
}

export type DeskApi = ReturnType<typeof createDeskApi>;

export function createDeskApi(opts: DeskApiOptions) {
  const base = opts.baseUrl ?? "";

  async function send(path: string, init: RequestInit, keyed = true): Promise<DeskResult<DeskResponse>> {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
    if (keyed) headers["X-Access-Key"] = opts.accessKey;
    let res: DeskResponse;
    try {
      res = await opts.fetchImpl(base + path, { ...init, headers });
    } catch {
      return { ok: false, status: 0, message: MESSAGES.unreachable };
    }
    if (res.status >= 200 && res.status < 300) return { ok: true, value: res };
    if (keyed && (res.status === 401 || res.status === 403)) opts.onUnauthorized?.();
    return { ok: false, status: res.status, message: refusal(res.status, await bodyOf(res)) };
  }

  async function json<T>(
    path: string,
    read: (body: unknown) => T | undefined,
    init: RequestInit = {},
    keyed = true,
  ): Promise<DeskResult<T>> {
    const res = await send(path, init, keyed);
    if (!res.ok) return res;
    const value = read(await bodyOf(res.value));
    return value === undefined
      ? { ok: false, status: res.value.status, message: MESSAGES.unreadable }
      : { ok: true, value };
  }

  async function file(path: string, fallbackName: string): Promise<DeskResult<SavedFile>> {
    const res = await send(path, {});
    if (!res.ok) return res;
    try {
      const blob = await res.value.blob();
      const fileName = fileNameFrom(res.value.headers.get("Content-Disposition")) ?? fallbackName;
      return { ok: true, value: { blob, fileName } };
    } catch {
      // The connection dropped while the body was arriving.
      return { ok: false, status: 0, message: MESSAGES.unreachable };
    }
  }

  const post = (body: unknown): RequestInit => ({
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

  return {
    campaign: () => json(DESK_PATHS.campaign, readCampaign, {}, false),
    colleges: () => json(DESK_PATHS.colleges, (b) => listOf(b, readCollege)),
    submissions: (college: string) => json(DESK_PATHS.submissions(college), (b) => listOf(b, readSubmission)),
    duplicates: () => json(DESK_PATHS.duplicates, (b) => listOf(b, readDuplicate)),
    audit: () => json(DESK_PATHS.audit, (b) => listOf(b, readAudit)),
    /** The server's Chinese confirmation when it sends one. */
    retry: (college: string) =>
      json(DESK_PATHS.retry(college), (b) => (isObj(b) ? str(b.message) : undefined) ?? "", post({})),
    registerPayment: (college: string, payment: PaymentInput) =>
      json(DESK_PATHS.payments(college), () => true as const, post(payment)),
    previewReminders: () => json(DESK_PATHS.reminders, readPreview, post({ dryRun: true })),
    sendReminders: () => json(DESK_PATHS.reminders, readSent, post({ dryRun: false })),
    /** The merged list as a file, fetched with the key (a plain link could not send the header). */
    download: (kind: "xlsx" | "csv") =>
      file(kind === "xlsx" ? DESK_PATHS.exportXlsx : DESK_PATHS.exportCsv, EXPORT_NAMES[kind]),
    /** One submission's file (`fallbackName` when the answer names none). */
    downloadSubmission: (id: string, fallbackName: string) =>
      file(DESK_PATHS.submissionFile(id), fallbackName),
    /** The school-wide roster and already-captured lists (schoolListsApi.ts). */
    schoolLists: schoolListCalls(json),
  };
}
