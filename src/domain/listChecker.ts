import { columnLetter, isBlankRow, type Grid, type GridRow } from "./grid";
import { locateHeader, type HeaderMap } from "./header";
import { compareProblems, countBySeverity, makeProblem, type Problem, type ProblemCode, type ProblemParams } from "./problems";
import { buildEnv, type CheckOptions, type Emit, type ParsedRow, type RuleEnv } from "./rules/env";
import { checkRow } from "./rules/row";
import type { Template } from "./template";

/** Row-level state kept between checks so an edit re-checks only what it can affect. */
interface RowState {
  parsed: ParsedRow;
  /** Problems of the row on its own (cells, roster, captured list). */
  own: Problem[];
  /** Problems that depend on other rows (duplicates). */
  dup: Problem[];
}

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

/**
 * The rule engine's stateful face: load a sheet once, then feed it edited rows. Pure: no I/O,
 * the same object serves the pane (live checking), the CLI and the server (one full load).
 */
export class ListChecker {
  readonly env: RuleEnv;
  private headerMap?: HeaderMap;
  private headerProblems: Problem[] = [];
  private rowsByNumber = new Map<number, RowState>();
  private byStudentNo = new Map<string, Set<number>>();
  private byIdNumber = new Map<string, Set<number>>();
  private readonly columnOrder: Map<string, number>;

  constructor(options: CheckOptions) {
    this.env = buildEnv(options);
    this.columnOrder = new Map(this.env.template.columns.map((c, i) => [c.key, i]));
  }

  get template(): Template {
    return this.env.template;
  }

  get header(): HeaderMap | undefined {
    return this.headerMap;
  }

  /** Checks a whole sheet, replacing any earlier state. */
  load(grid: Grid): LoadOutcome {
    this.rowsByNumber.clear();
    this.byStudentNo.clear();
    this.byIdNumber.clear();
    this.headerProblems = [];
    const header = locateHeader(grid, this.env.template);
    this.headerMap = header;
    if (!header) return { ok: false, reason: "noHeader" };
    this.headerProblems = this.checkHeader(header);
    for (let r = header.row; r < grid.rows.length; r++) {
      const cells = grid.rows[r];
      if (isBlankRow(cells)) continue;
      this.putRow(r + 1, cells);
    }
    for (const state of this.rowsByNumber.values()) state.dup = this.dupProblems(state.parsed);
    return { ok: true, header };
  }

  /** Re-checks the given rows and every row whose duplicate verdict depends on them. */
  update(changes: readonly RowChange[]): CheckDelta {
    const header = this.headerMap;
    if (!header || changes.some((c) => c.row <= header.row)) return { needsReload: true, rows: [], problems: [] };
    const touched = new Set<number>();
    for (const { row, cells } of changes) {
      const old = this.rowsByNumber.get(row);
      if (old) {
        this.collectPeers(old.parsed, touched);
        this.unindex(old.parsed);
        this.rowsByNumber.delete(row);
      }
      touched.add(row);
      if (!isBlankRow(cells)) {
        const state = this.putRow(row, cells);
        this.collectPeers(state.parsed, touched);
      }
    }
    const rows = [...touched].sort((a, b) => a - b);
    const problems: Problem[] = [];
    for (const row of rows) {
      const state = this.rowsByNumber.get(row);
      if (!state) continue;
      state.dup = this.dupProblems(state.parsed);
      problems.push(...state.own, ...state.dup);
    }
    return { needsReload: false, rows, problems: this.sorted(problems) };
  }

  /** Every current problem, in sheet order. */
  problems(): Problem[] {
    const all: Problem[] = [...this.headerProblems];
    for (const state of this.rowsByNumber.values()) {
      for (const p of state.own) all.push(p);
      for (const p of state.dup) all.push(p);
    }
    return this.sorted(all);
  }

  /** Data rows in sheet order, after normalisation (what the submission and the fill read). */
  rows(): ParsedRow[] {
    return [...this.rowsByNumber.values()].map((s) => s.parsed).sort((a, b) => a.row - b.row);
  }

  rowHasError(row: number): boolean {
    const s = this.rowsByNumber.get(row);
    return !!s && (s.own.some((p) => p.severity === "error") || s.dup.some((p) => p.severity === "error"));
  }

