import type { Campaign, CheckOptions } from "../domain";
import { UnusableInputError, type CliIO } from "./io";
import { loadCampaign, resolveCollege } from "./load";
import { fetchCampaign, fetchProfile } from "./serverClient";

/**
 * Where `check`, `fill` and `build` take the campaign from: a local file (--config), the graduate
 * school's server (--server: the campaign the pane uses too), or the built-in default. With --server,
 * --key and --college the college's secretary profile stored on the server stands in for the mailing
 * details of the campaign, as it does in the pane and in the server's own re-check.
 */
export interface CampaignSource {
  campaign: Campaign;
  college?: string;
  profile?: CheckOptions["profile"];
  /** Where the campaign (and the profile) came from, when not from the user's own file. */
  note?: string;
  /** --key was given, but the server holds no profile for the college yet. */
  profileMissing?: boolean;
}

export interface SourceOptions {
  config?: string;
  server?: string;
  key?: string;
  college?: string;
}

export async function campaignSource(io: CliIO, opts: SourceOptions): Promise<CampaignSource> {
  if (opts.config !== undefined && opts.server !== undefined) {
    throw new UnusableInputError(
      "--config 和 --server 只能用一个：用本机的配置文件，或用服务器上的活动配置",
      "--config and --server exclude each other",
    );
  }
  if (opts.key !== undefined && opts.server === undefined) {
    throw new UnusableInputError(
      "--key 要和 --server 一起用（读取服务器上保存的学院资料）",
      "--key needs --server",
    );
  }
  if (opts.server === undefined) {
    const campaign = await loadCampaign(io.cwd, opts.config);
    return { campaign, college: resolveCollege(campaign, opts.college) };
  }
  const served = await fetchCampaign(opts.server);
  const campaign = served.campaign;
  const college = resolveCollege(campaign, opts.college);
  const whose = served.source === "file" ? "研究生院的活动配置" : "内置的活动配置";
  const note = `活动配置：服务器 ${served.origin} 正在使用的${whose}“${campaign.cohort}”（版本 ${served.version}）`;
  if (opts.key === undefined) return { campaign, college, note };
  if (college === undefined) {
    throw new UnusableInputError(
      "--key 需要 --college 学院：服务器上的秘书资料按学院保存",
      "--key needs --college",
    );
  }
  const stored = await fetchProfile(opts.server, opts.key, college);
  if (!stored) {
    return {
      campaign,
      college,
      note: `${note}；服务器上还没有${college}的秘书资料，邮寄信息按活动配置核对`,
      profileMissing: true,
    };
  }
  return {
    campaign,
    college,
    profile: {
      mailAddress: stored.mailAddress,
      recipient: stored.secretaryName,
      recipientPhone: stored.mobile,
    },
    note: `${note}；邮寄信息用服务器上保存的${college}秘书资料（${stored.secretaryName}）`,
  };
}
