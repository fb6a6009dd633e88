import type { Logger } from "pino";
import type { CollegeSubmission } from "../../domain/merge";
import type { CampaignSource } from "../campaignSource";
import type { Outbox, SubmissionMeta } from "../outbox";
import type { UploadService } from "../uploadService";

/**
 * A stored submission's rows as the §5 sheet holds them, for the merge, the duplicate report and the
 * diff: rebuilt from the upload in a worker thread (with the campaign and profile it was accepted
 * with) and kept in memory by id (a submission never changes). Bounded: the oldest entries go first.
 */

const MAX_ENTRIES = 400;

export class SubmissionRows {
  private readonly cache = new Map<string, Promise<CollegeSubmission | undefined>>();

  constructor(
    private readonly outbox: Outbox,
    private readonly uploads: UploadService,
    private readonly campaigns: CampaignSource,
    private readonly logger: Logger,
  ) {}

  /** The rows, or undefined when the stored upload is gone or no longer builds (logged). */
  of(meta: SubmissionMeta): Promise<CollegeSubmission | undefined> {
    const hit = this.cache.get(meta.id);
    if (hit) return hit;
    const run = this.read(meta);
    this.cache.set(meta.id, run);
    if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    // A passing failure (a worker that died) is not remembered.
    run.catch(() => this.cache.delete(meta.id));
    return run;
  }

  private async read(meta: SubmissionMeta): Promise<CollegeSubmission | undefined> {
    let bytes: Buffer;
    try {
      bytes = await this.outbox.readUpload(meta.id);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      this.logger.warn({ id: meta.id }, "desk: the stored upload is gone");
      return undefined;
    }
    const campaign = meta.campaign ?? (await this.campaigns.current()).campaign;
    try {
      const sheet = await this.uploads.rows(bytes, {
        college: meta.college,
        campaign,
        ...(meta.profile ? { profile: meta.profile } : {}),
      });
      return { college: meta.college, columns: sheet.columns, rows: sheet.rows };
    } catch (err) {
      if ((err as Error).name !== "NotBuildable") throw err;
      this.logger.warn({ id: meta.id }, "desk: the stored upload no longer builds");
      return undefined;
    }
  }
}
