import {
  buildCaptured,
  buildRoster,
  checkGrid,
  levelResolver,
  ListFileError,
  type Campaign,
  type CapturedIndex,
  type GridRow,
  type RosterIndex,
  type Severity,
} from "../../domain";
import { rowReader, sourceRow } from "../../domain/merge/keys";
import type { CollegeSubmission } from "../../domain/merge";
import { inflateWithZlib } from "../../files/node";
import { FileReadError } from "../../files/readErrors";
import { readSheet } from "../../files/readSheet";

/**
 * The school-wide roster (学籍名单) and already-captured list (已采集名单) uploaded at the desk: read
 * with the reader the pane and the CLI use, indexed by the engine's buildRoster/buildCaptured, and every
 * college's latest rows checked against them by the engine itself. Runs in the upload worker.
 */

export type SchoolListKind = "roster" | "captured";

/** A stored list as the worker needs it: its bytes and the name it was uploaded with (format by content). */
export interface StoredListFile {
  bytes: Uint8Array;
  fileName: string;
}

/** GET /api/desk/checks: one row the engine's roster or captured rules flag. */
export interface DeskListCheck {
  college: string;
  /** The worksheet row in the college's §5 sheet (header on row 1). */
  row: number;
  studentNo: string;
  name: string;
  code: string;
  severity: Severity;
  /** The engine's Chinese message. */
  message: string;
}

const WHAT: Record<SchoolListKind, string> = { roster: "学籍名单", captured: "已采集名单" };

/** A list the desk cannot use: its Chinese reason crosses the thread as the error's message. */
function unusable(message: string): Error {
  return Object.assign(new Error(message), { name: "ListUnusable" });
}

async function indexOf(
  kind: SchoolListKind,
  file: StoredListFile,
  campaign: Campaign,
): Promise<RosterIndex | CapturedIndex> {
  try {
    const { grid } = await readSheet(file.bytes, file.fileName, { inflate: inflateWithZlib });
    return kind === "roster" ? buildRoster(grid, levelResolver(campaign)) : buildCaptured(grid);
  } catch (e) {
    if (e instanceof FileReadError) throw unusable(`${WHAT[kind]}无法读取：${e.zh}`);
    if (e instanceof ListFileError) throw unusable(e.message);
    throw e;
  }
}

/** Reads an uploaded list and answers how many students it holds; ListUnusable (Chinese) when it cannot. */
export async function countSchoolList(
  kind: SchoolListKind,
  file: StoredListFile,
  campaign: Campaign,
): Promise<number> {
  return (await indexOf(kind, file, campaign)).size;
}

const CODE_PREFIXES = ["roster.", "captured."];

/**
 * Each college's rows checked by the engine with the school-wide lists; only the roster and captured
 * problems are kept. One check per college, each linear in its rows; the lists are indexed once.
 */
export async function schoolListChecks(input: {
  campaign: Campaign;
  roster?: StoredListFile;
  captured?: StoredListFile;
  submissions: CollegeSubmission[];
}): Promise<DeskListCheck[]> {
  const { campaign } = input;
  const roster = input.roster
    ? ((await indexOf("roster", input.roster, campaign)) as RosterIndex)
    : undefined;
  const captured = input.captured
    ? ((await indexOf("captured", input.captured, campaign)) as CapturedIndex)
    : undefined;
  if (!roster && !captured) return [];
  const out: DeskListCheck[] = [];
  for (const s of input.submissions) {
    // The §5 sheet as the college sent it: its header on the grid's first row, then its rows.
    const header: GridRow = s.columns.map((c) => c.header ?? c.key);
    const grid = { rows: [header, ...s.rows] };
    const { checker, outcome } = checkGrid(grid, {
      campaign,
      college: s.college,
      ...(roster ? { roster } : {}),
      ...(captured ? { captured } : {}),
    });
    if (!outcome.ok) continue;
    const read = rowReader(s.columns);
    // roster.idMismatch is told on both the 学号 and the ID cell: one entry per row and code here.
    const seen = new Set<string>();
    for (const p of checker.problems()) {
      if (!CODE_PREFIXES.some((prefix) => p.code.startsWith(prefix))) continue;
      // The engine's row is the grid's 1-based worksheet row; rows[i] sits on grid row i + 2.
      const i = p.row - 2;
      const row = s.rows[i];
      if (!row || seen.has(`${i} ${p.code}`)) continue;
      seen.add(`${i} ${p.code}`);
      out.push({
        college: s.college,
        row: sourceRow(s, i),
        studentNo: read.get(row, "studentNo"),
        name: read.get(row, "name"),
        code: p.code,
        severity: p.severity,
        message: p.message,
      });
    }
  }
  return out;
}
