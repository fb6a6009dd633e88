import { KeyIndex } from "./keyIndex";
import { renderMessage } from "./messages.zh-CN";
import { SEVERITY, type Problem } from "./problems";
import type { ParsedRow } from "./rules/env";

/**
 * The duplicate rules (dup.studentNo, dup.idNumber) over two key indexes.
 *
 * What a message says, decided for linear work whatever the input: a row names ONE other row, never
 * every pair (100,000 identical rows would otherwise render 10^10 row numbers). The group's first
 * row (smallest row number) names the second and says how many rows share the key; every other row
 * names the first. Only the first row carries the count, so a row joining or leaving a group changes
 * one other message (the first row's), and the pane rewrites one note instead of the whole group's;
 * the whole group changes only when its first row changes (they all name it). A count on every row
 * would make each edit of a 1,000-row group re-render and re-mark 1,000 cells.
 */
export class Duplicates {
  private readonly byStudentNo = new KeyIndex();
  private readonly byIdNumber = new KeyIndex();
  /**
   * The last message rendered per code: the rows of a group mostly say the same words ("与第3行相同"),
   * and 100,000 copies of one string were most of the garbage of a list of identical rows.
   */
  private lastNo = { value: "", sameAs: 0, message: "" };
  private lastId = { sameAs: 0, message: "" };

  /** Empties both indexes, sized for about `expected` rows. */
  reset(expected = 0): void {
    this.byStudentNo.reset(expected);
    this.byIdNumber.reset(expected);
  }

  add(p: ParsedRow): void {
    if (p.studentNoKey) this.byStudentNo.add(p.studentNoKey, p.row);
    if (p.idKey) this.byIdNumber.add(p.idKey, p.row);
  }

  /** Takes a row out of both indexes (whatever keys it held). */
  remove(row: number): void {
    this.byStudentNo.remove(row);
    this.byIdNumber.remove(row);
  }

  /**
   * Calls `touch` for every row whose duplicate problems changed since the last call, other than
   * rows added or removed meanwhile (see KeyIndex.drain). A row may be touched twice (both keys).
   */
  drain(touch: (row: number) => void): void {
    this.byStudentNo.drain(touch);
    this.byIdNumber.drain(touch);
  }

  /** Forgets the changes since the last drain without visiting rows (after a full load). */
  forgetChanges(): void {
    this.byStudentNo.forgetChanges();
    this.byIdNumber.forgetChanges();
  }

  /** How many duplicate problems the row has now (0, 1 or 2): no rendering. */
  countOf(row: number): number {
    return (this.byStudentNo.countOf(row) > 1 ? 1 : 0) + (this.byIdNumber.countOf(row) > 1 ? 1 : 0);
  }

  /** The row's duplicate problems now (an empty list most of the time: `none` is returned as is). */
  problemsOf(p: ParsedRow, none: Problem[]): Problem[] {
    if (this.countOf(p.row) === 0) return none;
    const out: Problem[] = [];
    this.appendProblems(p, out);
    return out;
  }

  /** Pushes the row's duplicate problems onto `out` (no list per row while every problem is read). */
  appendProblems(p: ParsedRow, out: Problem[]): void {
    const row = p.row;
    const sameNo = p.studentNoKey ? this.byStudentNo.sameAs(row) : -1;
    if (sameNo >= 0) {
      const value = p.studentNoKey as string;
      // Only a group's first row (it names a later one) tells the count.
      const message =
        sameNo > row
          ? renderMessage("dup.studentNo", { value, sameAs: sameNo, total: this.byStudentNo.countOf(row) })
          : this.studentNoMessage(value, sameNo);
      out.push(dupProblem(row, "studentNo", message));
    }
    const sameId = p.idKey ? this.byIdNumber.sameAs(row) : -1;
    if (sameId >= 0) {
      const message =
        sameId > row
          ? renderMessage("dup.idNumber", { sameAs: sameId, total: this.byIdNumber.countOf(row) })
          : this.idNumberMessage(sameId);
      out.push(dupProblem(row, "idNumber", message));
    }
  }

  private studentNoMessage(value: string, sameAs: number): string {
    const last = this.lastNo;
    if (last.value !== value || last.sameAs !== sameAs) {
      this.lastNo = { value, sameAs, message: renderMessage("dup.studentNo", { value, sameAs }) };
    }
    return this.lastNo.message;
  }

  private idNumberMessage(sameAs: number): string {
    if (this.lastId.sameAs !== sameAs) {
      this.lastId = { sameAs, message: renderMessage("dup.idNumber", { sameAs }) };
    }
    return this.lastId.message;
  }
}

/** makeProblem with the message already rendered. */
function dupProblem(row: number, column: "studentNo" | "idNumber", message: string): Problem {
  const code = column === "studentNo" ? "dup.studentNo" : "dup.idNumber";
  return { row, column, code, severity: SEVERITY[code], message };
}
