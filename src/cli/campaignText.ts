import type { Campaign, CollegeProfile } from "../domain";
import { DEFAULT_COLLEGES } from "../domain/colleges.default";
import { chinaDateTime } from "./chinaTime";

/**
 * What a campaign means, in Chinese, for the IT staff who edit the file (`campaign check`): every value
 * the engine will use, and which colleges the file adds to or changes in the built-in list. Also the
 * mistakes the schema cannot see (a window that is not a date, a college written under an old name).
 */

/** The college fields a file may change, in the order and words they are reported. */
const COLLEGE_FIELDS: readonly (readonly [keyof CollegeProfile, string])[] = [
  ["aliases", "别名"],
  ["captureSlot", "采集时段"],
  ["mailAddress", "邮寄地址"],
  ["recipient", "收件人"],
  ["recipientPhone", "收件人电话"],
];

const BUILT_IN = new Map(DEFAULT_COLLEGES.map((c) => [c.name, c]));

export interface CampaignDescription {
  lines: string[];
  /** Things that are valid but most likely not what the author meant. */
  warnings: string[];
}

function also(aliases: readonly string[] | undefined): string {
  return aliases && aliases.length ? `（也接受：${aliases.join("、")}）` : "";
}

function when(text: string, key: string, warnings: string[]): string {
  const shown = chinaDateTime(text);
  if (shown === undefined) {
    warnings.push(`${key}“${text}”不是日期，只会原样显示`);
    return text;
  }
  return shown;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? "") === JSON.stringify(b ?? "");
}

