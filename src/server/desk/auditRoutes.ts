import { z } from "zod";
import type { AuditAction, AuditEntry } from "../db/auditLog";
import { HttpError } from "../httpErrors";
import type { DeskContext } from "./deskContext";
import type { DeskAuditEntry } from "./deskTypes";

/** GET /api/desk/audit?limit=&before=: who downloaded what, newest first. */

const ACTIONS: Record<AuditAction, string> = {
  "export.xlsx": "下载合并名单（Excel）",
  "export.csv": "下载合并名单（CSV）",
  "submission.download": "下载学院提交的名单",
  "reminders.send": "发送催报邮件",
  "roster.upload": "上传全校学籍名单",
  "roster.delete": "删除全校学籍名单",
  "captured.upload": "上传已采集名单",
  "captured.delete": "删除已采集名单",
};

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

export function toDeskAudit(e: AuditEntry): DeskAuditEntry {
  const target = e.action === "submission.download" ? `${e.college ?? ""} ${e.detail ?? ""}` : e.detail;
  return {
    seq: e.seq,
    at: e.at,
    who: e.actor,
    action: ACTIONS[e.action] ?? e.action,
    code: e.action,
    target: (target ?? "").trim(),
  };
}

export function registerDeskAuditRoutes(ctx: DeskContext): void {
  const { app, guard, audit } = ctx;
  app.get("/api/desk/audit", async (req): Promise<DeskAuditEntry[]> => {
    await guard.authorize(req);
    const q = querySchema.safeParse(req.query ?? {});
    if (!q.success) throw new HttpError(400, "查询参数有误：limit 应为 1–500，before 应为记录编号");
    return audit.list(q.data.limit, q.data.before).map(toDeskAudit);
  });
}
