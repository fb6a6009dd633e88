import { DEFAULT_CAMPAIGN } from "../domain/campaign";
import { renderMessage } from "../domain/messages.zh-CN";
import {
  PROBLEM_CODES,
  SEVERITY,
  type ProblemCode,
  type ProblemParams,
  type Severity,
} from "../domain/problems";

/**
 * The guide's part on problems: for every code a sample of the very message the engine shows (rendered
 * by src/domain/messages.zh-CN.ts from sample values) and what to do about it. The mapped types make a
 * new code a type error here until the guide explains it, so the guide cannot drift from the engine.
 */

interface Entry<C extends ProblemCode> {
  sample: ProblemParams[C];
  fix: string;
}

const levels = DEFAULT_CAMPAIGN.levels.map((l) => l.name);
const batches = [...DEFAULT_CAMPAIGN.gradBatches];
const modes = DEFAULT_CAMPAIGN.modes.map((m) => m.name);
const MAIL = "甘肃省兰州市城关区天水南路222号 信息科学与工程学院";

const ENTRIES: { readonly [C in ProblemCode]: Entry<C> } = {
  "header.missing": {
    sample: { header: "身份证号" },
    fix: "在表头行补上这一列（列名可用模板名称或常见别名，如“证件号码”）。表头缺列时整份名单都不能提交。",
  },
  "header.duplicate": {
    sample: { header: "学号", columns: ["D", "K"] },
    fix: "删除或改名多余的一列，只保留一列“学号”。",
  },
  "normalize.whitespace": {
    sample: { header: "学号" },
    fix: "点击“一键规范”自动清除；生成提交名单时也会自动清除。",
  },
  "normalize.fullwidth": {
    sample: { header: "身份证号" },
    fix: "点击“一键规范”改为半角；多见于用中文输入法输入数字时。",
  },
  "normalize.case": { sample: { header: "身份证号" }, fix: "点击“一键规范”把末位的 x 改为大写 X。" },
  "normalize.dot": {
    sample: { header: "姓名" },
    fix: "点击“一键规范”。少数民族姓名的间隔号统一为“·”，学信网按这个符号匹配。",
  },
  "normalize.alias": {
    sample: { header: "培养层次", from: "硕士", to: "硕士研究生" },
    fix: "点击“一键规范”改为规范写法。",
  },
  "id.numeric": {
    sample: {},
    fix: "选中身份证号列，设为“文本”格式（或在窗格中点击“准备工作表”），再按学籍信息重新输入这些号码。丢失的数字无法恢复，只能重新输入。",
  },
  "id.format": {
    sample: { length: 17 },
    fix: "对照学生档案或学籍系统核对位数，多半是漏了或多了一位。",
  },
  "id.region": { sample: { region: "99" }, fix: "前两位是省份代码，请对照学籍信息核对号码。" },
  "id.birthdate": {
    sample: { date: "1995-02-30", reason: "invalid" },
    fix: "号码第 7–14 位是出生日期，请对照学籍信息核对。",
  },
  "id.age": {
    sample: { date: "2003-05-01", age: 14, min: 16, max: 80 },
    fix: "只是提醒：号码有效，但年龄少见。确认无误可以不改，不影响提交。",
  },
  "id.checksum": {
    sample: { expected: "6", actual: "7" },
    fix: "号码中某一位抄错了（末位由前 17 位算出）。请按学籍信息逐位核对，不要直接把末位改成提示的字符。",
  },
  "id.legacy15": {
    sample: { upgraded: "620102199203140076" },
    fix: "点击这条问题旁的“采用建议”改为 18 位号码，或按学籍信息填写 18 位号码。",
  },
  "id.foreign": {
    sample: { looksLike: "passport" },
    fix: "如果学生持护照或通行证，在名单中加一列“证件类型”并写明证件名称；否则请核对号码。",
  },
  "docType.value": {
    sample: { value: "军官证", allowed: ["居民身份证", "港澳台居民居住证", "护照"] },
    fix: "把证件类型改为提示中列出的一种。",
  },
  "gender.idMismatch": {
    sample: { gender: "女", idGender: "男" },
    fix: "身份证号第 17 位单数为男、双数为女。请核对性别或身份证号，两者必须一致。",
  },
  "cell.required": {
    sample: { header: "采集地点", mode: "异地采集" },
    fix: "补填这一格。异地采集须写明到哪个新华社分社采集。",
  },
  "cell.tooLong": {
    sample: { header: "备注", length: 40000, limit: 32767 },
    fix: "删减这一格的内容；多半是误粘贴了大段文字。",
  },
  "name.chars": {
    sample: { reason: "space" },
    fix: "按学籍信息填写姓名，去掉空格、数字和字母；生僻字可以正常填写。",
  },
  "gender.value": { sample: { value: "M" }, fix: "改为“男”或“女”（可用下拉列表选择）。" },
  "studentNo.format": {
    sample: { value: "2201５09０", reason: "chars", pattern: DEFAULT_CAMPAIGN.studentNoPattern },
    fix: "按研究生综合管理系统中的学号填写，只能是数字。",
  },
  "level.value": { sample: { value: "专硕", allowed: levels }, fix: "从下拉列表中选择培养层次。" },
  "gradDate.value": {
    sample: { value: "2018年7月", allowed: batches },
    fix: "从下拉列表中选择本次采集的毕业时间；不在本次范围内的学生不要列入。",
  },
  "mode.value": { sample: { value: "现场", allowed: modes }, fix: "从下拉列表中选择采集方式。" },
  "college.value": {
    sample: { value: "信息学院", expected: "信息科学与工程学院" },
    fix: "填写学院全称；如果这一行是别的学院的学生，请把他移到所在学院的名单。",
  },
  "offsite.address": {
    sample: { mode: "异地采集", expected: MAIL },
    fix: "点击“填写邮寄信息”，把学院的邮寄地址填入所有异地采集和补拍的行。",
  },
  "offsite.recipient": {
    sample: { mode: "补拍", expected: "马晓燕" },
    fix: "点击“填写邮寄信息”；收件人是本学院研究生秘书，不是学生本人。",
  },
  "offsite.phone": {
    sample: { mode: "异地采集", expected: "13919312345", reason: "differs" },
    fix: "点击“填写邮寄信息”；收件人电话是秘书的手机号。先在“设置”中填好学院信息。",
  },
  "onsite.mailFields": {
    sample: { mode: "现场采集" },
    fix: "现场采集的照片不邮寄，可以不管：生成提交名单时这些格会被清空。若学生实际是异地采集，请改采集方式。",
  },
  "dup.studentNo": {
    sample: { value: "220150920001", sameAs: 5 },
    fix: "同一学生只能报一行：删除重复的行，或核对是否把别人的学号抄错了。",
  },
  "dup.idNumber": { sample: { sameAs: 5 }, fix: "同一身份证号只能出现一次：删除重复的行或核对号码。" },
  "roster.unknown": {
    sample: { studentNo: "220150920099" },
    fix: "核对学号；确认无误时，请检查导入的学籍名单是否最新。",
  },
  "roster.idMismatch": {
    sample: { studentNo: "220150920001", expectedTail: "0076" },
    fix: "以学籍信息为准改正身份证号或学号（可点击“采用建议”）。不一致的照片无法在学信网上匹配。",
  },
  "roster.idElsewhere": {
    sample: { otherStudentNo: "220150920002" },
    fix: "两位学生的学号或身份证号多半串行了，请对照学籍信息改正。",
  },
  "roster.nameMismatch": {
    sample: { expected: "张明远", actual: "张明元" },
    fix: "以学籍信息为准改正姓名（可点击“采用建议”）；若学生改过名，请先更新学籍。",
  },
  "roster.levelMismatch": {
    sample: { expected: "博士研究生", actual: "硕士研究生" },
    fix: "以学籍信息为准改正培养层次。",
  },
  "captured.already": {
    sample: { by: "studentNo" },
    fix: "已采集过的学生不要再报，重复采集会造成学信网数据冲突：从名单中删除这一行。",
  },
};

