/**
 * The command line's own wordings (the engine's problem messages live in src/domain/messages.zh-CN.ts).
 * One function per fact, so `check`, `build`, `keygen` and `send` say the same thing the same way.
 */

/** Row lists are worded once, in the engine's message module. */
export { rowsText } from "../domain/messages.zh-CN";

export function unknownCollege(name: string): { zh: string; en: string } {
  const shown = name.trim() || "（未填写）";
  return { zh: `不认识的学院“${shown}”，请写学院全称`, en: `unknown college "${name.trim()}"` };
}
