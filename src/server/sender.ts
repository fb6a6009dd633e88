import { EventEmitter } from "node:events";
import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "pino";
import type { Campaign } from "../domain";
import type Mail from "nodemailer/lib/mailer";
import { reminderMail } from "./desk/reminderMail";
import { composeMail, type MailSettings } from "./mail";
import type { Outbox, SubmissionMeta, SubmissionState, SubmissionStatus } from "./outbox";

/**
 * The sender loop: works from the durable outbox, one attempt at a time per submission, retrying
 * with a doubling delay. Every state change is persisted before the next step.
 */

export interface SenderOptions {
  outbox: Outbox;
  /** SMTP_URL; when undefined the message is written as a .eml file to DATA_DIR/outbox. */
  smtpUrl?: string;
  mailFrom: string;
  /** The recipient and the campaign in force at the moment of each attempt (the campaign file may change). */
  mailSettings: () => Promise<{ submitTo: string; campaign: Campaign }>;
  retryBaseMs: number;
  retryMaxMs: number;
  logger: Logger;
  /** Builds the §5 attachment from the stored upload (done once, before the first attempt). */
  buildAttachment: (upload: Buffer, meta: SubmissionMeta) => Promise<Uint8Array>;
  concurrency?: number;
}

/** What one finished attempt left behind (emitted as "attempt", for the log and for tests). */
export interface AttemptOutcome {
  id: string;
  status: SubmissionStatus;
  attempts: number;
}

/** The result of an operator's (or a re-post's) request to send a submission again. */
export type RetryResult = "requeued" | "notFailed" | "missing";

/** Consecutive permanent (5xx) refusals after which a submission is marked failed. */
export const MAX_PERMANENT_FAILURES = 5;

export function retryDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
}

function describeFailure(err: SmtpError, failed: boolean): string {
  const rc = err.responseCode;
  const retry = failed ? "，已停止重试，请联系研究生院" : "，稍后自动重试";
  if (err.code === "EAUTH") return `邮件服务器拒绝登录（请管理员检查 SMTP_URL 的账号与密码）${retry}`;
  if (rc && rc >= 500) return `邮件服务器拒收（代码 ${rc}）${retry}`;
  if (rc && rc >= 400) return `邮件服务器暂时拒收（代码 ${rc}）${retry}`;
  if (err.code === "ETIMEDOUT") return `邮件服务器响应超时${retry}`;
  if (err.code === "ECONNECTION" || err.code === "ESOCKET" || err.code === "EDNS")
    return `无法连接邮件服务器${retry}`;
  return `发送失败${retry}`;
}

/** The stored upload no longer yields an attachment: retrying cannot help. */
function notBuildable(err: unknown): boolean {
  const e = err as NodeJS.ErrnoException;
  return e?.name === "NotBuildable" || e?.code === "ENOENT";
}

export class Sender {
  /** "attempt" (AttemptOutcome) after every attempt's state is on disk; "idle" when nothing is pending. */
  readonly events = new EventEmitter();
  private readonly transport: Transporter;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly waiting: string[] = [];
  private stopped = false;
  private readonly concurrency: number;

  constructor(private readonly opts: SenderOptions) {
    this.concurrency = opts.concurrency ?? 4;
    this.transport = opts.smtpUrl
      ? nodemailer.createTransport({
          url: opts.smtpUrl,
          connectionTimeout: 30_000,
          greetingTimeout: 30_000,
          socketTimeout: 120_000,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  }

  get mode(): "smtp" | "outbox" {
    return this.opts.smtpUrl ? "smtp" : "outbox";
  }

  /** Resumes every unsent submission at once (SPEC §8: on start, no waiting for old backoff timers). */
  async start(): Promise<number> {
    const unsent = await this.opts.outbox.unsentIds();
    for (const id of unsent) this.enqueue(id);
    return unsent.length;
  }

  /** Asks for an attempt now (a new submission, or resumption). */
  enqueue(id: string): void {
    this.schedule(id, 0);
  }

  private schedule(id: string, delayMs: number): void {
    if (this.stopped) return;
    const old = this.timers.get(id);
    if (old) clearTimeout(old);
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.admit(id);
      this.checkIdle();
    }, delayMs);
    this.timers.set(id, timer);
  }

