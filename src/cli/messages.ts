/**
 * The command line's own wordings (the engine's problem messages live in src/domain/messages.zh-CN.ts).
 * One function per fact, so `check`, `build`, `keygen` and `send` say the same thing the same way.
 */

/** How many row numbers a line lists before it only counts the rest. */
const SHOWN_ROWS = 20;

/** "第 2、3、5 行", or "第 2、3、…、21 行等 26 行" when there are more than SHOWN_ROWS. */
export function rowsText(rows: readonly number[]): string {
  if (rows.length <= SHOWN_ROWS) return `第 ${rows.join("、")} 行`;
  return `第 ${rows.slice(0, SHOWN_ROWS).join("、")}、… 行等 ${rows.length} 行`;
}

export function unknownCollege(name: string): { zh: string; en: string } {
  const shown = name.trim() || "（未填写）";
  return { zh: `不认识的学院“${shown}”，请写学院全称`, en: `unknown college "${name.trim()}"` };
}
