import { OwnWriteGuard } from "../../src/excel/changeQueue";
import { inRuns, rowRuns } from "../../src/excel/liveCheck";
import { SheetMarks, type MarkedCell } from "../../src/excel/marks";
import type { CellMark } from "../../src/domain";

/**
 * The adapter's bookkeeping at scale (issue 7 §2): per-edit work follows the rows edited, never the
 * marks on the sheet, the span between edits, or the add-in's earlier writes. Structural assertions.
 */

const ROWS = 20_000;

function markedSheet(): SheetMarks {
  const marks = new SheetMarks();
  const all: CellMark[] = [];
  for (let row = 3; row < ROWS + 3; row++) {
    all.push({ row, col: 4, severity: "error", note: "学号重复" });
    all.push({ row, col: 5, severity: "error", note: "身份证号重复" });
  }
  marks.apply(marks.diff(all), new Map());
  return marks;
}

describe("SheetMarks", () => {
  it("a diff scoped to a few rows never walks the sheet's other marks", () => {
    const marks = markedSheet();
    expect(marks.annotationCount()).toBe(2 * ROWS);
    // Any walk over every mark would throw.
    const walk = () => {
      throw new Error("walked every mark");
    };
    for (const name of [Symbol.iterator, "entries", "values", "keys", "forEach"] as const) {
      Object.defineProperty(marks.cells, name, { value: walk });
    }
    const diff = marks.diff(
      [{ row: 500, col: 4, severity: "error", note: "学号重复（已改）" }],
      new Set([500, 501]),
    );
    expect(diff.add).toEqual([]);
    expect(diff.change.map((c) => [c.mark.row, c.mark.col])).toEqual([[500, 4]]);
    expect(diff.remove.map((c: MarkedCell) => [c.row, c.col]).sort()).toEqual([
      [500, 5],
      [501, 4],
      [501, 5],
    ]);
    marks.apply(diff, new Map());
    expect(marks.annotationCount()).toBe(2 * ROWS - 3);
    // Removed marks are gone from the row index too: scoping to those rows finds nothing to remove.
    expect(marks.diff([], new Set([501])).remove).toEqual([]);
    expect(marks.diff([], new Set([500])).remove.map((c) => c.note)).toEqual(["学号重复（已改）"]);
  });
});

describe("OwnWriteGuard", () => {
  it(`recognises ${(50_000).toLocaleString("en")} own writes, matched by address, in any order`, () => {
    const guard = new OwnWriteGuard(() => 0, 5000);
    const N = 50_000;
    guard.record(
      "s",
      Array.from({ length: N }, (_, i) => ({ top: i, left: 2, bottom: i, right: 2 })),
    );
    expect(guard.pending).toBe(N);
    let own = 0;
    for (let i = N - 1; i >= 0; i--) if (guard.isOwn({ worksheetId: "s", address: `C${i + 1}` })) own++;
    expect(own).toBe(N);
    expect(guard.pending).toBe(0);
    expect(guard.isOwn({ worksheetId: "s", address: "C1" })).toBe(false);
  });

  it("an event covering a write is still recognised; writes age out from the front", () => {
    let t = 0;
    const guard = new OwnWriteGuard(() => t, 1000);
    guard.record("s", [{ top: 0, left: 0, bottom: 9, right: 3 }]);
    t = 500;
    guard.record("s", [{ top: 20, left: 0, bottom: 20, right: 0 }]);
    expect(guard.isOwn({ worksheetId: "other", address: "B2" })).toBe(false);
    expect(guard.isOwn({ worksheetId: "s", address: "B2:C3" })).toBe(true);
    expect(guard.pending).toBe(1);
    t = 1200; // the first write would have aged; the second (at 500) has not
    expect(guard.isOwn({ worksheetId: "s", address: "A21" })).toBe(true);
    guard.record("s", [{ top: 30, left: 0, bottom: 30, right: 0 }]);
    t = 2300;
    expect(guard.pending).toBe(1);
    expect(guard.isOwn({ worksheetId: "s", address: "A31" })).toBe(false);
    expect(guard.pending).toBe(0);
  });
});

describe("reading changed rows", () => {
  it("reads separate blocks for rows far apart, one block for rows close together", () => {
    const runs = rowRuns(new Set([100_000, 3, 5, 4, 60, 100_001]), 14);
    expect(runs).toEqual([
      { top: 2, bottom: 59, left: 0, right: 13 },
      { top: 99_999, bottom: 100_000, left: 0, right: 13 },
    ]);
    expect([2, 59, 99_999, 100_000].map((r) => inRuns(runs, r))).toEqual([true, true, true, true]);
    expect([1, 60, 500, 100_001].map((r) => inRuns(runs, r))).toEqual([false, false, false, false]);
  });

  it(`${ROWS.toLocaleString("en")} scattered rows make ${ROWS.toLocaleString("en")} one-row blocks`, () => {
    const rows = new Set(Array.from({ length: ROWS }, (_, i) => 3 + i * 100));
    const runs = rowRuns(rows, 14);
    expect(runs).toHaveLength(ROWS);
    expect(runs.every((r) => r.top === r.bottom)).toBe(true);
  });
});
