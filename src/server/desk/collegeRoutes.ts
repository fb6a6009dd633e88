import type { FastifyReply } from "fastify";
import { diffSubmissions } from "../../domain/merge";
import { HttpError } from "../httpErrors";
import { collegeTable, deskStatus } from "./collegeTable";
import { campaignCollege, type DeskContext } from "./deskContext";
import { paymentInputSchema, type DeskCollege, type DeskSubmission } from "./deskTypes";

/**
 * GET /api/desk/colleges, GET /api/desk/colleges/:college/submissions, GET and POST
 * /api/desk/colleges/:college/payments, POST /api/desk/colleges/:college/retry.
 */

type CollegeParams = { Params: { college: string } };

export function registerDeskCollegeRoutes(ctx: DeskContext): void {
  const { app, guard, queries, payments, profiles, campaigns, outbox, sender, rows, logger, now } = ctx;

  async function table(): Promise<DeskCollege[]> {
    const { campaign } = await campaigns.current();
    const latest = queries.latestByCollege();
    return collegeTable(
      campaign,
      latest,
      queries.countsByCollege(),
      payments.totals(),
      new Set(profiles.all().keys()),
    );
  }

  app.get("/api/desk/colleges", async (req) => {
    await guard.authorize(req);
    return table();
  });

  app.get<CollegeParams>("/api/desk/colleges/:college/submissions", async (req) => {
    await guard.authorize(req);
    const college = await campaignCollege(campaigns, req.params.college);
    const list = queries.submissionsOf(college);
    // Each against the one before it (the list is newest first); the rows come from the worker, cached.
    // A file that cannot be read (or a worker that failed) only leaves that entry without changes.
    const sheets = await Promise.all(
      list.map((s) =>
        rows.of(s.meta).catch((err: unknown) => {
          logger.warn({ id: s.meta.id, errName: (err as Error).name }, "desk: submission rows unavailable");
          return undefined;
        }),
      ),
    );
    return list.map(({ meta, state }, i): DeskSubmission => {
      const older = sheets[i + 1];
      const newer = sheets[i];
      const entry: DeskSubmission = {
        id: meta.id,
        submittedAt: meta.createdAt,
        students: meta.headCount,
        status: deskStatus(state.status),
        feeDue: meta.feeTotal,
        fileName: meta.fileName,
        senderName: meta.senderName,
        attempts: state.attempts,
        history: outbox.history(meta.id),
      };
      if (state.sentAt) entry.sentAt = state.sentAt;
      if (state.lastError && state.status !== "sent") entry.error = state.lastError;
      if (older && newer) entry.changes = diffSubmissions(older, newer);
      return entry;
    });
  });

  app.get<CollegeParams>("/api/desk/colleges/:college/payments", async (req) => {
    await guard.authorize(req);
    return payments.list(await campaignCollege(campaigns, req.params.college));
  });

  app.post<CollegeParams>("/api/desk/colleges/:college/payments", async (req, reply: FastifyReply) => {
    const user = await guard.authorize(req);
    const college = await campaignCollege(campaigns, req.params.college);
    const parsed = paymentInputSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, `缴费登记有误：${parsed.error.issues[0].message}`);
    const { amount, vouchers, by, paidAt, note } = parsed.data;
    const at = now();
    const payment = payments.add(
      {
        college,
        amount,
        vouchers,
        paidBy: by,
        paidAt: paidAt ? new Date(paidAt).toISOString() : at.toISOString(),
        ...(note ? { note } : {}),
      },
      at,
    );
    logger.info({ college, seq: payment.seq, desk: user.name }, "desk: payment registered");
    const entry = (await table()).find((c) => c.college === college);
    return reply.code(201).send({ payment, college: entry });
  });

  app.post<CollegeParams>("/api/desk/colleges/:college/retry", async (req, reply: FastifyReply) => {
    const user = await guard.authorize(req);
    const college = await campaignCollege(campaigns, req.params.college);
    const latest = queries.submissionsOf(college)[0];
    if (!latest) throw new HttpError(404, "该学院还没有提交名单");
    const result = await sender.retry(latest.meta.id);
    if (result !== "requeued")
      throw new HttpError(409, "该学院最近一次提交没有发送失败，无需重新发送", { id: latest.meta.id });
    logger.info({ college, id: latest.meta.id, desk: user.name }, "desk: failed submission queued again");
    return reply.code(202).send({ id: latest.meta.id, status: "queued", message: "已重新排队发送" });
  });
}
