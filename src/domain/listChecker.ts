import { columnLetter, isBlankCell, isBlankRow, type Grid, type GridRow } from "./grid";
import { headerMatchCount, locateHeader, type HeaderMap } from "./header";
import {
  compareProblems,
  countBySeverity,
  makeProblem,
  type Problem,
  type ProblemCode,
  type ProblemParams,
} from "./problems";
import { buildEnv, type CheckOptions, type Emit, type ParsedRow, type RuleEnv } from "./rules/env";
import { checkRow } from "./rules/row";
import { Duplicates } from "./duplicates";
import { headerMatcher, type HeaderMatcher, type Template } from "./template";

export interface Summary {
  rows: number;
  errors: number;
  warnings: number;
  /** Rows with no error: what a submission would hold. */
  readyRows: number;
  byLevel: Record<string, number>;
  byMode: Record<string, number>;
  byBatch: Record<string, number>;
  feeTotal: number;
  /**
   * The 采集方式 every row was given because the list has no such column (SPEC §2: 现场采集);
   * absent when the list has the column. Told once, never as a problem per row.
   */
  defaultMode?: string;
}

export type LoadOutcome = { ok: true; header: HeaderMap } | { ok: false; reason: "noHeader" };

/** A row's new cell values (the whole row as the sheet holds it now, from column A). */
export interface RowChange {
  row: number;
  cells: GridRow;
}

export interface CheckDelta {
  /** The header moved or changed: the caller must reload the whole sheet. */
  needsReload: boolean;
  /** Rows whose problems were recomputed (changed rows and rows sharing a 学号 or ID with them). */
  rows: number[];
  /** The current problems of those rows (empty for a row that became right or blank). */
  problems: Problem[];
}

const UNKNOWN = "（未填或无效）";

/** Shared empty list: most rows have no problems, and one array per row adds up on big lists. */
const NO_PROBLEMS: Problem[] = [];

/**
 * The rule engine's stateful face: load a sheet once, then feed it edited rows. Pure: no I/O,
 * the same object serves the pane (live checking), the CLI and the server (one full load).
 */
export class ListChecker {
  readonly env: RuleEnv;
  private headerMap?: HeaderMap;
  private headerProblems: Problem[] = [];
  // Row state in arrays indexed by worksheet row: no per-row wrapper objects on 100,000-row lists.
  private parsedByRow: (ParsedRow | undefined)[] = [];
  /** Problems of the row on its own (cells, roster, captured list). */
  private ownByRow: Problem[][] = [];
  private rowCount = 0;
  /** The header's columns other than 序号: a row with nothing in them is not a student. */
  private dataColumns: number[] = [];
  /**
   * 学号 and ID → rows. Duplicate problems are rendered when read (problems(), update()), never
   * stored: 100,000 identical rows keep no 200,000 problems alive between reads.
   */
  private readonly dups = new Duplicates();
  private readonly columnOrder: Map<string, number>;
  // One emit for every row (a closure per row was garbage on 100,000-row lists): putRow points it
  // at the row being checked.
  private emitRow = 0;
  private emitted: Problem[] = NO_PROBLEMS;
  private readonly emit: Emit = <C extends ProblemCode>(
    column: string,
    code: C,
    params: ProblemParams[C],
    fix?: string,
  ) => {
    if (this.emitted === NO_PROBLEMS) this.emitted = [];
    this.emitted.push(makeProblem(this.emitRow, column, code, params, fix));
  };
  private readonly headerKeys: HeaderMatcher;

  constructor(options: CheckOptions) {
    this.env = buildEnv(options);
    this.columnOrder = new Map(this.env.template.columns.map((c, i) => [c.key, i]));
    this.headerKeys = headerMatcher(this.env.template);
  }

  get template(): Template {
    return this.env.template;
  }

  get header(): HeaderMap | undefined {
    return this.headerMap;
  }

