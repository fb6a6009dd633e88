/** A range's format: column width, fill and font. Format changes fire no onChanged. */
import type { Rect } from "../address";
import { invalidArgument } from "../errors";
import type { SheetModel } from "../model";
import { normaliseColour } from "../values";
import { ProxyBase } from "./base";
import type { Range } from "./range";
import { cellCount, uniformFormat, type RangeRef } from "./rangeCells";

export class RangeFormat extends ProxyBase<RangeRef> {
  protected readonly scalarNames = ["columnWidth"] as const;

  /** @internal */
  constructor(private readonly range: Range) {
    super(range._ctx, () => range._target ?? null, {
      entity: "RangeFormat",
      location: "Range.format",
      parent: range,
    });
  }

  protected readScalar(): unknown {
    const { sheet, rect } = this.t;
    const first = sheet.columnWidth(rect.left);
    for (let c = rect.left + 1; c <= rect.right; c++) if (sheet.columnWidth(c) !== first) return null;
    return first;
  }

  protected override navigation(name: string): ProxyBase<unknown> | undefined {
    if (name === "fill") return this.fill;
    if (name === "font") return this.font;
    return undefined;
  }

  get columnWidth(): number | null {
    return this.get("columnWidth");
  }
  set columnWidth(value: number) {
    this.set("columnWidth", value, () => {
      if (typeof value !== "number" || !(value >= 0)) throw invalidArgument("RangeFormat.columnWidth");
      const { sheet, rect } = this.t;
      for (let c = rect.left; c <= rect.right; c++) sheet.columnWidths.set(c, value);
    });
  }

  get fill(): RangeFill {
    return this.child("fill", () => new RangeFill(this.range, this));
  }

  get font(): RangeFont {
    return this.child("font", () => new RangeFont(this.range, this));
  }
}

export class RangeFill extends ProxyBase<RangeRef> {
  protected readonly scalarNames = ["color", "tintAndShade"] as const;

  /** @internal */
  constructor(range: Range, parent: RangeFormat) {
    super(range._ctx, () => range._target ?? null, {
      entity: "RangeFill",
      location: "RangeFormat.fill",
      parent,
    });
  }

  /**
   * color: "#RRGGBB"; "#FFFFFF" where there is no fill (as Excel reads it); null when cells differ.
   * tintAndShade: 0 for a uniform solid fill, null for no fill or mixed (how Excel tells no fill from white).
   */
  protected readScalar(name: string): unknown {
    const { sheet, rect } = this.t;
    if (name === "tintAndShade") return uniformFormat(sheet, rect, "fill") === null ? null : 0;
    const fill = uniformFormat(sheet, rect, "fill");
    if (fill === null) {
      const first = sheet.format(rect.top, rect.left, "fill");
      // uniformFormat returns null both for "mixed" and for "all no-fill"; tell them apart.
      return first === null && uniformIsNoFill(sheet, rect) ? "#FFFFFF" : null;
    }
    return fill;
  }

  get tintAndShade(): number | null {
    return this.get("tintAndShade");
  }

  get color(): string | null {
    return this.get("color");
  }
  set color(value: string) {
    this.set("color", value, () => {
      const colour = normaliseColour(value);
      if (colour === null) throw invalidArgument("RangeFill.color", `not a colour: ${String(value)}`);
      this.t.sheet.setFormat(this.t.rect, "fill", colour);
    });
  }

  /** Removes the fill (a format change: no onChanged). */
  clear(): void {
    this.call("clear", () => this.t.sheet.resetFormat(this.t.rect, "fill"), { write: true });
  }
}

function uniformIsNoFill(sheet: SheetModel, rect: Rect): boolean {
  if (cellCount(rect) <= 200_000) {
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) if (sheet.format(r, c, "fill") !== null) return false;
    }
    return true;
  }
  return uniformFormat(sheet, rect, "fill") === null && sheet.format(rect.top, rect.left, "fill") === null;
}

export class RangeFont extends ProxyBase<RangeRef> {
  protected readonly scalarNames = ["bold"] as const;

  /** @internal */
  constructor(range: Range, parent: RangeFormat) {
    super(range._ctx, () => range._target ?? null, {
      entity: "RangeFont",
      location: "RangeFormat.font",
      parent,
    });
  }

  protected readScalar(): unknown {
    return uniformFormat(this.t.sheet, this.t.rect, "bold");
  }

  get bold(): boolean | null {
    return this.get("bold");
  }
  set bold(value: boolean) {
    this.set("bold", value, () => this.t.sheet.setFormat(this.t.rect, "bold", value === true));
  }
}
