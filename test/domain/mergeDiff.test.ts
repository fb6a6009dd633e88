import { diffSubmissions } from "../../src/domain";
import { idFor } from "./helpers";
import { of, raw, submissionOf } from "./mergeHelpers";

const WEN = "文学院";

describe("diffSubmissions", () => {
  const older = submissionOf(WEN, [of(WEN, 1), of(WEN, 2), of(WEN, 3), of(WEN, 4)]);

  it("finds students added, removed and changed field by field; 序号 alone is no change", () => {
    const newer = submissionOf(WEN, [
      of(WEN, 5),
      of(WEN, 1),
      of(WEN, 2, { name: "李娜", gradDate: "2018年12月" }),
      // 学号 corrected: paired by 身份证号.
      of(WEN, 3, { studentNo: "220150999" }),
    ]);
    expect(diffSubmissions(older, newer)).toEqual({
      added: [{ row: 2, name: "张敏", studentNo: "220150905", idNumber: idFor(5, "女") }],
      removed: [{ row: 5, name: "张英", studentNo: "220150904", idNumber: idFor(4, "男") }],
      changed: [
        {
          matchedBy: "studentNo",
          before: { row: 3, name: "张娜", studentNo: "220150902", idNumber: idFor(2, "男") },
          after: { row: 4, name: "李娜", studentNo: "220150902", idNumber: idFor(2, "男") },
          fields: [
            { key: "name", header: "姓名", before: "张娜", after: "李娜" },
            { key: "gradDate", header: "毕业时间", before: "2018年6月", after: "2018年12月" },
          ],
        },
        {
          matchedBy: "idNumber",
          before: { row: 4, name: "张秀", studentNo: "220150903", idNumber: idFor(3, "女") },
          after: { row: 5, name: "张秀", studentNo: "220150999", idNumber: idFor(3, "女") },
          fields: [{ key: "studentNo", header: "学号", before: "220150903", after: "220150999" }],
        },
      ],
      unchanged: 1,
    });
  });

  it("sees nothing between a submission and itself", () => {
    expect(diffSubmissions(older, older)).toEqual({ added: [], removed: [], changed: [], unchanged: 4 });
  });

  it("pairs 学号 first, so an ID another row took by 学号 is not paired twice", () => {
    // Older: A (sno 1, id X). Newer: B (sno 9, id X) and A' (sno 1, id Y). A pairs with A' by 学号;
    // B then finds X already taken and is added.
    const a = raw(WEN, [["甲", "220150001", idFor(1)]]);
    const b = raw(WEN, [
      ["乙", "220150009", idFor(1)],
      ["甲", "220150001", idFor(2)],
    ]);
    const d = diffSubmissions(a, b);
    expect(d.added.map((s) => s.name)).toEqual(["乙"]);
    expect(d.changed.map((c) => [c.matchedBy, c.fields.map((f) => f.key)])).toEqual([
      ["studentNo", ["idNumber"]],
    ]);
    expect(d.removed).toEqual([]);
  });

  it("pairs repeated values in order: three rows with one 学号 against two", () => {
    const three = raw(WEN, [
      ["甲", "220150001", idFor(1)],
      ["乙", "220150001", idFor(2)],
      ["丙", "220150001", idFor(3)],
    ]);
    const two = raw(WEN, [
      ["甲", "220150001", idFor(1)],
      ["乙", "220150001", idFor(2)],
    ]);
    const d = diffSubmissions(three, two);
    expect(d).toEqual({
      added: [],
      removed: [{ row: 4, name: "丙", studentNo: "220150001", idNumber: idFor(3) }],
      changed: [],
      unchanged: 2,
    });
    expect(diffSubmissions(two, three).added.map((s) => s.row)).toEqual([4]);
  });

  it("stays linear on 5,000 rows of one 学号 and one ID (every pair found)", () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i): [string, string, string] => [`s${i}`, "220150001", idFor(1)]);
    const d = diffSubmissions(raw(WEN, rows(5000)), raw(WEN, rows(5000)));
    expect([d.added.length, d.removed.length, d.unchanged]).toEqual([0, 0, 5000]);
  });

  it("compares columns only one side has", () => {
    const a = raw(WEN, [["甲", "220150001", idFor(1)]]);
    const b = {
      ...a,
      columns: [...a.columns, { key: "note", header: "备注" }],
      rows: [[...a.rows[0], "补交"]],
    };
    expect(diffSubmissions(a, b).changed[0].fields).toEqual([
      { key: "note", header: "备注", before: "", after: "补交" },
    ]);
  });
});
