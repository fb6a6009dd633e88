import fc from "fast-check";
import {
  buildCaptured,
  buildRoster,
  DEFAULT_CAMPAIGN,
  levelResolver,
  ListChecker,
  SEVERITY,
  upgradeLegacy15,
  type CellValue,
  type CheckOptions,
  type Grid,
  type Problem,
} from "../../src/domain";
import { editedRow, LEGACY } from "./arbitraries";
import {
  check,
  COLLEGE,
  HEADERS,
  idFor,
  legacyIdFor,
  listGrid,
  only,
  options,
  student,
  TITLE,
  toCells,
  where,
  type RowValues,
} from "./helpers";

function loaded(rows: RowValues[], extra: Partial<CheckOptions> = {}): { checker: ListChecker; grid: Grid } {
  const grid = listGrid(rows);
  const checker = new ListChecker(options(extra));
  expect(checker.load(grid).ok).toBe(true);
  return { checker, grid };
}

const byRow = (problems: readonly Problem[], row: number) => problems.filter((p) => p.row === row);

describe("duplicates (SPEC §3.4)", () => {
  it("dup.studentNo on every such row: the first names the second and the count, the others the first", () => {
    const problems = check([
      student(0),
      student(1, { studentNo: "220150900" }),
      student(2),
      student(3, { studentNo: "220150900" }),
    ]);
    const dups = only(problems, "dup.studentNo");
    expect(dups.map((p) => p.row)).toEqual([3, 4, 6]);
    expect(dups.map((p) => p.message)).toEqual([
      "学号“220150900”重复：共3行填了这个学号，与第4行等2行相同。每位学生只能报一次。",
      "学号“220150900”重复，与第3行相同。每位学生只能报一次。",
      "学号“220150900”重复，与第3行相同。每位学生只能报一次。",
    ]);
    expect(dups.every((p) => p.column === "studentNo" && p.severity === "error")).toBe(true);
  });

  it("dup.idNumber, also between a 15-digit ID and its 18-digit form", () => {
    const old = legacyIdFor(5, "男");
    const problems = check([
      student(0, { idNumber: old }),
      student(1),
      student(2, { idNumber: upgradeLegacy15(old) }),
    ]);
    const dups = only(problems, "dup.idNumber");
    expect(dups.map((p) => [p.row, p.column])).toEqual([
      [3, "idNumber"],
      [5, "idNumber"],
    ]);
    expect(dups.map((p) => p.message)).toEqual([
      "身份证号重复，与第5行相同。",
      "身份证号重复，与第3行相同。",
    ]);
  });

  it("compares normalised values (full-width 学号, lower-case x)", () => {
    let n = 0;
    while (!idFor(n).endsWith("X")) n++;
    const gender = Number(idFor(n)[16]) % 2 ? "男" : "女";
    const problems = check([
      student(0, { studentNo: "２２０１５０９０９" }),
      student(9),
      student(20, { gender, idNumber: idFor(n) }),
      student(21, { gender, idNumber: idFor(n).toLowerCase() }),
    ]);
    expect(only(problems, "dup.studentNo").map((p) => p.row)).toEqual([3, 4]);
    expect(only(problems, "dup.idNumber").map((p) => p.row)).toEqual([5, 6]);
  });

  it("distinct students are not duplicates", () => {
    expect(check([student(0), student(1), student(2)])).toEqual([]);
  });

  it("a long list of duplicates is named in short: one other row each, never every pair", () => {
    const rows = Array.from({ length: 8 }, (_, i) => student(i, { studentNo: "220150900" }));
    const dups = only(check(rows), "dup.studentNo");
    expect(dups).toHaveLength(8);
    expect(dups[0].message).toBe(
      "学号“220150900”重复：共8行填了这个学号，与第4行等7行相同。每位学生只能报一次。",
    );
    for (const p of dups.slice(1))
      expect(p.message).toBe("学号“220150900”重复，与第3行相同。每位学生只能报一次。");
  });
});

