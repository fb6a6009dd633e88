/**
 * Resolves a cell argument (a Range of this context or an address) at sync; notes, comments and
 * `Range.getBoundingRect` take one.
 */
import { parseAddress } from "../address";
import { invalidArgument, itemNotFound } from "../errors";
import type { MemoryWorkbook, SheetModel } from "../model";
import { Range } from "./range";
import type { RangeRef } from "./rangeCells";

/** A cell argument (`notes.add(range | "Sheet1!A1", …)`) resolved at sync. */
export function resolveCellArgument(
  arg: Range | string,
  defaultSheet: SheetModel | null,
  location: string,
  singleCell: boolean,
  model?: MemoryWorkbook,
): RangeRef {
  let ref: RangeRef;
  if (arg instanceof Range) {
    if (arg._isNull || !arg._target) throw itemNotFound(location);
    ref = arg._target;
  } else {
    const parsed = typeof arg === "string" ? parseAddress(arg) : null;
    if (!parsed) throw invalidArgument(location, `not an address: ${String(arg)}`);
    let sheet = defaultSheet;
    if (parsed.sheetName !== undefined) {
      const found =
        model?.findSheet(parsed.sheetName) ?? (defaultSheet?.name === parsed.sheetName ? defaultSheet : null);
      if (!found || (defaultSheet && found !== defaultSheet))
        throw invalidArgument(location, "unknown or other sheet");
      sheet = found;
    }
    if (!sheet) throw invalidArgument(location, "the address must name its sheet");
    ref = { sheet, rect: parsed.rect };
  }
  if (singleCell && (ref.rect.top !== ref.rect.bottom || ref.rect.left !== ref.rect.right)) {
    throw invalidArgument(location, "a single cell is required");
  }
  return ref;
}
