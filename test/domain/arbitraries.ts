import fc from "fast-check";
import { upgradeLegacy15, type CellValue } from "../../src/domain";
import { defaultMailAddress } from "../../src/domain/colleges.default";
import { COLLEGE, HEADERS, idFor, KEYS, legacyIdFor } from "./helpers";

/** The first person number whose ID ends in X (so a lower-case x variant exists). */
const X_PERSON = (() => {
  let n = 0;
  while (!idFor(n).endsWith("X")) n++;
  return n;
})();

export const LEGACY = legacyIdFor(3, "男");

/**
 * Cell values per column, drawn from small pools so that 学号 and IDs collide often, in raw and
 * normalised forms (full-width, spaced, lower-case x, 15/18-digit forms of one person).
 */
export const POOLS: Record<string, CellValue[]> = {
  seq: [1, 2, null, " 3"],
  college: [COLLEGE, "文学院", "政治与行政学院", " 信息科学与工程学院", "计算机学院", null],
  name: ["张伟", "张 伟", " 张伟", "阿卜杜•热合曼", "阿卜杜·热合曼", "李3", "·李", null],
  gender: ["男", "女", "男性", " 女", "X", null],
  studentNo: [
    "220150900",
    "220150901",
    "２２０１５０９００",
    " 220150901",
    "2201509a",
    "220150902",
    220150902,
    null,
  ],
  idNumber: [
    idFor(0, "男"),
    idFor(1, "女"),
    idFor(2, "男"),
    idFor(X_PERSON),
    idFor(X_PERSON).toLowerCase(),
    ` ${idFor(1, "女")}`,
    LEGACY,
    upgradeLegacy15(LEGACY),
    idFor(1, "女").slice(0, 17) + (idFor(1, "女")[17] === "1" ? "2" : "1"),
    110105199003071230,
    "123",
    null,
  ],
  // 证件类型 (docType): mostly blank, as most lists have no such column.
  docType: ["居民身份证", "护照", " 护照", "其他", null, null],
  level: ["硕士研究生", "博士", " 硕士生", "本科", null],
  gradDate: ["2018年6月", "2018-12", "２０１８年６月", "2019年6月", null],
  mode: ["现场采集", "异地采集", "补拍", "现场", "网上", null],
  site: ["新华社四川分社", null],
  mailAddress: [defaultMailAddress(COLLEGE), ` ${defaultMailAddress(COLLEGE)}`, "成都", null],
  recipient: ["赵老师", "钱老师", null],
  recipientPhone: ["13912345678", "139 1234 5678", "139", null],
  note: ["已缴费", null],
};

/** A data row in the default template's column order, from the pools. */
export const poolRow: fc.Arbitrary<CellValue[]> = fc.tuple(...KEYS.map((k) => fc.constantFrom(...POOLS[k])));

/** A row as edits produce it: mostly pool rows, sometimes blank, header text or a lone note. */
export const editedRow: fc.Arbitrary<CellValue[]> = fc.oneof(
  { weight: 8, arbitrary: poolRow },
  { weight: 1, arbitrary: fc.constant([] as CellValue[]) },
  { weight: 1, arbitrary: fc.constant(HEADERS as CellValue[]) },
  { weight: 1, arbitrary: fc.constant(KEYS.map((k) => (k === "note" ? "备注" : null)) as CellValue[]) },
);
