import { createHash } from "node:crypto";
import type { FastifyReply } from "fastify";
import { HttpError } from "../httpErrors";
import { shanghaiDay } from "../outbox";
import { actorOf, type DeskContext } from "./deskContext";
import { reminderInputSchema, type ReminderAnswer } from "./deskTypes";
import { reminderText } from "./reminderMail";

/**
 * POST /api/desk/reminders: e-mails every college of the campaign that has not submitted, through the
 * outbox and the sender (retries, history), to the e-mail of its profile held on the server only.
 * { dryRun: true } (or no body) lists the recipients and sends nothing. One reminder per college and
 * day: pressing the button twice does not mail anyone twice.
 */

function reminderId(college: string, day: string, email: string): string {
  return createHash("sha256").update(`reminder\n${college}\n${day}\n${email}`).digest("hex").slice(0, 24);
}

export function registerDeskReminderRoutes(ctx: DeskContext): void {
  const { app, guard, queries, profiles, campaigns, outbox, sender, audit, logger, now } = ctx;

  app.post("/api/desk/reminders", async (req, reply: FastifyReply) => {
    const user = await guard.authorize(req);
    const parsed = reminderInputSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, "请求有误：dryRun 应为 true 或 false");
    const dryRun = parsed.data.dryRun ?? true;
    const { campaign } = await campaigns.current();
    const latest = queries.latestByCollege();
    const stored = profiles.all();
    const answer: ReminderAnswer = { dryRun, recipients: [], missing: [] };
    for (const { name } of campaign.colleges) {
      if (latest.has(name)) continue;
      const profile = stored.get(name);
      if (profile?.email)
        answer.recipients.push({ college: name, email: profile.email, secretaryName: profile.secretaryName });
      else answer.missing.push(name);
    }
    if (dryRun) return reply.send(answer);

    const at = now();
    const day = shanghaiDay(at);
    const ids: string[] = [];
    const alreadyToday: string[] = [];
    for (const r of answer.recipients) {
      const id = reminderId(r.college, day, r.email);
      const created = await outbox.createReminder(
        {
          id,
          college: r.college,
          recipient: r.email,
          ...reminderText(campaign, r.college, r.secretaryName),
          requestedBy: user.name,
          createdAt: at.toISOString(),
        },
        { status: "queued", attempts: 0, permanentFailures: 0, updatedAt: at.toISOString() },
      );
      if (!created) {
        alreadyToday.push(r.college);
        continue;
      }
      ids.push(id);
      sender.enqueue(id);
    }
    audit.record({
      at: at.toISOString(),
      actor: actorOf(user),
      action: "reminders.send",
      detail: `${ids.length} 个学院`,
    });
    logger.info(
      {
        queued: ids.length,
        alreadyToday: alreadyToday.length,
        missing: answer.missing.length,
        desk: user.name,
      },
      "desk: reminders queued",
    );
    return reply.code(202).send({ ...answer, queued: ids.length, alreadyToday, ids });
  });
}