  /** Submissions with an attempt running, waiting for a slot, or scheduled (a retry timer). */
  pending(): string[] {
    return [...new Set([...this.inFlight.keys(), ...this.waiting, ...this.timers.keys()])].sort();
  }

  /**
   * Resolves once nothing is pending (no attempt running, waiting or scheduled): the explicit signal
   * tests await instead of sleeping. Retry timers count as pending, so this waits for their attempts.
   */
  idle(): Promise<void> {
    if (this.pending().length === 0) return Promise.resolve();
    return new Promise((resolve) => this.events.once("idle", resolve));
  }

  private checkIdle(): void {
    if (this.pending().length === 0) this.events.emit("idle");
  }

  /**
   * Sends a `failed` submission again (an operator's retry, or the same file posted again): its
   * refusal count starts over. Other states are left alone.
   */
  async retry(id: string): Promise<RetryResult> {
    const { outbox } = this.opts;
    if (!(await outbox.has(id))) return "missing";
    const state = await outbox.readState(id);
    if (state.status !== "failed") return "notFailed";
    await outbox.writeState(id, {
      ...state,
      status: "queued",
      permanentFailures: 0,
      nextAttemptAt: undefined,
      updatedAt: new Date().toISOString(),
    });
    this.opts.logger.info({ id, attempts: state.attempts }, "failed submission queued again");
    this.enqueue(id);
    return "requeued";
  }

  /** Bounded concurrency: a burst of resumptions does not open dozens of SMTP connections. */
  private admit(id: string): void {
    if (this.stopped || this.inFlight.has(id) || this.waiting.includes(id)) return;
    if (this.inFlight.size >= this.concurrency) {
      this.waiting.push(id);
      return;
    }
    const run = this.attempt(id)
      .catch((err: unknown) => {
        // A local failure (e.g. the disk): keep the submission and try again later.
        this.opts.logger.error({ id, errName: (err as Error)?.name }, "send attempt could not run");
        this.schedule(id, this.opts.retryMaxMs);
      })
      .finally(() => {
        this.inFlight.delete(id);
        const next = this.waiting.shift();
        if (next) this.admit(next);
        this.checkIdle();
      });
    this.inFlight.set(id, run);
  }

  private async attempt(id: string): Promise<void> {
    const outcome = await this.tryOnce(id);
    if (outcome) this.events.emit("attempt", outcome);
  }

