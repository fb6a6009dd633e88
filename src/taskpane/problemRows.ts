import { DEFAULT_TEMPLATE, templateColumn, type Problem, type Severity } from "../domain";
import { problemKind, type ProblemKind } from "./problemKinds";

/** The problem list's data: filtered, grouped under one heading per worksheet row, flattened for windowing. */

export interface ProblemFilter {
  severity: "all" | Severity;
  kind: "all" | ProblemKind;
}

export const NO_FILTER: ProblemFilter = { severity: "all", kind: "all" };

export type ProblemListItem =
  | { type: "row"; row: number; heading: string; errors: number; warnings: number }
  | { type: "problem"; problem: Problem; key: string };

export function filterProblems(problems: readonly Problem[], filter: ProblemFilter): Problem[] {
  if (filter.severity === "all" && filter.kind === "all") return problems.slice();
  return problems.filter(
    (p) =>
      (filter.severity === "all" || p.severity === filter.severity) &&
      (filter.kind === "all" || problemKind(p) === filter.kind),
  );
}

export function rowHeading(row: number, name: string | undefined): string {
  return name ? `第 ${row} 行 · ${name}` : `第 ${row} 行`;
}

/** The column's header as the template names it (学号, 身份证号 …). */
export function columnHeader(column: string): string {
  return templateColumn(DEFAULT_TEMPLATE, column)?.header ?? column;
}

export function groupByRow(
  problems: readonly Problem[],
  rowNames?: ReadonlyMap<number, string>,
): ProblemListItem[] {
  const byRow = new Map<number, Problem[]>();
  for (const p of problems) {
    const list = byRow.get(p.row);
    if (list) list.push(p);
    else byRow.set(p.row, [p]);
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const items: ProblemListItem[] = [];
  for (const row of rows) {
    const list = byRow.get(row)!;
    let errors = 0;
    for (const p of list) if (p.severity === "error") errors++;
    items.push({
      type: "row",
      row,
      heading: rowHeading(row, rowNames?.get(row)),
      errors,
      warnings: list.length - errors,
    });
    list.forEach((problem, i) =>
      items.push({ type: "problem", problem, key: `${row}:${problem.column}:${problem.code}:${i}` }),
    );
  }
  return items;
}
