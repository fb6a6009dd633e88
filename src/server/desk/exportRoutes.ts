import type { FastifyReply } from "fastify";
import { crossCollegeDuplicates, type CollegeSubmission } from "../../domain/merge";
import type { Campaign } from "../../domain";
import { HttpError } from "../httpErrors";
import { XLSX_TYPE } from "../mail";
import { isSubmissionId } from "../outbox";
import { actorOf, attachmentHeader, type DeskContext } from "./deskContext";
import type { DeskDuplicate } from "./deskTypes";

/**
 * GET /api/desk/duplicates, GET /api/desk/export.xlsx and .csv (the merged list for Xinhua), GET
 * /api/desk/submissions/:id/file (one college's §5 list). The files hold every student's ID number:
 * each download is written to the audit log before it is sent.
 */

export function registerDeskExportRoutes(ctx: DeskContext): void {
  const { app, guard, queries, payments, campaigns, outbox, uploads, rows, audit, logger, now } = ctx;

  /**
   * Every campaign college's latest submission, as rows. A college whose stored list cannot be read is
   * never silently left out of Xinhua's list or the duplicate check: 409 naming it.
   */
  async function latestSubmissions(campaign: Campaign): Promise<CollegeSubmission[]> {
    const latest = queries.latestByCollege();
    const metas = campaign.colleges.flatMap((c) => latest.get(c.name)?.meta ?? []);
    const sheets = await Promise.all(metas.map((m) => rows.of(m)));
    const unreadable = metas.filter((_m, i) => !sheets[i]).map((m) => m.college);
    if (unreadable.length)
      throw new HttpError(
        409,
        `服务器上${unreadable.join("、")}最新提交的名单文件无法读取，未能合并；请该学院重新提交后再试`,
        { colleges: unreadable },
      );
    return sheets as CollegeSubmission[];
  }

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
