import type { CollegeProfile } from "./campaign";

/** Campus mailing addresses from SPEC §4 (the notice asks off-site photos to be posted to the college). */
export const CAMPUS_ADDRESS = {
  chengguan: { name: "城关校区", address: "甘肃省兰州市城关区天水南路222号", postcode: "730000" },
  medical: { name: "医学校区", address: "甘肃省兰州市城关区东岗西路199号", postcode: "730000" },
  yuzhong: { name: "榆中校区", address: "甘肃省兰州市榆中县夏官营镇", postcode: "730107" },
} as const;

const MEDICAL = new Set([
  "基础医学院",
  "公共卫生学院",
  "药学院",
  "口腔医学院",
  "护理学院",
  "第一临床医学院",
  "第二临床医学院",
]);

const NAMES = [
  "文学院",
  "历史文化学院",
  "哲学社会学院",
  "经济学院",
  "管理学院",
  "法学院",
  "马克思主义学院",
  "新闻与传播学院",
  "外国语学院",
  "艺术学院",
  "政治与国际关系学院",
  "数学与统计学院",
  "物理科学与技术学院",
  "化学化工学院",
  "生命科学学院",
  "信息科学与工程学院",
  "资源环境学院",
  "大气科学学院",
  "草地农业科技学院",
  "土木工程与力学学院",
  "核科学与技术学院",
  "材料与能源学院",
  "生态学院",
  "地质科学与矿产资源学院",
  "动物医学与生物安全学院",
  "基础医学院",
  "公共卫生学院",
  "药学院",
  "口腔医学院",
  "护理学院",
  "第一临床医学院",
  "第二临床医学院",
  "萃英学院",
  "国际文化交流学院",
  "考古与文化遗产研究院",
  // 2017 name, still accepted as a college of its own (SPEC §4).
  "教育学院",
];

/** 2017 names accepted for today's colleges. */
const ALIASES: Record<string, string[]> = {
  政治与国际关系学院: ["政治与行政学院"],
};

export function defaultMailAddress(college: string): string {
  const campus = MEDICAL.has(college) ? CAMPUS_ADDRESS.medical : CAMPUS_ADDRESS.chengguan;
  return `${campus.address} 兰州大学${college}（邮编${campus.postcode}）`;
}

export const DEFAULT_COLLEGES: readonly CollegeProfile[] = NAMES.map((name) => {
  const profile: CollegeProfile = {
    name,
    mailAddress: defaultMailAddress(name),
    recipient: "",
    recipientPhone: "",
  };
  if (ALIASES[name]) profile.aliases = ALIASES[name];
  return profile;
});