  hasHeaderError(): boolean {
    return this.headerProblems.some((p) => p.severity === "error");
  }

  summary(): Summary {
    const problems = this.problems();
    const { errors, warnings } = countBySeverity(problems);
    const byLevel: Record<string, number> = {};
    const byMode: Record<string, number> = {};
    const byBatch: Record<string, number> = {};
    let readyRows = 0;
    const batches = new Set(this.env.campaign.gradBatches);
    for (const state of this.rowsByNumber.values()) {
      const p = state.parsed;
      const level = p.level ?? UNKNOWN;
      const mode = p.mode?.name ?? UNKNOWN;
      const batchValue = p.value.get("gradDate") ?? "";
      const batch = batches.has(batchValue) ? batchValue : UNKNOWN;
      byLevel[level] = (byLevel[level] ?? 0) + 1;
      byMode[mode] = (byMode[mode] ?? 0) + 1;
      byBatch[batch] = (byBatch[batch] ?? 0) + 1;
      if (!this.rowHasError(p.row)) readyRows++;
    }
    const rows = this.rowsByNumber.size;
    return { rows, errors, warnings, readyRows, byLevel, byMode, byBatch, feeTotal: rows * this.env.campaign.feePerPerson };
  }

  private sorted(problems: Problem[]): Problem[] {
    return problems.sort((a, b) => compareProblems(a, b, this.columnOrder));
  }

  private checkHeader(header: HeaderMap): Problem[] {
    const out: Problem[] = [];
    for (const col of this.env.template.columns) {
      if (col.required !== "never" && !header.columns.has(col.key)) {
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

  private putRow(row: number, cells: GridRow): RowState {
    const own: Problem[] = [];
    const emit: Emit = <C extends ProblemCode>(column: string, code: C, params: ProblemParams[C], fix?: string) => {
      own.push(makeProblem(row, column, code, params, fix));
    };
    const parsed = checkRow(row, cells, this.headerMap as HeaderMap, this.env, emit);
    const state: RowState = { parsed, own, dup: [] };
    this.rowsByNumber.set(row, state);
    if (parsed.studentNoKey) addTo(this.byStudentNo, parsed.studentNoKey, row);
    if (parsed.idKey) addTo(this.byIdNumber, parsed.idKey, row);
    return state;
  }

  private unindex(p: ParsedRow): void {
    if (p.studentNoKey) removeFrom(this.byStudentNo, p.studentNoKey, p.row);
    if (p.idKey) removeFrom(this.byIdNumber, p.idKey, p.row);
  }

  private collectPeers(p: ParsedRow, into: Set<number>): void {
    if (p.studentNoKey) for (const r of this.byStudentNo.get(p.studentNoKey) ?? []) into.add(r);
    if (p.idKey) for (const r of this.byIdNumber.get(p.idKey) ?? []) into.add(r);
  }

  private dupProblems(p: ParsedRow): Problem[] {
    const out: Problem[] = [];
    const sameNo = p.studentNoKey ? this.byStudentNo.get(p.studentNoKey) : undefined;
    if (sameNo && sameNo.size > 1) {
      const otherRows = [...sameNo].filter((r) => r !== p.row).sort((a, b) => a - b);
      out.push(makeProblem(p.row, "studentNo", "dup.studentNo", { value: p.studentNoKey as string, otherRows }));
    }
    const sameId = p.idKey ? this.byIdNumber.get(p.idKey) : undefined;
    if (sameId && sameId.size > 1) {
      const otherRows = [...sameId].filter((r) => r !== p.row).sort((a, b) => a - b);
      out.push(makeProblem(p.row, "idNumber", "dup.idNumber", { otherRows }));
    }
    return out;
  }
}

function addTo(index: Map<string, Set<number>>, key: string, row: number): void {
  const set = index.get(key);
  if (set) set.add(row);
  else index.set(key, new Set([row]));
}

function removeFrom(index: Map<string, Set<number>>, key: string, row: number): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(row);
  if (set.size === 0) index.delete(key);
}

/** One full check: what the CLI and the server call. */
export function checkGrid(grid: Grid, options: CheckOptions): { checker: ListChecker; outcome: LoadOutcome } {
  const checker = new ListChecker(options);
  return { checker, outcome: checker.load(grid) };
}
