import { PROBLEM_CODES, type ProblemCode } from "../../src/domain";
import { KIND_LABELS, problemKind } from "../../src/taskpane/problemKinds";

const kind = (code: ProblemCode, column = "name") => KIND_LABELS[problemKind({ code, column })];

describe("problem kinds", () => {
  test("codes map to the filter's kinds", () => {
    expect(kind("id.checksum", "idNumber")).toBe("身份证号");
    expect(kind("id.numeric", "idNumber")).toBe("身份证号");
    expect(kind("gender.idMismatch", "gender")).toBe("身份证号");
    expect(kind("docType.value", "docType")).toBe("身份证号");
    expect(kind("id.foreign", "idNumber")).toBe("身份证号");
    expect(kind("id.age", "idNumber")).toBe("身份证号");
    expect(kind("roster.nameMismatch")).toBe("学号与学籍");
    expect(kind("captured.already", "studentNo")).toBe("学号与学籍");
    expect(kind("studentNo.format", "studentNo")).toBe("学号与学籍");
    expect(kind("dup.idNumber", "idNumber")).toBe("重复");
    expect(kind("offsite.phone", "recipientPhone")).toBe("邮寄信息");
    expect(kind("onsite.mailFields", "mailAddress")).toBe("邮寄信息");
    expect(kind("normalize.fullwidth", "idNumber")).toBe("格式规范");
    expect(kind("level.value", "level")).toBe("其他");
  });

  test("an empty required cell goes with its column", () => {
    expect(kind("cell.required", "idNumber")).toBe("身份证号");
    expect(kind("cell.required", "studentNo")).toBe("学号与学籍");
    expect(kind("cell.required", "recipient")).toBe("邮寄信息");
    expect(kind("cell.required", "gender")).toBe("其他");
  });

  test("only these codes fall to 其他: a new code must be placed on purpose", () => {
    const other = PROBLEM_CODES.filter((code) => problemKind({ code, column: "x" }) === "other").sort();
    expect(other).toEqual(
      [
        "cell.required",
        "cell.tooLong",
        "college.value",
        "gender.value",
        "gradDate.value",
        "header.duplicate",
        "header.missing",
        "level.value",
        "mode.value",
        "name.chars",
      ].sort(),
    );
  });
});
