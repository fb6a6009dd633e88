import { cellText, columnLetter, type Grid, type GridRow } from "./grid";
import { headerMatcher, type HeaderMatcher, type Template } from "./template";

/** Where the list's header row is and which column holds each template key. */
export interface HeaderMap {
  /** 1-based worksheet row of the header. */
  row: number;
  /** template key → 0-based column index (the first occurrence when a header is duplicated). */
  columns: Map<string, number>;
  /** Keys whose header appears in more than one column, with every column index. */
  duplicates: Map<string, number[]>;
  /** Header cells that match no template column (kept in copies, dropped from the submission). */
  unknown: { col: number; text: string }[];
}

/**
 * Finds the header within the first `searchRows` rows (a merged title may stand above it): the row
 * matching the most template headers, if at least `minMatches` of them. Returns undefined otherwise.
 */
export function locateHeader(
  grid: Grid,
  template: Template,
  opts: { searchRows?: number; minMatches?: number } = {},
): HeaderMap | undefined {
  const matcher = headerMatcher(template);
  const searchRows = Math.min(opts.searchRows ?? template.headerSearchRows, grid.rows.length);
  const minMatches = opts.minMatches ?? template.minHeadersForList;
  let best: HeaderMap | undefined;
  let bestCount = 0;
  for (let r = 0; r < searchRows; r++) {
    const cells = grid.rows[r] ?? [];
    const columns = new Map<string, number>();
    const duplicates = new Map<string, number[]>();
    const unknown: { col: number; text: string }[] = [];
    for (let c = 0; c < cells.length; c++) {
      const text = cellText(cells[c]);
      if (!text.trim()) continue;
      const key = matcher.keyOf(text);
      if (key === undefined) {
        unknown.push({ col: c, text });
        continue;
      }
      const first = columns.get(key);
      if (first === undefined) columns.set(key, c);
      else {
        // In place: copying the list per repeat was quadratic in a row of 16,384 identical headers.
        const cols = duplicates.get(key);
        if (cols) cols.push(c);
        else duplicates.set(key, [first, c]);
      }
    }
    if (columns.size > bestCount) {
      bestCount = columns.size;
      best = { row: r + 1, columns, duplicates, unknown };
    }
  }
  return best && bestCount >= minMatches ? best : undefined;
}

/** How many distinct template columns a row's cells name: what makes a row the header in locateHeader. */
export function headerMatchCount(cells: GridRow, matcher: HeaderMatcher): number {
  const keys = new Set<string>();
  for (const cell of cells) {
    const text = cellText(cell);
    if (!text.trim()) continue;
    const key = matcher.keyOf(text);
    if (key !== undefined) keys.add(key);
  }
  return keys.size;
}

export function describeColumns(cols: readonly number[]): string[] {
  return cols.map(columnLetter);
}
