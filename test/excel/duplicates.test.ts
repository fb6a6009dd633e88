import { columnLetter, DEFAULT_TEMPLATE, marksFromProblems, type CellValue } from "../../src/domain";
import { markColour, NOTE_PREFIX } from "../../src/excel/marks";
import { HEADERS, student, TITLE, toCells } from "../domain/helpers";
import { markedCells, measure, startHost, SHEET, type Harness } from "./helpers";

/**
 * Issue 7 §2 in the pane: pasting 1,000 identical rows (a placeholder dragged down, a block pasted
 * twice) must cost O(rows) work and O(1) round trips. Counted with the in-memory Excel, never timed.
 */

const KEYS = DEFAULT_TEMPLATE.columns.map((c) => c.key);
const PASTED = 1000;
const BASE = 20;

/** A row as a paste delivers it: text, with a leading apostrophe to keep digits as text. */
function pasteRow(values: CellValue[]): string[] {
  return values.map((v) => (v === null ? "" : `'${String(v)}`));
}

function expectMarksMatch(h: Harness): void {
  const wanted = marksFromProblems(h.last().problems, (k) => {
    const i = KEYS.indexOf(k);
    return i < 0 ? undefined : i;
  });
  const seen = markedCells(h.excel);
  expect(seen.size).toBe(wanted.length);
  for (const m of wanted) {
    expect(seen.get(`${columnLetter(m.col)}${m.row}`)).toEqual({
      fill: markColour(m.severity),
      note: NOTE_PREFIX + m.note,
    });
  }
}

describe(`a paste of ${PASTED.toLocaleString("en")} identical rows`, () => {
  it("is one read, one read of the first row's look and one write; later edits touch O(1) cells", async () => {
    const rows: CellValue[][] = [[TITLE], HEADERS];
    for (let n = 0; n < BASE; n++) rows.push(toCells(student(n)));
    const h = await startHost(rows);
    expect(h.last().problems).toEqual([]);

    // Student 0 (row 3) pasted 1,000 times below the list: rows 23 … 1022.
    const top = BASE + 3;
    const same = pasteRow(toCells(student(0)));
    const pasted = Array.from({ length: PASTED }, () => same);
    const paste = await measure(h, () => h.excel.workbook.user.paste(SHEET, `A${top}`, pasted));
    const problems = h.last().problems;
    // Two problems (学号, 身份证号) on each of the 1,001 rows holding student 0, nothing else.
    expect(problems).toHaveLength(2 * (PASTED + 1));
    expect(problems.every((p) => p.code === "dup.studentNo" || p.code === "dup.idNumber")).toBe(true);
    expectMarksMatch(h);
    // The pasted block is read once (values, fill, note count); row 3's look once (its first mark);
    // then every mark in one write: a fill and a note per marked cell.
    expect(paste.syncs).toBe(3);
    expect(paste.writes).toBe(2 * 2 * (PASTED + 1));

    // One more identical row: its two cells, and the first row's two notes (its count) change.
    const one = await measure(h, () => h.excel.workbook.user.paste(SHEET, `A${top + PASTED}`, [same]));
    expect(one.syncs).toBe(2);
    expect(one.writes).toBe(2 * 2 + 2);
    expect(
      h
        .last()
        .problems.filter((p) => p.row === 3)
        .map((p) => p.message),
    ).toEqual([
      `学号“220150900”重复：共${PASTED + 2}行填了这个学号，与第${top}行等${PASTED + 1}行相同。每位学生只能报一次。`,
      `身份证号重复：共${PASTED + 2}行填了这个身份证号，与第${top}行等${PASTED + 1}行相同。`,
    ]);
    expectMarksMatch(h);

    // Clearing the pasted rows again: every mark comes off (fill and note per cell), in one write.
    const cleared = await measure(h, () =>
      h.excel.workbook.user.clear(SHEET, `A${top}:${columnLetter(KEYS.length - 1)}${top + PASTED}`),
    );
    expect(h.last().problems).toEqual([]);
    expect(markedCells(h.excel).size).toBe(0);
    expect(cleared.syncs).toBe(2);
    expect(cleared.writes).toBe(2 * 2 * (PASTED + 2));
  });
});
