import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { findCollege } from "../../domain";
import type { AuditLog } from "../db/auditLog";
import type { DeskQueries } from "../db/deskQueries";
import type { PaymentStore } from "../db/paymentStore";
import type { SqliteProfileStore } from "../db/profileStore";
import type { CampaignSource } from "../campaignSource";
import { HttpError } from "../httpErrors";
import type { Outbox } from "../outbox";
import type { Sender } from "../sender";
import type { UploadService } from "../uploadService";
import type { DeskGuard } from "./deskAuth";
import type { SchoolListStore } from "./schoolListStore";
import type { SubmissionRows } from "./submissionRows";

/** What every desk route file is given. */
export interface DeskContext {
  app: FastifyInstance;
  guard: DeskGuard;
  outbox: Outbox;
  sender: Sender;
  queries: DeskQueries;
  payments: PaymentStore;
  profiles: SqliteProfileStore;
  audit: AuditLog;
  campaigns: CampaignSource;
  uploads: UploadService;
  rows: SubmissionRows;
  /** The school-wide roster and already-captured list (DATA_DIR/desk/). */
  schoolLists: SchoolListStore;
  /** MAX_UPLOAD_BYTES (a school-wide list may be LIST_SIZE_FACTOR times that). */
  maxUploadBytes: number;
  logger: Logger;
  now: () => Date;
}

export const UNKNOWN_COLLEGE = "没有这个学院：学院名称不在本次采集的学院名单中";

/** The college a path names, as the campaign in force names it (an alias is accepted); 404 otherwise. */
export async function campaignCollege(campaigns: CampaignSource, name: string): Promise<string> {
  const { campaign } = await campaigns.current();
  const found = findCollege(campaign, name.trim());
  if (!found) throw new HttpError(404, UNKNOWN_COLLEGE);
  return found.name;
}

/** "研究生院（127.0.0.1）": the audit log's who. */
export function actorOf(user: { name: string; address: string }): string {
  return `${user.name}（${user.address}）`;
}

/** Content-Disposition for a download with a Chinese name (RFC 6266: an ASCII fallback, then UTF-8). */
export function attachmentHeader(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
