import type { Problem } from "../domain";
import type { RefusalSummary } from "./sendClient";

/**
 * The server checks the submission file it received, so its 422 names the file's rows (header in row 1,
 * students from row 2, errors already skipped). The secretary edits the list: each problem is moved to
 * the list's row it came from (the host said which when it built the file), so clicking it selects the
 * right cell.
 */

/** The server's refusal as the pane shows it. */
export interface ServerRefusal {
  message: string;
  /** At the list's own rows. */
  problems: Problem[];
  /** Problems on no submitted row (the file's header): listed in words, not at a row. */
  unplaced: Problem[];
  /** The server's own count (its 422 summary, else counted from its problems). */
  summary: RefusalSummary;
}

/** The file's first student row. */
const FIRST_DATA_ROW = 2;
const DUP_CODES = new Set(["dup.studentNo", "dup.idNumber"]);

export function placeRefusal(args: {
  message: string;
  problems: readonly Problem[];
  summary?: RefusalSummary;
  listRows: readonly number[];
}): ServerRefusal {
  const { listRows } = args;
  const listRow = (fileRow: number): number | undefined =>
    Number.isInteger(fileRow) ? listRows[fileRow - FIRST_DATA_ROW] : undefined;
  const problems: Problem[] = [];
  const unplaced: Problem[] = [];
  for (const p of args.problems) {
    const row = listRow(p.row);
    if (row === undefined) {
      unplaced.push(p);
      continue;
    }
    // A duplicate names its twin by the file's row too ("与第5行相同"): the list's row instead.
    const message = DUP_CODES.has(p.code)
      ? p.message.replace(/第(\d+)行/g, (whole, n: string) => {
          const twin = listRow(Number(n));
          return twin === undefined ? whole : `第${twin}行`;
        })
      : p.message;
    problems.push({ ...p, row, message });
  }
  let errors = 0;
  for (const p of args.problems) if (p.severity === "error") errors++;
  const summary = args.summary ?? {
    rows: listRows.length,
    errors,
    warnings: args.problems.length - errors,
  };
  return { message: args.message, problems, unplaced, summary };
}
