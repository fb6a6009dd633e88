import fc from "fast-check";
import { ListChecker, type CellValue, type Grid, type Problem } from "../../src/domain";
import { HEADERS, idFor, options, student, TITLE, toCells } from "./helpers";

/**
 * Duplicates at scale (issue 7 §2): a column of identical 学号/IDs must cost linear work. These tests
 * assert structure (how many rows an edit re-checks, what each message names), not time; the cubic
 * index they replace did not finish 1,000 such rows within jest's timeout.
 */

const N = 20_000;
const SAME = toCells(student(0));

function identicalRows(n: number): Grid {
  const rows: CellValue[][] = [[TITLE], HEADERS];
  for (let i = 0; i < n; i++) rows.push(SAME);
  return { rows };
}

function loaded(n: number): ListChecker {
  const checker = new ListChecker(options());
  expect(checker.load(identicalRows(n)).ok).toBe(true);
  return checker;
}

const NO_MESSAGE = "学号“220150900”重复，与第3行相同。每位学生只能报一次。";
const ID_MESSAGE = "身份证号重复，与第3行相同。";

describe(`${N.toLocaleString("en")} identical rows (same 学号 and 身份证号)`, () => {
  test("two problems per row, each naming one row; only the first row tells the count", () => {
    const checker = loaded(N);
    const problems = checker.problems();
    expect(problems).toHaveLength(2 * N);
    expect(problems.slice(0, 2).map((p) => p.message)).toEqual([
      `学号“220150900”重复：共${N}行填了这个学号，与第4行等${N - 1}行相同。每位学生只能报一次。`,
      `身份证号重复：共${N}行填了这个身份证号，与第4行等${N - 1}行相同。`,
    ]);
    const rest = problems.slice(2);
    expect(rest.filter((p) => p.code === "dup.studentNo" && p.message === NO_MESSAGE)).toHaveLength(N - 1);
    expect(rest.filter((p) => p.code === "dup.idNumber" && p.message === ID_MESSAGE)).toHaveLength(N - 1);
    expect(checker.summary()).toMatchObject({ rows: N, errors: 2 * N, warnings: 0, readyRows: 0 });
  });

  test("a row joining or leaving below the first re-checks it and the first row only", () => {
    const checker = loaded(N);
    const below = N + 10;
    const joined = checker.update([{ row: below, cells: SAME }]);
    expect(joined.rows).toEqual([3, below]);
    expect(joined.problems.map((p) => [p.row, p.code])).toEqual([
      [3, "dup.studentNo"],
      [3, "dup.idNumber"],
      [below, "dup.studentNo"],
      [below, "dup.idNumber"],
    ]);
    expect(joined.problems[0].message).toContain(`共${N + 1}行`);
    const fixed = checker.update([{ row: 500, cells: toCells(student(7)) }]);
    expect(fixed.rows).toEqual([3, 500]);
    expect(fixed.problems.filter((p) => p.row === 500)).toEqual([]);
  });

  test("a paste of 1,000 identical rows below re-checks those rows and the first row", () => {
    const checker = loaded(N);
    const changes = Array.from({ length: 1000 }, (_, i) => ({ row: N + 3 + i, cells: SAME }));
    const delta = checker.update(changes);
    expect(delta.rows).toEqual([3, ...changes.map((c) => c.row)]);
    expect(delta.problems).toHaveLength(2 * 1001);
  });

  test("fixing the first row is the one edit that changes every message (they all name it)", () => {
    const checker = loaded(N);
    const delta = checker.update([{ row: 3, cells: toCells(student(7)) }]);
    expect(delta.rows).toHaveLength(N);
    const fresh = new ListChecker(options());
    const rows = [...identicalRows(N).rows];
    rows[2] = toCells(student(7));
    fresh.load({ rows });
    expect(checker.problems()).toEqual(fresh.problems());
  });
});

describe("update() on lists of many repeated keys equals a fresh load (property)", () => {
  // Few variants, so that most rows share a 学号, an ID or both: groups grow, shrink, split and merge.
  const VARIANTS: CellValue[][] = [
    SAME,
    toCells(student(0, { idNumber: idFor(1, "男") })),
    toCells(student(1, { studentNo: "220150900" })),
    toCells(student(1)),
    toCells(student(2, { idNumber: idFor(0, "男"), gender: "男" })),
    [],
  ];
  const variant = fc.integer({ min: 0, max: VARIANTS.length - 1 });
  // A paste: a block of rows set to one variant, or to a run of variants.
  const paste = fc.record({
    top: fc.integer({ min: 3, max: 45 }),
    values: fc.array(variant, { minLength: 1, maxLength: 12 }),
  });

  function byRow(problems: readonly Problem[]): Map<number, string> {
    const m = new Map<number, Problem[]>();
    for (const p of problems) m.set(p.row, [...(m.get(p.row) ?? []), p]);
    return new Map([...m].map(([r, ps]) => [r, JSON.stringify(ps)]));
  }

  test("problems, summary, and a delta that is complete and minimal", () => {
    fc.assert(
      fc.property(
        fc.array(variant, { maxLength: 40 }),
        fc.array(paste, { minLength: 1, maxLength: 8 }),
        (initial, pastes) => {
          const sheet: CellValue[][] = [[TITLE], HEADERS, ...initial.map((v) => VARIANTS[v])];
          const checker = new ListChecker(options());
          checker.load({ rows: [...sheet] });
          for (const { top, values } of pastes) {
            const before = byRow(checker.problems());
            const changes = values.map((v, i) => ({ row: top + i, cells: VARIANTS[v] }));
            for (const { row, cells } of changes) {
              while (sheet.length < row) sheet.push([]);
              sheet[row - 1] = cells;
            }
            const delta = checker.update(changes);
            expect(delta.needsReload).toBe(false);
            const fresh = new ListChecker(options());
            fresh.load({ rows: [...sheet] });
            const expected = fresh.problems();
            expect(checker.problems()).toEqual(expected);
            expect(checker.summary()).toEqual(fresh.summary());
            const after = byRow(expected);
            const rows = new Set(delta.rows);
            const pasted = new Set(changes.map((c) => c.row));
            for (const r of new Set([...before.keys(), ...after.keys()])) {
              if (before.get(r) !== after.get(r)) expect(rows.has(r)).toBe(true);
            }
            for (const r of delta.rows) if (!pasted.has(r)) expect(before.get(r)).not.toBe(after.get(r));
            expect(delta.problems).toEqual(expected.filter((p) => rows.has(p.row)));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
