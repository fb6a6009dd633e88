import type { FastifyInstance, FastifyReply } from "fastify";
import type { Logger } from "pino";
import { findCollege, trimProfile, validateProfile, type CollegeProfile } from "../domain";
import type { AccessGuard } from "./accessGuard";
import { profileInputSchema, type CampaignAnswer, type ProfileAnswer } from "./apiTypes";
import type { CampaignSource } from "./campaignSource";
import { publicCampaign } from "./campaignSource";
import { HttpError } from "./httpErrors";
import type { ProfileStore, StoredProfile } from "./profileStore";

/**
 * GET /api/campaign (no key) and GET/PUT /api/colleges/:college/profile (that college's key): the one
 * campaign every pane and the command line check with, and each college's profile held on the server.
 */

export interface CollegeRouteDeps {
  campaigns: CampaignSource;
  /** SUBMIT_TO when set; otherwise the campaign's own submitTo. */
  submitToOverride?: string;
  profiles: ProfileStore;
  guard: AccessGuard;
  logger: Logger;
  now: () => Date;
}

const UNKNOWN_COLLEGE = "没有这个学院：学院名称不在本次采集的学院名单中";

function answer(college: string, stored: StoredProfile | undefined): ProfileAnswer {
  if (!stored) return { college, profile: null };
  const { updatedAt, ...profile } = stored;
  return { college, profile, updatedAt };
}

export function registerCollegeRoutes(app: FastifyInstance, deps: CollegeRouteDeps): void {
  const { campaigns, profiles, guard, logger, now } = deps;

  app.get("/api/campaign", async (): Promise<CampaignAnswer> => {
    const inForce = await campaigns.current();
    const submitTo = deps.submitToOverride ?? inForce.campaign.submitTo;
    return {
      campaign: publicCampaign(inForce.campaign, submitTo) as unknown as Record<string, unknown>,
      version: inForce.version,
      source: inForce.source,
      loadedAt: inForce.loadedAt,
      submitTo,
    };
  });

  /** The college named in the path, as the campaign names it; the key must be that college's. */
  async function ownCollege(params: { college: string }): Promise<CollegeProfile> {
    const { campaign } = await campaigns.current();
    const found = findCollege(campaign, params.college.trim());
    if (!found) throw new HttpError(404, UNKNOWN_COLLEGE);
    return found;
  }

  app.get<{ Params: { college: string } }>(
    "/api/colleges/:college/profile",
    async (req, reply: FastifyReply) => {
      await guard.screen(req);
      const college = await ownCollege(req.params);
      await guard.authorize(req, college.name);
      await guard.countRead(req);
      return reply.send(answer(college.name, await profiles.get(college.name)));
    },
  );

  app.put<{ Params: { college: string } }>(
    "/api/colleges/:college/profile",
    async (req, reply: FastifyReply) => {
      await guard.screen(req);
      const college = await ownCollege(req.params);
      await guard.authorize(req, college.name);
      await guard.countSubmission(req);
      const parsed = profileInputSchema.safeParse(req.body);
      if (!parsed.success)
        throw new HttpError(400, "学院资料有误：请填写秘书姓名、手机号、电子邮箱和邮寄地址（JSON 文本字段）");
      const profile = trimProfile({ college: college.name, ...parsed.data });
      const errors = validateProfile(profile);
      const first = Object.values(errors)[0];
      if (first) throw new HttpError(400, `学院资料有误：${first}`, { fields: errors });
      const stored = await profiles.put(profile, now());
      logger.info({ college: college.name }, "college profile saved");
      return reply.send(answer(college.name, stored));
    },
  );
}