/** The names the file itself lists under `colleges` (the raw document, before defaults and merging). */
function fileCollegeEntries(doc: unknown): Record<string, unknown>[] {
  const list = (doc as { colleges?: unknown } | null)?.colleges;
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

function collegeMark(college: CollegeProfile, listed: Map<string, Record<string, unknown>>): string {
  const entry = listed.get(college.name);
  if (!entry) return "";
  const builtIn = BUILT_IN.get(college.name);
  if (!builtIn) return "［本文件新增］";
  const changed = COLLEGE_FIELDS.filter(
    ([key]) => entry[key] !== undefined && !sameValue(entry[key], builtIn[key]),
  ).map(([, word]) => word);
  return changed.length ? `［本文件修改：${changed.join("、")}］` : "［本文件列出，与内置相同］";
}

function collegeLine(college: CollegeProfile, mark: string): string {
  const slot = college.captureSlot?.trim();
  const address = college.mailAddress?.trim();
  const parts = [
    slot ? `采集时段 ${slot}` : "采集时段（未填写）",
    address ? `邮寄地址 ${address}` : "邮寄地址（未填写）",
  ];
  if (college.recipient?.trim()) parts.push(`收件人 ${college.recipient.trim()}`);
  if (college.recipientPhone?.trim()) parts.push(`电话 ${college.recipientPhone.trim()}`);
  return `  ${college.name}${also(college.aliases)}${mark}：${parts.join("；")}`;
}

function collegeWarnings(campaign: Campaign, entries: Record<string, unknown>[], warnings: string[]): void {
  const seen = new Map<string, number>();
  for (const e of entries) {
    if (typeof e.name === "string") seen.set(e.name, (seen.get(e.name) ?? 0) + 1);
  }
  const explained = new Set<string>();
  for (const [name, n] of seen) {
    if (n > 1) warnings.push(`colleges 中“${name}”出现了 ${n} 次：按名称合并，后面的值覆盖前面的`);
    const owner = DEFAULT_COLLEGES.find((c) => c.aliases?.includes(name));
    if (owner && !BUILT_IN.has(name)) {
      explained.add(name);
      warnings.push(
        `colleges 中的“${name}”是内置学院“${owner.name}”的旧称：学院按全称合并，它成了一个新学院，而没有修改“${owner.name}”`,
      );
    }
  }
  // As the list's 学院 column resolves them: a name is always its own college; an alias two colleges
  // share belongs to the first.
  const names = new Set(campaign.colleges.map((c) => c.name));
  const aliasOwner = new Map<string, string>();
  for (const c of campaign.colleges) {
    for (const alias of c.aliases ?? []) {
      if (alias === c.name || explained.has(alias)) continue;
      if (names.has(alias)) {
        warnings.push(`“${c.name}”的别名“${alias}”也是一个学院的名称：名单中写“${alias}”的行算作“${alias}”`);
        continue;
      }
      const first = aliasOwner.get(alias);
      if (first === undefined) aliasOwner.set(alias, c.name);
      else if (first !== c.name)
        warnings.push(`“${alias}”同时是“${first}”和“${c.name}”的别名：名单中写“${alias}”的行算作“${first}”`);
    }
  }
}

export function describeCampaign(campaign: Campaign, doc: unknown): CampaignDescription {
  const warnings: string[] = [];
  const c = campaign;
  const lines: string[] = [
    `学校：${c.school.name}（代码 ${c.school.code}）`,
    `届别：${c.cohort}`,
    `名单标题：${c.listTitle}（提交文件名形如 ${c.school.code}${c.school.name}_学院_${c.listTitle}_37人.xlsx）`,
    `提交邮箱：${c.submitTo}`,
    `采集费：每人 ${c.feePerPerson} 元`,
    `提交截止：${when(c.submitDeadline, "submitDeadline", warnings)}（北京时间）`,
    `采集日期：${when(c.captureDate, "captureDate", warnings)}（北京时间；学生年龄按这一天计算）`,
    `现场采集：${when(c.captureWindow.start, "captureWindow.start", warnings)} 至 ${when(c.captureWindow.end, "captureWindow.end", warnings)}，${c.captureWindow.place}${c.captureWindow.note ? `（${c.captureWindow.note}）` : ""}`,
    `补拍：${when(c.makeupWindow.start, "makeupWindow.start", warnings)} 至 ${when(c.makeupWindow.end, "makeupWindow.end", warnings)}，${c.makeupWindow.place}${c.makeupWindow.note ? `（${c.makeupWindow.note}）` : ""}`,
    `交费：${c.feeDesk.office}，${c.feeDesk.room}，截止 ${when(c.feeDesk.deadline, "feeDesk.deadline", warnings)}（北京时间）`,
    `校对：${c.proofreading.site}，采集后 ${c.proofreading.withinDays} 天内；${c.proofreading.note}`,
    `培养层次：${c.levels.map((l) => `${l.name}${also(l.aliases)}`).join("；")}`,
    `毕业时间：${c.gradBatches.join("、")}`,
    "采集方式：",
    ...c.modes.map((m) => {
      const mail = m.mailToCollege ? "照片寄回学院（须填邮寄地址、收件人、收件人电话）" : "照片不邮寄";
      const site = m.needsSite ? "须填采集地点" : "不需采集地点";
      return `  ${m.name}${also(m.aliases)}：${mail}；${site}`;
    }),
    `学号格式：${c.studentNoPattern}（正则表达式）`,
  ];
  if (!c.studentNoPattern.startsWith("^") || !c.studentNoPattern.endsWith("$")) {
    warnings.push("studentNoPattern 没有以 ^ 开头、以 $ 结尾：学号只要有一段符合就算对");
  }
  const entries = fileCollegeEntries(doc);
  const listed = new Map<string, Record<string, unknown>>();
  for (const e of entries) if (typeof e.name === "string") listed.set(e.name, e);
  const added = c.colleges.filter((col) => listed.has(col.name) && !BUILT_IN.has(col.name)).length;
  const changed = [...listed.keys()].filter((name) => BUILT_IN.has(name)).length;
  lines.push(
    `学院：共 ${c.colleges.length} 个（内置 ${BUILT_IN.size} 个；本文件新增 ${added} 个，列出内置学院 ${changed} 个）`,
  );
  for (const col of c.colleges) lines.push(collegeLine(col, collegeMark(col, listed)));
  collegeWarnings(c, entries, warnings);
  return { lines, warnings };
}