describe("incremental update()", () => {
  it("returns exactly the changed row plus the rows whose duplicate message it changed", () => {
    const { checker, grid } = loaded([
      student(0),
      student(1),
      student(2),
      student(3),
      student(4, { studentNo: "220150901" }),
    ]);
    // Row 4 (student 1) shares its 学号 with row 7 and keeps it (row 7 still names row 4: untouched);
    // it takes row 5's ID (row 5 now names row 4).
    const cells = toCells(student(1, { idNumber: idFor(2, "男"), gender: "男" }));
    const delta = checker.update([{ row: 4, cells }]);
    expect(delta.needsReload).toBe(false);
    expect(delta.rows).toEqual([4, 5]);
    const fresh = new ListChecker(options());
    const next = { rows: grid.rows.map((r, i) => (i === 3 ? cells : r)) };
    fresh.load(next);
    expect(delta.problems).toEqual(fresh.problems().filter((p) => [4, 5].includes(p.row)));
    expect(checker.problems()).toEqual(fresh.problems());
  });

  it("an edit that touches no shared key re-checks only that row", () => {
    const { checker } = loaded([student(0), student(1), student(2)]);
    const delta = checker.update([{ row: 4, cells: toCells(student(1, { name: "张3" })) }]);
    expect(delta.rows).toEqual([4]);
    expect(where(delta.problems)).toEqual(["name:name.chars"]);
  });

  it("fixing a duplicate clears the dup problem on the other row too", () => {
    const { checker } = loaded([student(0), student(1, { studentNo: "220150900" })]);
    expect(only(checker.problems(), "dup.studentNo")).toHaveLength(2);
    const delta = checker.update([{ row: 4, cells: toCells(student(1)) }]);
    expect(delta.rows).toEqual([3, 4]);
    expect(delta.problems).toEqual([]);
    expect(checker.problems()).toEqual([]);
  });

  it("creating a duplicate marks the other row", () => {
    const { checker } = loaded([student(0), student(1)]);
    const delta = checker.update([
      { row: 4, cells: toCells(student(1, { idNumber: idFor(0, "男"), gender: "男" })) },
    ]);
    expect(delta.rows).toEqual([3, 4]);
    expect(only(delta.problems, "dup.idNumber").map((p) => p.row)).toEqual([3, 4]);
  });

  it("blanking a row removes its problems (and its duplicates' verdicts)", () => {
    const { checker } = loaded([student(0, { name: "张 三" }), student(1, { studentNo: "220150900" })]);
    expect(byRow(checker.problems(), 3).length).toBeGreaterThan(0);
    const delta = checker.update([{ row: 3, cells: [null, "", "  "] }]);
    expect(delta.rows).toEqual([3, 4]);
    expect(delta.problems).toEqual([]);
    expect(checker.problems()).toEqual([]);
    expect(checker.summary().rows).toBe(1);
  });

  it("a row typed below the list joins it", () => {
    const { checker } = loaded([student(0)]);
    const delta = checker.update([{ row: 9, cells: toCells(student(1, { studentNo: "220150900" })) }]);
    expect(delta.rows).toEqual([3, 9]);
    expect(checker.summary().rows).toBe(2);
  });

  it("editing the header row (or above it) asks for a reload", () => {
    const { checker } = loaded([student(0)]);
    expect(checker.update([{ row: 2, cells: HEADERS }])).toEqual({
      needsReload: true,
      rows: [],
      problems: [],
    });
    expect(checker.update([{ row: 1, cells: ["名单"] }]).needsReload).toBe(true);
    expect(
      checker.update([
        { row: 3, cells: toCells(student(0)) },
        { row: 2, cells: HEADERS },
      ]).needsReload,
    ).toBe(true);
  });

  it("a data row that would become a better header asks for a reload", () => {
    // A partial header (no 备注, no 序号): a later row holding every header would win a fresh load.
    const partial = HEADERS.map((h) => (h === "备注" || h === "序号" ? null : h));
    const checker = new ListChecker(options());
    checker.load({ rows: [[TITLE], partial, toCells(student(0))] });
    expect(checker.header?.row).toBe(2);
    expect(checker.update([{ row: 4, cells: HEADERS }]).needsReload).toBe(true);
    // Below the search window the same row is just a (bad) data row.
    expect(checker.update([{ row: 11, cells: HEADERS }]).needsReload).toBe(false);
  });

  it("before a successful load every update asks for a reload", () => {
    const checker = new ListChecker(options());
    expect(checker.update([{ row: 3, cells: [] }]).needsReload).toBe(true);
    expect(checker.load({ rows: [["学号"]] })).toEqual({ ok: false, reason: "noHeader" });
    expect(checker.update([{ row: 3, cells: [] }]).needsReload).toBe(true);
    expect(checker.problems()).toEqual([]);
  });
});