  private async tryOnce(id: string): Promise<AttemptOutcome | undefined> {
    const { outbox, logger } = this.opts;
    let state: SubmissionState;
    try {
      state = await outbox.readState(id);
    } catch {
      logger.info({ id }, "submission no longer in the outbox");
      return undefined;
    }
    if (state.status === "sent" || state.status === "failed") return undefined;
    if (state.status === "sending") {
      logger.warn(
        { id, attempts: state.attempts },
        "resuming a send interrupted by a crash; a duplicate with the same Message-ID is possible",
      );
    }
    let compose: (settings: MailSettings) => Mail.Options;
    let college: string;
    const reminder = await outbox.readReminder(id);
    if (reminder) {
      // A reminder from the desk: its message was fixed when the desk asked for it.
      compose = (settings) => reminderMail(reminder, settings.mailFrom);
      college = reminder.college;
    } else {
      let meta: SubmissionMeta, attachment: Buffer | undefined;
      try {
        meta = await outbox.readMeta(id);
        attachment = await outbox.readAttachment(id);
        if (!attachment) {
          attachment = Buffer.from(await this.opts.buildAttachment(await outbox.readUpload(id), meta));
          await outbox.writeAttachment(id, attachment);
        }
      } catch (err) {
        // A passing disk problem (ENOSPC, EIO, EMFILE …) or a worker that died must not lose an accepted
        // submission: admit() retries it later. Only files that are gone, or an upload that cannot be
        // built, fail it.
        if (!notBuildable(err)) throw err;
        await outbox.writeState(id, {
          ...state,
          status: "failed",
          lastError: "服务器上的提交文件已丢失或无法生成附件，请重新提交",
          updatedAt: new Date().toISOString(),
        });
        logger.error({ id }, "submission files missing or attachment not buildable; marked failed");
        return { id, status: "failed", attempts: state.attempts };
      }
      const [m, a] = [meta, attachment];
      compose = (settings) => composeMail(m, a, settings);
      college = meta.college;
    }

    state = {
      ...state,
      status: "sending",
      attempts: state.attempts + 1,
      updatedAt: new Date().toISOString(),
    };
    await outbox.writeState(id, state);
    const started = Date.now();
    try {
      const mail = compose({ mailFrom: this.opts.mailFrom, ...(await this.opts.mailSettings()) });
      const info = (await this.transport.sendMail(mail)) as {
        messageId: string;
        message?: Buffer;
        response?: string;
      };
      // ---- The duplicate window ----------------------------------------------------------------------
      // From the moment the SMTP server has accepted the message (sendMail resolved) until the state
      // write below reaches the disk, a crash leaves the state at "sending". On restart the submission is
      // sent again with the same Message-ID, so the graduate school may receive a recognisable duplicate.
      // The window is kept to one small committed transaction (the WAL fsynced); nothing else happens in
      // between (without SMTP_URL, the .eml file is written first).
      let note: string | undefined;
      if (this.mode === "outbox") {
        const rel = await outbox.writeEml(id, info.message ?? Buffer.alloc(0));
        note = `服务器未配置邮件服务器，邮件已保存到服务器发件箱（${rel}），由管理员转发`;
      }
      await outbox.writeState(id, {
        ...state,
        status: "sent",
        permanentFailures: 0,
        messageId: info.messageId,
        delivery: this.mode,
        note: note ?? undefined,
        lastError: undefined,
        nextAttemptAt: undefined,
        sentAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      });
      logger.info(
        {
          id,
          college,
          attempts: state.attempts,
          delivery: this.mode,
          ms: Date.now() - started,
        },
        "submission sent",
      );
      return { id, status: "sent", attempts: state.attempts };
    } catch (e) {
      const err = e as SmtpError;
      const permanent = !!err.responseCode && err.responseCode >= 500 && err.code !== "EAUTH";
      const permanentFailures = permanent ? state.permanentFailures + 1 : 0;
      const failed = permanentFailures >= MAX_PERMANENT_FAILURES;
      const delay = retryDelay(state.attempts, this.opts.retryBaseMs, this.opts.retryMaxMs);
      await outbox.writeState(id, {
        ...state,
        status: failed ? "failed" : "queued",
        permanentFailures,
        lastError: describeFailure(err, failed),
        nextAttemptAt: failed ? undefined : new Date(Date.now() + delay).toISOString(),
        updatedAt: new Date().toISOString(),
      });
      logger.warn(
        {
          id,
          attempts: state.attempts,
          smtpCode: err.code,
          responseCode: err.responseCode,
          retryInMs: failed ? undefined : delay,
        },
        failed ? "submission failed permanently" : "send failed, will retry",
      );
      if (!failed) this.schedule(id, delay);
      return { id, status: failed ? "failed" : "queued", attempts: state.attempts };
    }
  }

  /** Stops scheduling and waits (bounded) for attempts in progress, so their state is written. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.waiting.length = 0;
    const pending = Promise.allSettled([...this.inFlight.values()]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([pending, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    if (timer) clearTimeout(timer);
    this.transport.close();
  }
}
