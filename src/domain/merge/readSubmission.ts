import { findCollege, type Campaign } from "../campaign";
import type { Grid } from "../grid";
import { checkGrid, type Summary } from "../listChecker";
import type { Problem } from "../problems";
import { buildSubmission } from "../submission";
import type { Template } from "../template";
import type { CollegeSubmission } from "./types";

export type SubmissionCheck =
  | {
      ok: true;
      submission: CollegeSubmission;
      /** Every problem of the file (errors and warnings), in sheet order. */
      problems: Problem[];
      /** Worksheet rows left out of `submission` because they have errors. */
      leftOutRows: number[];
      summary: Summary;
    }
  | { ok: false; reason: "noHeader" | "headerErrors" | "empty" | "noCollege"; problems: Problem[] };

/**
 * The graduate school has no secretary's profile: each college's mailing cells were checked against
 * its own profile when the list was built and sent. Here they must be filled and a phone must look
 * like one (the rules' behaviour when the campaign holds no profile), not equal the built-in address.
 */
function withoutMailProfiles(campaign: Campaign): Campaign {
  return {
    ...campaign,
    colleges: campaign.colleges.map((c) => {
      const rest = { ...c };
      delete rest.mailAddress;
      delete rest.recipient;
      delete rest.recipientPhone;
      return rest;
    }),
  };
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let n = 0;
  for (const v of values) {
    if (!v) continue;
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > n) [best, n] = [v, c];
  }
  return best;
}

/**
 * The college a §5 file name names: 10730兰州大学_<学院>_<名单名>_37人.xlsx (the second part, when
 * the campaign knows it, under its current name).
 */
export function collegeFromFileName(campaign: Campaign, fileName: string): string | undefined {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  const parts = base.split("_");
  if (parts.length < 3) return undefined;
  return findCollege(campaign, parts[1].trim())?.name;
}

/**
 * One college's submission file read with the engine, for a merge without the server (`cli merge`):
 * the college is `opts.college` (from the file name) or the one most rows name, and rows naming
 * another college are errors then. Rows with errors are left out of the submission and listed.
 */
export function checkSubmissionGrid(
  grid: Grid,
  campaign: Campaign,
  opts: { college?: string; template?: Template } = {},
): SubmissionCheck {
  const relaxed = withoutMailProfiles(campaign);
  const check = (college: string | undefined) =>
    checkGrid(grid, { campaign: relaxed, template: opts.template, college });
  let { checker, outcome } = check(opts.college);
  if (!outcome.ok) return { ok: false, reason: "noHeader", problems: [] };
  let college = opts.college;
  if (college === undefined) {
    const names = checker.rows().map((r) => r.college?.name ?? "");
    college = mostCommon(names);
    // A second check only for a file naming several colleges: the others' rows become errors.
    if (college !== undefined && names.some((n) => n && n !== college))
      ({ checker, outcome } = check(college));
  }
  const built = buildSubmission(checker, { skipInvalid: true });
  const problems = checker.problems();
  if (!built.ok) return { ok: false, reason: built.reason === "errors" ? "empty" : built.reason, problems };
  const name = college ?? built.college;
  if (!name) return { ok: false, reason: "noCollege", problems };
  const sourceRows = checker
    .rows()
    .filter((r) => !checker.rowHasError(r.row))
    .map((r) => r.row);
  return {
    ok: true,
    submission: { college: name, columns: built.sheet.columns, rows: built.sheet.rows, sourceRows },
    problems,
    leftOutRows: built.skippedRows,
    summary: checker.summary(),
  };
}
