import { buildRoster, DEFAULT_CAMPAIGN, levelResolver, type CellValue } from "../../src/domain";
import { idFor } from "./helpers";

/** Rosters as 研究生综合管理系统 exports them (issue 8 §6): codes, 中文(代码), title rows, 证件类型. */
const resolve = levelResolver(DEFAULT_CAMPAIGN);

describe("buildRoster on records-system exports", () => {
  it("reads a bare-code header under title rows: 学号, name, ID, level and the document type", () => {
    const rows: CellValue[][] = [
      ["研究生学籍信息导出"],
      ["导出时间：2018-03-01"],
      ["XH", "XM", "KSH", "ZJLX", "ZJHM", "PYCC"],
      ["220150900", "张伟", "187301110001", "居民身份证", idFor(0, "男"), "硕士"],
      ["220150901", "JOHN SMITH", "187301110002", " 护照 ", "E12345678", "博士"],
      ["220150902", "李娜", "187301110003", "", idFor(2, "女"), "硕士研究生"],
    ];
    const roster = buildRoster({ rows }, resolve);
    expect(roster.size).toBe(3);
    expect(roster.byStudentNo.get("220150900")).toEqual({
      studentNo: "220150900",
      idNumber: idFor(0, "男"),
      name: "张伟",
      level: "硕士研究生",
      docType: "居民身份证",
    });
    expect(roster.byStudentNo.get("220150901")).toEqual({
      studentNo: "220150901",
      idNumber: "E12345678",
      name: "JOHN SMITH",
      level: "博士研究生",
      docType: "护照",
    });
    // An empty 证件类型 cell brings no document type.
    expect(roster.byStudentNo.get("220150902")?.docType).toBeUndefined();
  });

  it("reads 中文(代码) headers; without a 证件类型 column no entry has a document type", () => {
    const rows: CellValue[][] = [
      ["学号(XH)", "学生姓名(XM)", "证件号码(ZJHM)", "学历(XL)"],
      ["220150900", "张伟", idFor(0, "男"), "硕士"],
    ];
    const roster = buildRoster({ rows }, resolve);
    expect(roster.byStudentNo.get("220150900")).toEqual({
      studentNo: "220150900",
      idNumber: idFor(0, "男"),
      name: "张伟",
      level: "硕士研究生",
    });
  });
});