describe("incremental update() equals a fresh load (property)", () => {
  const COLS = HEADERS.length;
  const ROWS = 7; // data rows 3..9, plus edits up to row 11 (past the search window) and into the header

  const rowArb = editedRow;
  const editArb = fc.record({ row: fc.integer({ min: 1, max: 12 }), cells: rowArb });
  const stepArb = fc.array(editArb, { minLength: 1, maxLength: 3 });

  const rosterIndex = buildRoster(
    {
      rows: [
        ["学号", "证件号码", "学生姓名", "层次"],
        ["220150900", idFor(0, "男"), "张伟", "硕士"],
        ["220150901", idFor(1, "女"), "张 伟", "博士"],
        ["220150903", LEGACY, "阿卜杜·热合曼", "硕士研究生"],
      ],
    },
    levelResolver(DEFAULT_CAMPAIGN),
  );
  const captured = buildCaptured({
    rows: [
      ["学号", "身份证号"],
      ["220150902", idFor(2, "男")],
    ],
  });

  const configs: [string, Partial<CheckOptions>][] = [
    ["no roster", {}],
    [
      "college, profile, roster, captured",
      {
        college: COLLEGE,
        profile: { recipient: "赵老师", recipientPhone: "13912345678" },
        roster: rosterIndex,
        captured,
      },
    ],
  ];

  function gridOf(rows: CellValue[][]): Grid {
    return { rows: rows.map((r) => [...r]) };
  }

  function groupByRow(problems: readonly Problem[]): Map<number, string> {
    const m = new Map<number, Problem[]>();
    for (const p of problems) m.set(p.row, [...(m.get(p.row) ?? []), p]);
    return new Map([...m].map(([r, ps]) => [r, JSON.stringify(ps)]));
  }

  it.each(configs)("with %s", (_label, extra) => {
    const initialArb = fc.array(rowArb, { minLength: 0, maxLength: ROWS });
    fc.assert(
      fc.property(
        initialArb,
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (initial, steps, partialHeader) => {
          const header = partialHeader
            ? HEADERS.map((h, i) => (i === 0 || i === COLS - 1 ? null : h))
            : HEADERS;
          const sheet: CellValue[][] = [[TITLE], header, ...initial.map((r) => [...r])];
          const checker = new ListChecker(options(extra));
          checker.load(gridOf(sheet));
          for (const step of steps) {
            const before = groupByRow(checker.problems());
            for (const { row, cells } of step) {
              while (sheet.length < row) sheet.push([]);
              sheet[row - 1] = [...cells];
            }
            const delta = checker.update(step.map(({ row, cells }) => ({ row, cells })));
            const fresh = new ListChecker(options(extra));
            fresh.load(gridOf(sheet));
            if (delta.needsReload) {
              checker.load(gridOf(sheet));
              expect(checker.problems()).toEqual(fresh.problems());
              continue;
            }
            const expected = fresh.problems();
            expect(checker.problems()).toEqual(expected);
            // The delta covers every row whose verdict changed, and reports those rows' current problems.
            const after = groupByRow(expected);
            for (const r of new Set([...before.keys(), ...after.keys()])) {
              if (before.get(r) !== after.get(r)) expect(delta.rows).toContain(r);
            }
            // …and nothing more: a row outside the edit is re-checked only when its verdict changed.
            const edited = new Set(step.map((c) => c.row));
            for (const r of delta.rows) if (!edited.has(r)) expect(before.get(r)).not.toBe(after.get(r));
            const rows = new Set(delta.rows);
            expect(delta.problems).toEqual(expected.filter((p) => rows.has(p.row)));
            expect(checker.summary()).toEqual(fresh.summary());
            expect(checker.rows()).toEqual(fresh.rows());
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("summary", () => {
  it("counts rows, errors, warnings, ready rows, heads by level, mode and batch, and the fee", () => {
    const { checker } = loaded([
      student(0),
      student(1, { level: "博士" }),
      student(2, { gradDate: "2018年12月", mode: "补拍", mailAddress: null }),
      student(3, { gradDate: "2020年6月" }),
    ]);
    const s = checker.summary();
    expect(s).toEqual({
      rows: 4,
      errors: 4, // 补拍 row: address, recipient, phone; row 6: batch
      warnings: 1,
      readyRows: 2,
      byLevel: { 硕士研究生: 3, 博士研究生: 1 },
      byMode: { 现场采集: 3, 补拍: 1 },
      byBatch: { "2018年6月": 2, "2018年12月": 1, "（未填或无效）": 1 },
      feeTotal: 4 * 13,
    });
  });

  it("uses the campaign's fee", () => {
    const { checker } = loaded([student(0), student(1)], {
      campaign: { ...DEFAULT_CAMPAIGN, feePerPerson: 20 },
    });
    expect(checker.summary().feeTotal).toBe(40);
    const empty = new ListChecker(options());
    empty.load(listGrid([]));
    expect(empty.summary()).toMatchObject({ rows: 0, errors: 0, warnings: 0, feeTotal: 0 });
  });
});

describe("robustness (property)", () => {
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.constantFrom(...editedRowValues()),
  );
  function editedRowValues(): CellValue[] {
    // Prototype keys catch lookups in plain objects ("constructor" must not be an alias of anything).
    return [
      ...HEADERS,
      "２０１８年６月",
      "110105199003071230",
      idFor(0),
      "·",
      "\u3000",
      "x",
      "constructor",
      "__proto__",
      "toString",
    ];
  }

  it("any cell values yield well-formed problems, never an exception", () => {
    const codes = new Set<string>(Object.keys(SEVERITY));
    let seen = 0;
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 16 }), { maxLength: 6 }), (rows) => {
        const grid: Grid = { rows: [[TITLE], HEADERS, ...rows] };
        const checker = new ListChecker(options({ college: COLLEGE }));
        checker.load(grid);
        const problems = checker.problems();
        seen += problems.length;
        const summary = checker.summary();
        // The counts summary() makes in place agree with the list.
        expect(summary.errors + summary.warnings).toBe(problems.length);
        for (const p of problems) {
          expect(codes.has(p.code)).toBe(true);
          expect(p.severity).toBe(SEVERITY[p.code]);
          expect(p.row).toBeGreaterThanOrEqual(2);
          expect(p.row).toBeLessThanOrEqual(grid.rows.length);
          expect(p.message).not.toMatch(/undefined|\[object|native code/);
          if (p.fix !== undefined) expect(typeof p.fix).toBe("string");
        }
      }),
      { numRuns: 500 },
    );
    // The random rows must have produced problems, or the loop above checked nothing.
    expect(seen).toBeGreaterThan(100);
  });
});

describe("rows without student data", () => {
  test("a pre-numbered template row (only 序号) and notes outside the template are not rows", () => {
    const {
      ListChecker: Checker,
      DEFAULT_CAMPAIGN: campaign,
      DEFAULT_TEMPLATE,
    } = jest.requireActual("../../src/domain") as typeof import("../../src/domain");
    const header = [...DEFAULT_TEMPLATE.columns.map((c) => c.header), "草稿"];
    const checker = new Checker({ campaign });
    checker.load({
      rows: [
        header,
        [1],
        // "待定" in the column after the template's last.
        [2, ...DEFAULT_TEMPLATE.columns.slice(1).map(() => null), "待定"],
        [3, "文学院"],
      ],
    });
    expect(checker.summary().rows).toBe(1);
    expect(checker.problems().every((p) => p.row === 4)).toBe(true);
    const delta = checker.update([{ row: 4, cells: [3] }]);
    expect(delta.problems).toEqual([]);
    expect(checker.summary().rows).toBe(0);
  });
});