  /** Checks a whole sheet, replacing any earlier state. */
  load(grid: Grid): LoadOutcome {
    this.parsedByRow = [];
    this.ownByRow = [];
    this.rowCount = 0;
    this.dups.reset();
    this.headerProblems = [];
    const header = locateHeader(grid, this.env.template);
    this.headerMap = header;
    if (!header) return { ok: false, reason: "noHeader" };
    // Sized for every row at once: no growing while 100,000 rows go in.
    this.dups.reset(grid.rows.length);
    this.headerProblems = this.checkHeader(header);
    // Sized once (no holes, so no slow dictionary mode): growing three 100,000-slot arrays by
    // pushes copied them over and over.
    const slots = grid.rows.length + 1;
    this.parsedByRow = new Array<ParsedRow | undefined>(slots).fill(undefined);
    this.ownByRow = new Array<Problem[]>(slots).fill(NO_PROBLEMS);
    this.dataColumns = [...header.columns].filter(([key]) => key !== "seq").map(([, col]) => col);
    for (let r = header.row; r < grid.rows.length; r++) {
      const cells = grid.rows[r];
      if (this.isEmptyDataRow(cells)) continue;
      this.putRow(r + 1, cells);
    }
    // A load re-renders everything anyway: the changes it made to the indexes need no visit.
    this.dups.forgetChanges();
    return { ok: true, header };
  }

  /**
   * Re-checks the given rows and the rows whose duplicate message they changed: O(changes) plus, for
   * a group whose first row moved, that group (see Duplicates).
   */
  update(changes: readonly RowChange[]): CheckDelta {
    const header = this.headerMap;
    if (!header || changes.some((c) => this.movesHeader(c, header)))
      return { needsReload: true, rows: [], problems: [] };
    const touched = new Set<number>();
    for (const { row, cells } of changes) {
      const old = this.parsedByRow[row];
      if (old) {
        this.dups.remove(row);
        this.parsedByRow[row] = undefined;
        this.ownByRow[row] = NO_PROBLEMS;
        this.rowCount--;
      }
      touched.add(row);
      if (!this.isEmptyDataRow(cells)) this.putRow(row, cells);
    }
    this.dups.drain((r) => touched.add(r));
    const rows = [...touched].sort((a, b) => a - b);
    const problems: Problem[] = [];
    for (const row of rows) {
      const parsed = this.parsedByRow[row];
      if (!parsed) continue;
      problems.push(...this.ownByRow[row], ...this.dups.problemsOf(parsed, NO_PROBLEMS));
    }
    return { needsReload: false, rows, problems: this.sorted(problems) };
  }

  /** Every current problem, in sheet order. */
  problems(): Problem[] {
    const all: Problem[] = [...this.headerProblems];
    for (let r = 0; r < this.parsedByRow.length; r++) {
      const parsed = this.parsedByRow[r];
      if (!parsed) continue;
      for (const p of this.ownByRow[r]) all.push(p);
      if (this.dups.countOf(r) > 0) this.dups.appendProblems(parsed, all);
    }
    return this.sorted(all);
  }

  /** Data rows in sheet order, after normalisation (what the submission and the fill read). */
  rows(): ParsedRow[] {
    return this.parsedByRow.filter((p): p is ParsedRow => p !== undefined);
  }

  /** One data row by its worksheet row number (undefined for blank rows and the header). */
  rowAt(row: number): ParsedRow | undefined {
    return this.parsedByRow[row];
  }

  rowHasError(row: number): boolean {
    if (!this.parsedByRow[row]) return false;
    // Both duplicate codes are errors.
    return this.dups.countOf(row) > 0 || this.ownByRow[row].some((p) => p.severity === "error");
  }

  hasHeaderError(): boolean {
    return this.headerProblems.some((p) => p.severity === "error");
  }

