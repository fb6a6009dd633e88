import type { FastifyReply } from "fastify";
import { crossCollegeDuplicates } from "../../domain/merge";
import type { Campaign } from "../../domain";
import { HttpError } from "../httpErrors";
import { XLSX_TYPE } from "../mail";
import { isSubmissionId } from "../outbox";
import { actorOf, attachmentHeader, type DeskContext } from "./deskContext";
import type { DeskDuplicate } from "./deskTypes";
import { latestSubmissions as latestOf } from "./latestSubmissions";

/**
 * GET /api/desk/duplicates, GET /api/desk/export.xlsx and .csv (the merged list for Xinhua), GET
 * /api/desk/submissions/:id/file (one college's §5 list). The files hold every student's ID number:
 * each download is written to the audit log before it is sent.
 */

export function registerDeskExportRoutes(ctx: DeskContext): void {
  const { app, guard, payments, campaigns, outbox, uploads, audit, logger, now } = ctx;

  const latestSubmissions = (campaign: Campaign) => latestOf(ctx, campaign);

  app.get("/api/desk/duplicates", async (req): Promise<DeskDuplicate[]> => {
    await guard.authorize(req);
    const { campaign } = await campaigns.current();
    return crossCollegeDuplicates(await latestSubmissions(campaign));
  });

  for (const format of ["xlsx", "csv"] as const) {
    app.get(`/api/desk/export.${format}`, async (req, reply: FastifyReply) => {
      const user = await guard.authorize(req);
      const { campaign } = await campaigns.current();
      const submissions = await latestSubmissions(campaign);
      const paid = [...payments.totals()].map(([college, t]): [string, number] => [college, t.amount]);
      const bytes = await uploads.merged({ format, campaign, submissions, payments: paid });
      const students = submissions.reduce((n, s) => n + s.rows.length, 0);
      const name = `${campaign.school.code}${campaign.school.name}_${campaign.listTitle}_合并名单_${students}人.${format}`;
      audit.record({
        at: now().toISOString(),
        actor: actorOf(user),
        action: format === "xlsx" ? "export.xlsx" : "export.csv",
        detail: `${submissions.length} 个学院，${students} 人`,
      });
      logger.info(
        { format, colleges: submissions.length, students, desk: user.name },
        "desk: merged list downloaded",
      );
      return reply
        .header("Content-Type", format === "xlsx" ? XLSX_TYPE : "text/csv; charset=gb18030")
        .header("Content-Disposition", attachmentHeader(name, `merged.${format}`))
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
  }

  app.get<{ Params: { id: string } }>("/api/desk/submissions/:id/file", async (req, reply: FastifyReply) => {
    const user = await guard.authorize(req);
    const { id } = req.params;
    if (!isSubmissionId(id) || !(await outbox.has(id)))
      throw new HttpError(404, "没有这个提交编号（可能已超过保存期限被删除）");
    const meta = await outbox.readMeta(id);
    // The attachment as mailed; not built yet (still queued): the upload as the college sent it.
    const bytes = (await outbox.readAttachment(id)) ?? (await outbox.readUpload(id));
    audit.record({
      at: now().toISOString(),
      actor: actorOf(user),
      action: "submission.download",
      college: meta.college,
      submissionId: id,
      detail: meta.fileName,
    });
    logger.info({ id, college: meta.college, desk: user.name }, "desk: submission downloaded");
    return reply
      .header("Content-Type", XLSX_TYPE)
      .header("Content-Disposition", attachmentHeader(meta.fileName, `${id}.xlsx`))
      .send(bytes);
  });
}