/** The guide's groups, in the order a secretary meets them. */
export const GUIDE_GROUPS: readonly { title: string; codes: readonly ProblemCode[] }[] = [
  { title: "表头", codes: ["header.missing", "header.duplicate"] },
  {
    title: "可一键规范的写法问题（警告）",
    codes: [
      "normalize.whitespace",
      "normalize.fullwidth",
      "normalize.case",
      "normalize.dot",
      "normalize.alias",
    ],
  },
  {
    title: "身份证号与证件",
    codes: [
      "id.numeric",
      "id.format",
      "id.region",
      "id.birthdate",
      "id.age",
      "id.checksum",
      "id.legacy15",
      "id.foreign",
      "docType.value",
      "gender.idMismatch",
    ],
  },
  {
    title: "其他单元格",
    codes: [
      "cell.required",
      "cell.tooLong",
      "name.chars",
      "gender.value",
      "studentNo.format",
      "level.value",
      "gradDate.value",
      "mode.value",
      "college.value",
    ],
  },
  {
    title: "异地采集和补拍的邮寄信息",
    codes: ["offsite.address", "offsite.recipient", "offsite.phone", "onsite.mailFields"],
  },
  {
    title: "重复、学籍名单和已采集名单",
    codes: [
      "dup.studentNo",
      "dup.idNumber",
      "roster.unknown",
      "roster.idMismatch",
      "roster.idElsewhere",
      "roster.nameMismatch",
      "roster.levelMismatch",
      "captured.already",
    ],
  },
];

export interface GuideEntry {
  code: ProblemCode;
  severity: Severity;
  /** The engine's own message for the sample values. */
  message: string;
  fix: string;
}

export function guideEntry(code: ProblemCode): GuideEntry {
  const entry = ENTRIES[code] as Entry<ProblemCode>;
  return { code, severity: SEVERITY[code], message: renderMessage(code, entry.sample), fix: entry.fix };
}

/** Every code in a group, once (checked by test/guide/guide.test.ts against PROBLEM_CODES). */
export function guideGroups(): { title: string; entries: GuideEntry[] }[] {
  return GUIDE_GROUPS.map((g) => ({ title: g.title, entries: g.codes.map(guideEntry) }));
}

export { PROBLEM_CODES };