  summary(): Summary {
    // Counted in place: collecting and sorting every problem just to count them was the costly part.
    let { errors, warnings } = countBySeverity(this.headerProblems);
    for (const p of this.parsedByRow) {
      if (!p) continue;
      const c = countBySeverity(this.ownByRow[p.row]);
      errors += c.errors + this.dups.countOf(p.row);
      warnings += c.warnings;
    }
    const byLevel: Record<string, number> = {};
    const byMode: Record<string, number> = {};
    const byBatch: Record<string, number> = {};
    let readyRows = 0;
    const batches = new Set(this.env.campaign.gradBatches);
    for (const p of this.parsedByRow) {
      if (!p) continue;
      const level = p.level ?? UNKNOWN;
      const mode = p.mode?.name ?? UNKNOWN;
      const batchValue = p.value.get("gradDate") ?? "";
      const batch = batches.has(batchValue) ? batchValue : UNKNOWN;
      byLevel[level] = (byLevel[level] ?? 0) + 1;
      byMode[mode] = (byMode[mode] ?? 0) + 1;
      byBatch[batch] = (byBatch[batch] ?? 0) + 1;
      if (!this.rowHasError(p.row)) readyRows++;
    }
    const rows = this.rowCount;
    return {
      rows,
      errors,
      warnings,
      readyRows,
      byLevel,
      byMode,
      byBatch,
      feeTotal: rows * this.env.campaign.feePerPerson,
      ...(this.modeAssumed() ? { defaultMode: this.env.defaultMode.name } : {}),
    };
  }

  /** A header without a 采集方式 column: every row takes the campaign's default mode. */
  private modeAssumed(): boolean {
    const header = this.headerMap;
    return header !== undefined && this.env.slot.mode >= 0 && !header.columns.has("mode");
  }

  /**
   * Whether a fresh load would find the header elsewhere after this change: an edit on or above the
   * header, or a row within the search window that now names more template columns than the header.
   */
  private movesHeader(change: RowChange, header: HeaderMap): boolean {
    if (change.row <= header.row) return true;
    if (change.row > this.env.template.headerSearchRows) return false;
    return headerMatchCount(change.cells, this.headerKeys) > header.columns.size;
  }

  private sorted(problems: Problem[]): Problem[] {
    return problems.sort((a, b) => compareProblems(a, b, this.columnOrder));
  }

  private checkHeader(header: HeaderMap): Problem[] {
    const out: Problem[] = [];
    for (const col of this.env.template.columns) {
      // Only "always" columns are needed in the header: the rows that need a site or the mailing
      // fields report them cell by cell, and a missing 采集方式 means 现场采集 (summary.defaultMode).
      if (col.required === "always" && col.key !== "mode" && !header.columns.has(col.key)) {
        out.push(makeProblem(header.row, col.key, "header.missing", { header: col.header }));
      }
    }
    for (const [key, cols] of header.duplicates) {
      const col = this.env.template.columns.find((c) => c.key === key);
      out.push(
        makeProblem(header.row, key, "header.duplicate", {
          header: col?.header ?? key,
          columns: cols.map(columnLetter),
        }),
      );
    }
    return out;
  }

  /**
   * A row is skipped when no student cell holds anything: entirely blank, or only a 序号 (templates
   * are often pre-numbered) or text in columns outside the template.
   */
  private isEmptyDataRow(cells: GridRow): boolean {
    if (isBlankRow(cells)) return true;
    for (const col of this.dataColumns) if (!isBlankCell(cells[col])) return false;
    return true;
  }

  private putRow(row: number, cells: GridRow): ParsedRow {
    this.emitRow = row;
    this.emitted = NO_PROBLEMS;
    const parsed = checkRow(row, cells, this.headerMap as HeaderMap, this.env, this.emit);
    const own = this.emitted;
    this.emitted = NO_PROBLEMS;
    // Fill any gap below with empty slots first: holes would turn the arrays into slow dictionaries.
    for (let r = this.parsedByRow.length; r < row; r++) {
      this.parsedByRow.push(undefined);
      this.ownByRow.push(NO_PROBLEMS);
    }
    this.parsedByRow[row] = parsed;
    this.ownByRow[row] = own;
    this.rowCount++;
    this.dups.add(parsed);
    return parsed;
  }
}

/** One full check: what the CLI and the server call. */
export function checkGrid(grid: Grid, options: CheckOptions): { checker: ListChecker; outcome: LoadOutcome } {
  const checker = new ListChecker(options);
  return { checker, outcome: checker.load(grid) };
}
