import { z } from "zod";
import { DEFAULT_COLLEGES } from "./colleges.default";

/**
 * The campaign (SPEC §4): one JSON document, every key optional and defaulting to the 2017 notice.
 * Parsed with zod at the edge (CLI flag, server start, pane settings) so a bad key fails loudly.
 */
const collegeSchema = z.strictObject({
  name: z.string().min(1),
  /** Older or informal names accepted in the 学院 column and normalised to `name`. */
  aliases: z.array(z.string()).optional(),
  mailAddress: z.string().optional(),
  recipient: z.string().optional(),
  recipientPhone: z.string().optional(),
  /** The college's slot in attachment 1 (e.g. "11月1日 9:00–9:40"), shown in the pane. */
  captureSlot: z.string().optional(),
});

const levelSchema = z.strictObject({ name: z.string().min(1), aliases: z.array(z.string()).default([]) });

const modeSchema = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  /** Photos are posted to the college: mailing columns must hold the college's profile. */
  mailToCollege: z.boolean().default(false),
  /** The capture site (which Xinhua branch) must be named. */
  needsSite: z.boolean().default(false),
});

const windowSchema = z.strictObject({
  start: z.string(),
  end: z.string(),
  place: z.string(),
  note: z.string().optional(),
});

const isoDateTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: "不是有效的日期时间（ISO 8601）" });

const regexString = z.string().refine(
  (s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: "不是有效的正则表达式" },
);

// zod's own issue texts (a too-small number, a bad e-mail) in Chinese: they reach the secretary and the IT staff.
z.config(z.locales.zhCN());

export const campaignSchema = z.strictObject({
  school: z
    .strictObject({ name: z.string(), code: z.string() })
    .prefault({ name: "兰州大学", code: "10730" }),
  cohort: z.string().default("2018年毕业研究生"),
  /** Used in the submission's file name: 10730兰州大学_学院_<this>_37人.xlsx */
  listTitle: z.string().default("2018届毕业研究生图像采集名单"),
  submitTo: z.email().default("pyk@lzu.edu.cn"),
  feePerPerson: z.number().nonnegative().default(13),
  submitDeadline: isoDateTime.default("2017-10-30T11:00:00+08:00"),
  captureDate: isoDateTime.default("2017-11-01T09:00:00+08:00"),
  captureWindow: windowSchema.prefault({
    start: "2017-11-01T09:00:00+08:00",
    end: "2017-11-02T12:30:00+08:00",
    place: "盘旋路校区大学生活动中心舞美厅",
  }),
  makeupWindow: windowSchema.prefault({
    start: "2018-04-14",
    end: "2018-04-16",
    place: "甘肃中医药大学",
    note: "联系新华社甘肃分社补拍",
  }),
  feeDesk: z
    .strictObject({ office: z.string(), room: z.string(), deadline: isoDateTime })
    .prefault({ office: "培养处", room: "大学生活动中心706", deadline: "2017-10-30T11:00:00+08:00" }),
  proofreading: z
    .strictObject({ site: z.string(), withinDays: z.number().int().positive(), note: z.string() })
    .prefault({
      site: "学信网学历电子注册图像校对系统（www.chsi.com.cn）",
      withinDays: 40,
      note: "学生校对机会只有一次",
    }),
  levels: z
    .array(levelSchema)
    .min(1)
    .prefault([
      { name: "博士研究生", aliases: ["博士", "博士生"] },
      { name: "硕士研究生", aliases: ["硕士", "硕士生"] },
    ]),
  gradBatches: z.array(z.string().min(1)).min(1).default(["2018年6月", "2018年12月"]),
  modes: z
    .array(modeSchema)
    .min(1)
    .prefault([
      { name: "现场采集", aliases: ["现场", "校内采集"] },
      { name: "异地采集", aliases: ["异地"], mailToCollege: true, needsSite: true },
      { name: "补拍", aliases: ["补采"], mailToCollege: true },
    ]),
  studentNoPattern: regexString.default("^\\d{8,15}$"),
  /** Merged over the default colleges by name: a config may list only its own college's profile. */
  colleges: z.array(collegeSchema).default([]),
});

export type CampaignInput = z.input<typeof campaignSchema>;
type ParsedCampaign = z.output<typeof campaignSchema>;
export type CollegeProfile = z.output<typeof collegeSchema>;
export type Level = z.output<typeof levelSchema>;
export type Mode = z.output<typeof modeSchema>;

export interface Campaign extends ParsedCampaign {
  colleges: CollegeProfile[];
}

export class CampaignError extends Error {
  constructor(readonly issues: string[]) {
    super(`活动配置有误：${issues.join("；")}`);
    this.name = "CampaignError";
  }
}

function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out ? `.${String(seg)}` : String(seg);
  return out || "（根）";
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issuePath(issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return `未知的配置项 ${issue.keys.map((k) => (where === "（根）" ? k : `${where}.${k}`)).join("、")}`;
    case "invalid_type":
      return `配置项 ${where} 类型不对（应为 ${issue.expected}）`;
    default:
      return `配置项 ${where}：${issue.message}`;
  }
}

function mergeColleges(custom: readonly CollegeProfile[]): CollegeProfile[] {
  const merged = DEFAULT_COLLEGES.map((c) => ({ ...c }));
  // By name through a Map: a file listing thousands of colleges stays linear.
  const at = new Map(merged.map((c, i) => [c.name, i]));
  for (const c of custom) {
    const i = at.get(c.name);
    const clean = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as CollegeProfile;
    if (i !== undefined) merged[i] = { ...merged[i], ...clean };
    else {
      at.set(c.name, merged.length);
      merged.push(clean);
    }
  }
  return merged;
}

/** Parses a campaign document (already JSON-decoded). Throws CampaignError naming each bad key. */
export function parseCampaign(input: unknown = {}): Campaign {
  const result = campaignSchema.safeParse(input ?? {});
  if (!result.success) throw new CampaignError(result.error.issues.map(describeIssue));
  return { ...result.data, colleges: mergeColleges(result.data.colleges) };
}

/** Parses campaign JSON text; a syntax error is a CampaignError too. */
export function parseCampaignJson(text: string): Campaign {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new CampaignError([`不是有效的 JSON（${(e as Error).message}）`]);
  }
  return parseCampaign(doc);
}

export const DEFAULT_CAMPAIGN: Campaign = parseCampaign({});

/** A college by its full name, else by an alias: a full name always wins over another college's alias. */
export function findCollege(campaign: Campaign, name: string): CollegeProfile | undefined {
  return (
    campaign.colleges.find((c) => c.name === name) ??
    campaign.colleges.find((c) => (c.aliases ?? []).includes(name))
  );
}

/** The capture date as a calendar date in China (ages are reckoned on it). */
export function captureDay(campaign: Campaign): { y: number; m: number; d: number } {
  const t = Date.parse(campaign.captureDate) + 8 * 3600_000;
  const d = new Date(t);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}
