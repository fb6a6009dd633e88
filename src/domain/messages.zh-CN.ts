import type { DocKind } from "./documents";
import type { ProblemCode, ProblemParams } from "./problems";
import type { Template } from "./template";

/**
 * Every text a secretary reads about a problem, in one place (the shape of zod's zh-CN locale):
 * a switch on the code over the problem's params. Rules never build strings.
 */
const REASON_BIRTH: Record<ProblemParams["id.birthdate"]["reason"], string> = {
  invalid: "不是真实存在的日期",
  future: "晚于采集日期",
  early: "早于1900年",
};

/** What each document's number looks like, for id.format. */
const DOC_FORMAT: Record<DocKind, string> = {
  resident: "居民身份证号应为18位（末位可为X）或15位旧号码",
  residencePermit: "港澳台居民居住证号码应为18位，以810000、820000或830000开头",
  hkMacauPermit: "港澳居民来往内地通行证号码应为字母H或M加8位数字",
  taiwanPermit: "台湾居民来往大陆通行证号码应为8位数字",
  passport: "护照号码应为5–17位大写字母或数字",
  foreignPermanent: "外国人永久居留身份证号码应为以9开头的18位（末位可为X）",
};

const LOOKS_LIKE: Record<ProblemParams["id.foreign"]["looksLike"], string> = {
  hkMacauPermit: "港澳居民来往内地通行证号码",
  passport: "护照号码",
  foreignPermanent: "外国人永久居留身份证号码",
};

const REASON_NAME: Record<ProblemParams["name.chars"]["reason"], string> = {
  digit: "含有数字",
  latin: "含有拉丁字母",
  space: "汉字之间有空格",
  punct: "含有标点符号（少数民族姓名的间隔号只能用“·”）",
  empty: "只有空白或间隔号",
  other: "含有不能用于姓名的字符",
};

function list(values: readonly string[]): string {
  return values.map((v) => `“${v}”`).join("、");
}

/**
 * A duplicate names one other row: "重复，与第5行相同", or on a group's first row (the only one told
 * the count, see domain/duplicates.ts) "重复：共5行填了这个学号，与第5行等4行相同".
 */
function duplicateOf(what: string, q: { sameAs: number; total?: number }): string {
  const row = `第${q.sameAs}行`;
  return q.total !== undefined && q.total > 2
    ? `重复：共${q.total}行填了这个${what}，与${row}等${q.total - 1}行相同。`
    : `重复，与${row}相同。`;
}

