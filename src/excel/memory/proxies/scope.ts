/** The reach of a notes or comments collection. */
import type { SheetModel } from "../model";
import type { Worksheet } from "./worksheet";

/** A collection's reach: one sheet, or the whole workbook (scope null). */
export interface Scope {
  readonly scope: SheetModel | null;
}

export function scopeOf(sheet: Worksheet | null): () => Scope | null {
  return () => (sheet === null ? { scope: null } : sheet._target ? { scope: sheet._target } : null);
}
