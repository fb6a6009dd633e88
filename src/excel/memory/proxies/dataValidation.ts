/** A range's data validation (ExcelApi 1.8); only list rules are emulated. */
import type { Rect } from "../address";
import { invalidArgument } from "../errors";
import type { ListValidationRule, SheetModel } from "../model";
import { ProxyBase } from "./base";
import type { Range } from "./range";
import { cellCount, uniformFormat, type RangeRef } from "./rangeCells";

export class DataValidation extends ProxyBase<RangeRef> {
  protected readonly scalarNames = ["rule", "type"] as const;

  /** @internal */
  constructor(range: Range) {
    super(range._ctx, () => range._target ?? null, {
      entity: "DataValidation",
      location: "Range.dataValidation",
      parent: range,
      since: "1.8",
    });
  }

  protected readScalar(name: string): unknown {
    const { sheet, rect } = this.t;
    const rule = uniformFormat(sheet, rect, "validation");
    const mixed = rule === null && !allWithoutValidation(sheet, rect);
    if (name === "type") return mixed ? "Inconsistent" : rule ? "List" : "None";
    if (mixed) return null;
    return rule ? { list: { ...rule.list } } : {};
  }

  get type(): "None" | "List" | "Inconsistent" {
    return this.get("type");
  }

  get rule(): { list?: { inCellDropDown: boolean; source: string } } | null {
    return this.get("rule");
  }
  /** Only list rules are emulated: `{ list: { inCellDropDown, source: "a,b,c" } }`. */
  set rule(value: { list?: { inCellDropDown?: boolean; source: string } }) {
    this.set(
      "rule",
      value,
      () => {
        const list = value?.list;
        if (!list || typeof list.source !== "string" || list.source === "") {
          throw invalidArgument("DataValidation.rule", "only list rules with a source are emulated");
        }
        const rule: ListValidationRule = {
          list: { inCellDropDown: list.inCellDropDown !== false, source: list.source },
        };
        this.t.sheet.setFormat(this.t.rect, "validation", rule);
      },
      "1.8",
    );
  }

  clear(): void {
    this.call("clear", () => this.t.sheet.resetFormat(this.t.rect, "validation"), {
      write: true,
      since: "1.8",
    });
  }
}

function allWithoutValidation(sheet: SheetModel, rect: Rect): boolean {
  if (cellCount(rect) > 200_000) return sheet.format(rect.top, rect.left, "validation") === null;
  for (let r = rect.top; r <= rect.bottom; r++) {
    for (let c = rect.left; c <= rect.right; c++) if (sheet.format(r, c, "validation") !== null) return false;
  }
  return true;
}