export function renderMessage<C extends ProblemCode>(code: C, params: ProblemParams[C]): string {
  // The switch narrows on `code`; params is re-read through a widened view for each branch.
  const p = params as ProblemParams[ProblemCode] & Record<string, unknown>;
  switch (code) {
    case "header.missing":
      return `表头缺少“${(p as ProblemParams["header.missing"]).header}”列，请按模板补上这一列。`;
    case "header.duplicate": {
      const q = p as ProblemParams["header.duplicate"];
      // At most five columns named: a row of 16,384 identical headers must not make a 16,384-name message.
      const shown = q.columns.slice(0, 5).join("、");
      const cols = q.columns.length > 5 ? `${shown}等${q.columns.length}列` : `${shown}列`;
      return `表头“${q.header}”出现了多次（${cols}），请只保留一列。`;
    }
    case "normalize.whitespace":
      return `“${(p as ProblemParams["normalize.whitespace"]).header}”含有多余的空格或不可见字符，可一键清除。`;
    case "normalize.fullwidth":
      return `“${(p as ProblemParams["normalize.fullwidth"]).header}”含有全角字符（如“１２Ｘ”），可一键改为半角。`;
    case "normalize.case":
      return "证件号码中的字母应为大写（如身份证号末位的“X”），可一键改正。";
    case "normalize.dot":
      return `“${(p as ProblemParams["normalize.dot"]).header}”中的间隔号应为“·”（U+00B7），可一键改正。`;
    case "normalize.alias": {
      const q = p as ProblemParams["normalize.alias"];
      return `“${q.header}”应填规范写法：“${q.from}”改为“${q.to}”。`;
    }
    case "id.numeric":
      return "身份证号被存成了数字，Excel 只保留15位有效数字，后几位已经丢失。请把此列设为“文本”格式后重新输入。";
    case "id.format": {
      const q = p as ProblemParams["id.format"];
      return `证件号码格式不对（现为${q.length}位）：${DOC_FORMAT[q.doc ?? "resident"]}。`;
    }
    case "id.region":
      return `身份证号前两位“${(p as ProblemParams["id.region"]).region}”不是省级行政区代码，请核对。`;
    case "id.birthdate": {
      const q = p as ProblemParams["id.birthdate"];
      return `身份证号中的出生日期 ${q.date} ${REASON_BIRTH[q.reason]}，请核对。`;
    }
    case "id.age": {
      const q = p as ProblemParams["id.age"];
      return `身份证号中的出生日期 ${q.date} 按采集日期计算为${q.age}周岁，不在常见的${q.min}–${q.max}周岁之间。号码本身有效，请对照学籍信息确认。`;
    }
    case "id.foreign":
      return `这不是居民身份证号，看起来是${LOOKS_LIKE[(p as ProblemParams["id.foreign"]).looksLike]}。请对照学生档案确认；持其他证件的学生，可在名单中加一列“证件类型”注明。`;
    case "docType.value": {
      const q = p as ProblemParams["docType.value"];
      return `证件类型“${q.value}”无法识别，只能填${list(q.allowed)}。`;
    }
    case "id.checksum": {
      const q = p as ProblemParams["id.checksum"];
      return `身份证号校验码不对：末位是“${q.actual}”，按前17位应为“${q.expected}”。多半是某一位抄错了，请按学籍信息核对。`;
    }
    case "id.legacy15":
      return "这是15位旧身份证号，学信网按18位号码匹配，请改为18位号码（可一键升位）。";
    case "gender.idMismatch": {
      const q = p as ProblemParams["gender.idMismatch"];
      return `性别填的是“${q.gender}”，但身份证号显示为“${q.idGender}”，请核对性别或身份证号。`;
    }
    case "cell.required": {
      const q = p as ProblemParams["cell.required"];
      return q.mode ? `采集方式为“${q.mode}”时必须填写“${q.header}”。` : `“${q.header}”不能为空。`;
    }
    case "cell.tooLong": {
      const q = p as ProblemParams["cell.tooLong"];
      return `“${q.header}”有 ${q.length} 个字符，超过 Excel 单元格的上限（${q.limit} 个），请删减。`;
    }
    case "name.chars": {
      const q = p as ProblemParams["name.chars"];
      const ch = q.char ? `（“${q.char}”）` : "";
      return `姓名${REASON_NAME[q.reason]}${ch}，请按学籍信息填写。`;
    }
    case "gender.value":
      return `性别只能填“男”或“女”，现为“${(p as ProblemParams["gender.value"]).value}”。`;
    case "studentNo.format": {
      const q = p as ProblemParams["studentNo.format"];
      return q.reason === "chars"
        ? `学号只能由数字组成，现为“${q.value}”。`
        : `学号“${q.value}”不符合本次采集的学号格式，请按研究生综合管理系统核对。`;
    }
    case "level.value": {
      const q = p as ProblemParams["level.value"];
      return `培养层次“${q.value}”无效，只能填${list(q.allowed)}。`;
    }
    case "gradDate.value": {
      const q = p as ProblemParams["gradDate.value"];
      return `毕业时间“${q.value}”不在本次采集范围内，只能填${list(q.allowed)}。`;
    }
    case "mode.value": {
      const q = p as ProblemParams["mode.value"];
      return `采集方式“${q.value}”无效，只能填${list(q.allowed)}。`;
    }
    case "college.value": {
      const q = p as ProblemParams["college.value"];
      return q.expected
        ? `学院“${q.value}”不是正在核对的“${q.expected}”，请确认是否填错或放错了名单。`
        : `学院“${q.value}”不在学院名单中，请填写学院全称。`;
    }
    case "offsite.address": {
      const q = p as ProblemParams["offsite.address"];
      return `“${q.mode}”的照片须寄回学院：邮寄地址应为“${q.expected}”。`;
    }
    case "offsite.recipient": {
      const q = p as ProblemParams["offsite.recipient"];
      return `“${q.mode}”的收件人应为本学院研究生秘书“${q.expected}”。`;
    }
    case "offsite.phone": {
      const q = p as ProblemParams["offsite.phone"];
      return q.reason === "format"
        ? `“${q.mode}”的收件人电话应为秘书的11位手机号。`
        : `“${q.mode}”的收件人电话应为本学院研究生秘书的手机号“${q.expected}”。`;
    }
    case "onsite.mailFields":
      return `“${(p as ProblemParams["onsite.mailFields"]).mode}”不需要填写邮寄信息，提交时这些格会被清空。`;
    case "dup.studentNo": {
      const q = p as ProblemParams["dup.studentNo"];
      return `学号“${q.value}”${duplicateOf("学号", q)}每位学生只能报一次。`;
    }
    case "dup.idNumber":
      return `身份证号${duplicateOf("身份证号", p as ProblemParams["dup.idNumber"])}`;
    case "roster.unknown":
      return `学号“${(p as ProblemParams["roster.unknown"]).studentNo}”不在学籍名单中，请核对学号。`;
    case "roster.idMismatch": {
      const q = p as ProblemParams["roster.idMismatch"];
      return `学号与身份证号不匹配：学籍名单中学号“${q.studentNo}”的身份证号尾号为“${q.expectedTail}”。照片将无法与学籍匹配。`;
    }
    case "roster.idElsewhere":
      return `这个身份证号在学籍名单中属于学号“${(p as ProblemParams["roster.idElsewhere"]).otherStudentNo}”，请核对学号。`;
    case "roster.nameMismatch": {
      const q = p as ProblemParams["roster.nameMismatch"];
      return `姓名“${q.actual}”与学籍名单不一致，学籍中为“${q.expected}”。`;
    }
    case "roster.levelMismatch": {
      const q = p as ProblemParams["roster.levelMismatch"];
      return `培养层次“${q.actual}”与学籍名单不一致，学籍中为“${q.expected}”。`;
    }
    case "captured.already":
      return (p as ProblemParams["captured.already"]).by === "studentNo"
        ? "该学生（按学号）已参加过图像信息采集，请勿重复采集，以免学信网数据冲突。"
        : "该学生（按身份证号）已参加过图像信息采集，请勿重复采集，以免学信网数据冲突。";
    default: {
      const never: never = code as never;
      return String(never);
    }
  }
}

/** The summary's one line for a list without a 采集方式 column (Summary.defaultMode). */
export function defaultModeNote(mode: string): string {
  return `名单中没有“采集方式”列：全部按“${mode}”处理，不需要邮寄地址、收件人和收件人电话。`;
}

/** How many row numbers a row list names before it only counts the rest. */
export const SHOWN_ROWS = 20;

/**
 * A list of rows, one wording for every part (command line, pane, server): "第 2、3、5 行", or
 * "第 2、3、…、21 行等 26 行" when there are more than `max`. Empty for no rows.
 */
export function rowsText(rows: readonly number[], max = SHOWN_ROWS): string {
  if (rows.length === 0) return "";
  if (rows.length <= max) return `第 ${rows.join("、")} 行`;
  return `第 ${rows.slice(0, max).join("、")}、… 行等 ${rows.length} 行`;
}

/** Why no list was found: where the header was looked for and what it must name (the template's numbers). */
export function noHeaderText(template: Pick<Template, "headerSearchRows" | "minHeadersForList">): string {
  return `前 ${template.headerSearchRows} 行中找不到表头（至少要有 ${template.minHeadersForList} 个模板列名，如 姓名、学号、身份证号）`;
}
