import type { Campaign } from "./campaign";

/**
 * The in-cell drop-down lists of a prepared sheet and of the blank template, and Excel's limits on
 * them: one source for the pane (src/excel/prepare.ts) and the file writer (src/files/writeWorkbook.ts).
 */

/** Rows below the header that get the text format and the drop-down lists. */
export const PREPARED_ROWS = 1000;
/** Excel refuses a list rule whose inline source ("a,b,c") is longer than this. */
export const MAX_LIST_SOURCE = 255;

export type DropDownKey = "gender" | "level" | "gradDate" | "mode" | "college";

/**
 * The items of each drop-down, by template key, from the campaign. With a college chosen, its name is
 * the only right value of 学院; without one the list names every college of the campaign.
 */
export function dropDownItems(campaign: Campaign, college?: string): Map<DropDownKey, string[]> {
  return new Map<DropDownKey, string[]>([
    ["gender", ["男", "女"]],
    ["level", campaign.levels.map((l) => l.name)],
    ["gradDate", [...campaign.gradBatches]],
    ["mode", campaign.modes.map((m) => m.name)],
    ["college", college ? [college] : campaign.colleges.map((c) => c.name)],
  ]);
}

/**
 * `a,b,c` when Excel accepts the items as an inline list: not empty, no item holding a comma (the
 * separator) or a double quote (the formula's delimiter), at most MAX_LIST_SOURCE characters.
 */
export function inlineListSource(items: readonly string[]): string | undefined {
  if (items.length === 0 || items.some((s) => /[,"]/.test(s))) return undefined;
  const source = items.join(",");
  return source.length <= MAX_LIST_SOURCE ? source : undefined;
}
