import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { CampaignError, parseCampaignJson, type Campaign } from "../domain";

/**
 * The campaign the server checks with (SPEC §4), owned by the graduate school: the CAMPAIGN file, re-read
 * when it changes on disk (as the access keys are), so next year's dates, fee or colleges need no
 * restart. A file that cannot be read or parsed keeps the last good campaign in force, and the log says why.
 */

export interface CampaignInForce {
  campaign: Campaign;
  /** Changes whenever the campaign does: the pane sends it back with a submission. */
  version: string;
  source: "file" | "default";
  /** When the server (re)read it, ISO 8601. */
  loadedAt: string;
}

export interface CampaignLog {
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** sha-256 of the parsed campaign's JSON (its key order is the schema's, so equal campaigns hash alike). */
export function campaignVersion(campaign: Campaign): string {
  return createHash("sha256").update(JSON.stringify(campaign)).digest("hex").slice(0, 16);
}

/**
 * The campaign as anyone may read it (GET /api/campaign, no key): no secretary's name or phone, and the
 * recipient the server really sends to. Valid input for parseCampaign.
 */
export function publicCampaign(campaign: Campaign, submitTo: string): Campaign {
  return {
    ...campaign,
    submitTo,
    colleges: campaign.colleges.map((c) => {
      const { recipient: _r, recipientPhone: _p, ...rest } = c;
      return rest;
    }),
  };
}

export class CampaignSource {
  private inForce: CampaignInForce;
  private stamp = "";

  constructor(
    private readonly file: string | undefined,
    initial: Campaign,
    private readonly log: CampaignLog,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.inForce = {
      campaign: initial,
      version: campaignVersion(initial),
      source: file ? "file" : "default",
      loadedAt: now().toISOString(),
    };
  }

  /** Remembers the file's current stamp, so the campaign read at start is not read twice. */
  async init(): Promise<void> {
    if (this.file) this.stamp = (await this.statStamp()) ?? "";
  }

  private async statStamp(): Promise<string | undefined> {
    if (!this.file) return undefined;
    const st = await fs.stat(this.file);
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  }

  /** The campaign in force now: one stat per call, a re-read only when the file changed. */
  async current(): Promise<CampaignInForce> {
    if (!this.file) return this.inForce;
    let stamp: string | undefined;
    try {
      stamp = await this.statStamp();
    } catch (err) {
      if (this.stamp !== "unreadable")
        this.log.error(
          { file: this.file, code: (err as NodeJS.ErrnoException).code, keptVersion: this.inForce.version },
          "cannot stat the campaign file: the last good campaign stays in force",
        );
      this.stamp = "unreadable";
      return this.inForce;
    }
    if (stamp === this.stamp) return this.inForce;
    this.stamp = stamp ?? "";
    try {
      const campaign = parseCampaignJson(await fs.readFile(this.file, "utf8"));
      const version = campaignVersion(campaign);
      if (version !== this.inForce.version)
        this.log.info({ file: this.file, version, cohort: campaign.cohort }, "campaign file re-read");
      this.inForce = { campaign, version, source: "file", loadedAt: this.now().toISOString() };
    } catch (err) {
      // The issues name keys, never values: safe for the log.
      const issues =
        err instanceof CampaignError ? err.issues : [(err as NodeJS.ErrnoException).code ?? "read"];
      this.log.error(
        { file: this.file, issues, keptVersion: this.inForce.version },
        "the campaign file is wrong: the last good campaign stays in force",
      );
    }
    return this.inForce;
  }
}
