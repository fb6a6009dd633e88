import { registerDeskAuditRoutes } from "./auditRoutes";
import { registerDeskCollegeRoutes } from "./collegeRoutes";
import type { DeskContext } from "./deskContext";
import { registerDeskExportRoutes } from "./exportRoutes";
import { registerDeskReminderRoutes } from "./reminderRoutes";
import { registerDeskSchoolListRoutes } from "./schoolListRoutes";

/** Every /api/desk/ endpoint (the graduate school's desk, issue 10); each needs a desk key. */
export function registerDeskRoutes(ctx: DeskContext): void {
  registerDeskCollegeRoutes(ctx);
  registerDeskExportRoutes(ctx);
  registerDeskAuditRoutes(ctx);
  registerDeskReminderRoutes(ctx);
  registerDeskSchoolListRoutes(ctx);
}
