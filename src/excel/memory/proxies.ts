/**
 * Office.js-shaped proxy objects over a MemoryWorkbook. As in Office.js, nothing touches the
 * workbook until `context.sync()`: creating an object, `load`, property sets and method calls are
 * queued, then applied in order; a property can be read only after it was loaded and synced.
 */
import {
  MAX_COLUMNS,
  MAX_ROWS,
  contains,
  formatAddress,
  formatRef,
  isEntireColumns,
  isEntireRows,
  parseAddress,
  rectColumns,
  rectRows,
  type Rect,
} from "./address";
import {
  MemoryExcelError,
  apiNotFound,
  invalidArgument,
  invalidObjectPath,
  invalidRequestContext,
  itemAlreadyExists,
  itemNotFound,
  propertyNotLoaded,
  valueNotLoaded,
} from "./errors";
import {
  cellKey,
  type ChangeRecord,
  type CommentModel,
  type FormatKey,
  type FormatProps,
  type ListValidationRule,
  type MemoryWorkbook,
  type NoteModel,
  type SheetModel,
} from "./model";
import {
  GENERAL_FORMAT,
  compareVersions,
  displayText,
  normaliseColour,
  parseApiValue,
  readType,
  readValue,
  type RangeValue,
  type ValueType,
} from "./values";

/** What every context of one emulated Excel shares. */
export interface MemoryHost {
  readonly model: MemoryWorkbook;
  readonly apiVersion: string;
  readonly counters: { syncs: number; writes: number };
  readonly authorName: string;
}

interface Op {
  readonly run: () => void;
  readonly write?: boolean;
  readonly since?: string;
  readonly location: string;
}

/** Excel refuses responses over its payload limit; a whole-sheet `values` read would be one. */
const MAX_CELLS_PER_READ = 5_000_000;

export class MemoryRequestContext {
  readonly workbook: Workbook;
  /** @internal */ _queue: Op[] = [];
  /** @internal */ _open = true;
  /** @internal */ _processing = false;

  constructor(readonly _host: MemoryHost) {
    this.workbook = new Workbook(this);
  }

  /**
   * Sends the queued operations: applies them in order (stopping at the first failure, as Excel
   * does), fills loaded properties, and counts one round trip. An empty queue costs nothing.
   */
  async sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this._queue;
    this._queue = [];
    await Promise.resolve();
    if (!this._open) throw invalidObjectPath();
    if (ops.length === 0) return passThroughValue as T;
    const host = this._host;
    host.counters.syncs++;
    this._processing = true;
    let mutated = false;
    try {
      for (const op of ops) {
        if (op.since && compareVersions(op.since, host.apiVersion) > 0)
          throw apiNotFound(op.location, op.since);
        if (op.write) mutated = true;
        op.run();
      }
    } finally {
      this._processing = false;
      host.model.commit(mutated);
    }
    return passThroughValue as T;
  }

  /** @internal Queues an operation, or runs it at once while a sync is applying results. */
  _enqueue(op: Op, write: boolean): void {
    if (this._processing) {
      op.run();
      return;
    }
    if (write) this._host.counters.writes++;
    this._queue.push({ ...op, write });
  }

  /** @internal */
  _sameContext(obj: { _ctx: MemoryRequestContext }): void {
    if (obj._ctx !== this) throw invalidRequestContext();
  }
}

/** A value computed at sync (`getCount()`), readable afterwards. */
export class ClientResult<T> {
  private loaded = false;
  private result: T | undefined;

  /** @internal */ _set(value: T): void {
    this.result = value;
    this.loaded = true;
  }

  get value(): T {
    if (!this.loaded) throw valueNotLoaded();
    return this.result as T;
  }
}

type LoadOption = string | string[] | Record<string, unknown> | undefined;

/** Turns every `load` argument form into property paths ("format/fill/color"); null = all scalars. */
export function loadPaths(option: LoadOption): string[] | null {
  if (option === undefined || option === null) return null;
  if (typeof option === "string") {
    return option
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }
  if (Array.isArray(option)) return option.flatMap((o) => loadPaths(o) ?? []);
  if ("$all" in option) return null;
  if ("select" in option) return loadPaths(option.select as LoadOption);
  const out: string[] = [];
  for (const [k, v] of Object.entries(option)) {
    if (v === true) out.push(k);
    else if (v && typeof v === "object") {
      const sub = loadPaths(v as LoadOption);
      if (sub === null) out.push(k);
      else out.push(...sub.map((s) => `${k}/${s}`));
    }
  }
  return out;
}

interface ProxyOptions {
  readonly entity: string;
  readonly location: string;
  readonly parent?: ProxyBase<unknown>;
  readonly nullable?: boolean;
  readonly since?: string;
  /** The context's root object exists without a round trip. */
  readonly root?: boolean;
}

abstract class ProxyBase<T> {
  /** @internal */ readonly _ctx: MemoryRequestContext;
  /** @internal */ _target: T | undefined;
  /** @internal */ _isNull: boolean | undefined;
  /** @internal */ readonly _loaded = new Map<string, unknown>();
  /** @internal */ readonly _entity: string;
  private readonly children = new Map<string, ProxyBase<unknown>>();

  constructor(ctx: MemoryRequestContext, resolve: (() => T | null) | T, opts: ProxyOptions) {
    this._ctx = ctx;
    this._entity = opts.entity;
    const instantiate = (): void => {
      if (opts.parent && opts.parent._isNull) {
        this._isNull = true;
        return;
      }
      const target = typeof resolve === "function" ? (resolve as () => T | null)() : resolve;
      if (target === null) {
        if (!opts.nullable) throw itemNotFound(opts.location);
        this._isNull = true;
      } else {
        this._target = target;
        this._isNull = false;
      }
    };
    if (opts.root) instantiate();
    else ctx._enqueue({ run: instantiate, since: opts.since, location: opts.location }, false);
  }

  get context(): MemoryRequestContext {
    return this._ctx;
  }

  /** True when an *OrNullObject call found nothing; readable only after a sync. */
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded("isNullObject", null);
    return this._isNull;
  }

  /** @internal The resolved target; only called from queued operations. */
  protected get t(): T {
    return this._target as T;
  }

  protected abstract readonly scalarNames: readonly string[];
  /** @internal Reads one scalar from the workbook (called while a load is applied). */
  protected abstract readScalar(name: string): unknown;
  /** Navigation properties (sub-objects) by name. */
  protected navigation(_name: string): ProxyBase<unknown> | undefined {
    return undefined;
  }

  protected child<C extends ProxyBase<unknown>>(name: string, make: () => C): C {
    let c = this.children.get(name);
    if (!c) {
      c = make();
      this.children.set(name, c);
    }
    return c as C;
  }

  load(option?: LoadOption): this {
    const paths = loadPaths(option);
    this._ctx._enqueue({ run: () => this._applyLoad(paths), location: `${this._entity}.load` }, false);
    return this;
  }

  /** @internal */
  _applyLoad(paths: readonly string[] | null): void {
    if (this._isNull) return;
    const names = paths ?? this.scalarNames;
    const nested = new Map<string, string[]>();
    for (const path of names) {
      const [head, ...rest] = path.split("/");
      if (rest.length > 0 || (!this.scalarNames.includes(head) && this.navigation(head))) {
        const list = nested.get(head) ?? [];
        if (rest.length > 0) list.push(rest.join("/"));
        nested.set(head, list);
        continue;
      }
      if (!this.scalarNames.includes(head)) {
        throw invalidArgument(`${this._entity}.load`, `unknown property '${head}'`);
      }
      this._loaded.set(head, this.readScalar(head));
    }
    for (const [head, rest] of nested) {
      const nav = this.navigation(head);
      if (!nav) throw invalidArgument(`${this._entity}.load`, `unknown property '${head}'`);
      nav._applyLoad(rest.length > 0 ? rest : null);
    }
  }

  protected get<V>(name: string): V {
    if (this._isNull === true) return undefined as V;
    if (!this._loaded.has(name)) throw propertyNotLoaded(name, this._entity);
    return this._loaded.get(name) as V;
  }

  /** Queues a property set (one write), keeping the value locally as Office.js does. */
  protected set(name: string, value: unknown, apply: () => void, since?: string): void {
    this._loaded.set(name, value);
    this.call(name, apply, { write: true, since });
  }

  /** Queues a method call; operations on a null object are skipped. */
  protected call(name: string, apply: () => void, opts: { write: boolean; since?: string }): void {
    this._ctx._enqueue(
      {
        run: () => {
          if (!this._isNull) apply();
        },
        since: opts.since,
        location: `${this._entity}.${name}`,
      },
      opts.write,
    );
  }

  protected get model(): MemoryWorkbook {
    return this._ctx._host.model;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

// ---- ranges -------------------------------------------------------------------------------------

export interface RangeRef {
  readonly sheet: SheetModel;
  readonly rect: Rect;
}

function checkRect(rect: Rect, location: string): Rect {
  if (rect.top < 0 || rect.left < 0 || rect.bottom >= MAX_ROWS || rect.right >= MAX_COLUMNS) {
    throw invalidArgument(location, "the range falls outside the worksheet");
  }
  if (rect.bottom < rect.top || rect.right < rect.left) throw invalidArgument(location, "empty range");
  return rect;
}

function cellCount(rect: Rect): number {
  return rectRows(rect) * rectColumns(rect);
}

function grid<V>(rect: Rect, location: string, f: (row: number, col: number) => V): V[][] {
  if (cellCount(rect) > MAX_CELLS_PER_READ) {
    throw new MemoryExcelError(
      "ResponsePayloadSizeLimitExceeded",
      "The response payload size has exceeded the limit.",
      location,
    );
  }
  const out: V[][] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row: V[] = [];
    for (let c = rect.left; c <= rect.right; c++) row.push(f(r, c));
    out.push(row);
  }
  return out;
}

/** One value when every cell of the rectangle agrees, else null (as Excel reports mixed formats). */
function uniformFormat<K extends FormatKey>(
  sheet: SheetModel,
  rect: Rect,
  prop: K,
): Required<FormatProps>[K] | null {
  const seen: unknown[] = [];
  const note = (v: unknown): void => {
    if (!seen.some((s) => JSON.stringify(s) === JSON.stringify(v))) seen.push(v);
  };
  if (cellCount(rect) <= 200_000) {
    for (let r = rect.top; r <= rect.bottom && seen.length < 2; r++) {
      for (let c = rect.left; c <= rect.right && seen.length < 2; c++) note(sheet.format(r, c, prop));
    }
  } else {
    // Whole rows/columns: look at the layers instead of every cell.
    const quietRow = (() => {
      for (let r = rect.top; r <= rect.bottom; r++) if (!sheet.rowFormats.get(r)?.[prop]) return r;
      return rect.top;
    })();
    for (let c = rect.left; c <= rect.right && seen.length < 2; c++) {
      const layer = sheet.columnFormats.get(c)?.[prop];
      note(layer !== undefined ? layer : sheet.format(quietRow, c, prop));
    }
    for (const [k, layer] of sheet.cellFormats) {
      if (layer[prop] === undefined) continue;
      const row = Math.floor(k / MAX_COLUMNS);
      const col = k % MAX_COLUMNS;
      if (contains(rect, row, col)) note(layer[prop]);
    }
    for (const [row, layer] of sheet.rowFormats) {
      if (layer[prop] !== undefined && row >= rect.top && row <= rect.bottom) note(layer[prop]);
    }
  }
  return seen.length === 1 ? (seen[0] as Required<FormatProps>[K]) : null;
}

function isTwoD(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}

function checkDimensions(value: unknown, rect: Rect, location: string): unknown[][] | null {
  if (!Array.isArray(value)) return null;
  if (
    !isTwoD(value) ||
    value.length !== rectRows(rect) ||
    value.some((row) => row.length !== rectColumns(rect))
  ) {
    throw invalidArgument(
      location,
      "the number of rows or columns in the input array doesn't match the size or dimensions of the range",
    );
  }
  return value;
}

export interface CellPropertiesLoadOptions {
  readonly address?: boolean;
  readonly format?: {
    readonly fill?: { readonly color?: boolean; readonly tintAndShade?: boolean };
    readonly font?: { readonly bold?: boolean };
  };
}

export interface CellProperties {
  address?: string;
  format?: { fill?: { color?: string; tintAndShade?: number | null }; font?: { bold?: boolean } };
}

export interface CellPropertiesInput {
  readonly format?: {
    readonly fill?: { readonly color?: string; readonly pattern?: "None" };
    readonly font?: { readonly bold?: boolean };
  };
}

export class Range extends ProxyBase<RangeRef> {
  protected readonly scalarNames = [
    "address",
    "addressLocal",
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    "cellCount",
    "values",
    "valueTypes",
    "text",
    "numberFormat",
    "formulas",
    "isEntireRow",
    "isEntireColumn",
  ] as const;

  /** @internal */
  constructor(
    ctx: MemoryRequestContext,
    resolve: (() => RangeRef | null) | RangeRef,
    opts: Omit<ProxyOptions, "entity">,
  ) {
    super(ctx, resolve, { ...opts, entity: "Range" });
  }

  protected readScalar(name: string): unknown {
    const { sheet, rect } = this.t;
    const where = `Range.${name}`;
    switch (name) {
      case "address":
      case "addressLocal":
        return formatAddress(sheet.name, rect);
      case "rowIndex":
        return rect.top;
      case "columnIndex":
        return rect.left;
      case "rowCount":
        return rectRows(rect);
      case "columnCount":
        return rectColumns(rect);
      case "cellCount":
        return cellCount(rect);
      case "values":
      case "formulas":
        return grid(rect, where, (r, c) => readValue(sheet.cell(r, c)));
      case "valueTypes":
        return grid(rect, where, (r, c) => readType(sheet.cell(r, c)));
      case "text":
        return grid(rect, where, (r, c) => displayText(sheet.cell(r, c), sheet.numberFormat(r, c)));
      case "numberFormat":
        return grid(rect, where, (r, c) => sheet.numberFormat(r, c));
      case "isEntireRow":
        return isEntireRows(rect);
      case "isEntireColumn":
        return isEntireColumns(rect);
      default:
        throw invalidArgument(where);
    }
  }

  protected override navigation(name: string): ProxyBase<unknown> | undefined {
    if (name === "format") return this.format;
    if (name === "dataValidation") return this.dataValidation;
    if (name === "worksheet") return this.worksheet;
    return undefined;
  }

  get address(): string {
    return this.get("address");
  }
  get addressLocal(): string {
    return this.get("addressLocal");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get cellCount(): number {
    return this.get("cellCount");
  }
  get isEntireRow(): boolean {
    return this.get("isEntireRow");
  }
  get isEntireColumn(): boolean {
    return this.get("isEntireColumn");
  }
  get valueTypes(): ValueType[][] {
    return this.get("valueTypes");
  }
  get text(): string[][] {
    return this.get("text");
  }

  get values(): RangeValue[][] {
    return this.get("values");
  }
  /** A 2-D array of the range's size (null entries leave cells alone) or one value for every cell. */
  set values(value: unknown) {
    this.set("values", value, () => this.writeValues(value, "Range.values"));
  }

  get formulas(): RangeValue[][] {
    return this.get("formulas");
  }
  set formulas(value: unknown) {
    this.set("formulas", value, () => this.writeValues(value, "Range.formulas"));
  }

  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  set numberFormat(value: unknown) {
    this.set("numberFormat", value, () => {
      const { sheet, rect } = this.t;
      const rows = checkDimensions(value, rect, "Range.numberFormat");
      if (rows === null) {
        if (typeof value !== "string") throw invalidArgument("Range.numberFormat");
        sheet.setFormat(rect, "numberFormat", value === GENERAL_FORMAT ? undefined : value);
        return;
      }
      rows.forEach((row, i) =>
        row.forEach((f, j) => {
          if (f === null || f === undefined) return;
          if (typeof f !== "string") throw invalidArgument("Range.numberFormat");
          const r = rect.top + i;
          const c = rect.left + j;
          sheet.setFormat({ top: r, bottom: r, left: c, right: c }, "numberFormat", f);
        }),
      );
    });
  }

  private writeValues(value: unknown, location: string): void {
    const { sheet, rect } = this.t;
    const rows = checkDimensions(value, rect, location);
    if (rows === null) {
      if (value === "" && cellCount(rect) > 1) {
        this.model.clearContents(sheet, rect, "ThisLocalAddin");
        return;
      }
      this.model.writeCells(
        sheet,
        rect,
        (r, c) => parseApiValue(value, sheet.numberFormat(r, c), location),
        "ThisLocalAddin",
      );
      return;
    }
    this.model.writeCells(
      sheet,
      rect,
      (r, c) => parseApiValue(rows[r - rect.top][c - rect.left], sheet.numberFormat(r, c), location),
      "ThisLocalAddin",
    );
  }

  get format(): RangeFormat {
    return this.child("format", () => new RangeFormat(this));
  }

  get dataValidation(): DataValidation {
    return this.child("dataValidation", () => new DataValidation(this));
  }

  get worksheet(): Worksheet {
    return this.child(
      "worksheet",
      () => new Worksheet(this._ctx, () => this.t.sheet, { location: "Range.worksheet", parent: this }),
    );
  }

  private derived(
    name: string,
    f: (ref: RangeRef) => Rect | null,
    opts: { nullable?: boolean; since?: string } = {},
  ): Range {
    const location = `Range.${name}`;
    return new Range(
      this._ctx,
      () => {
        const rect = f(this.t);
        return rect === null ? null : { sheet: this.t.sheet, rect: checkRect(rect, location) };
      },
      { location, parent: this, ...opts },
    );
  }

  getCell(row: number, column: number): Range {
    return this.derived("getCell", ({ rect }) => ({
      top: rect.top + row,
      bottom: rect.top + row,
      left: rect.left + column,
      right: rect.left + column,
    }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derived("getOffsetRange", ({ rect }) => ({
      top: rect.top + rowOffset,
      bottom: rect.bottom + rowOffset,
      left: rect.left + columnOffset,
      right: rect.right + columnOffset,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derived(
      "getResizedRange",
      ({ rect }) => ({ ...rect, bottom: rect.bottom + deltaRows, right: rect.right + deltaColumns }),
      { since: "1.2" },
    );
  }

  getRow(row: number): Range {
    return this.derived("getRow", ({ rect }) => {
      if (row < 0 || row >= rectRows(rect)) throw invalidArgument("Range.getRow");
      return { ...rect, top: rect.top + row, bottom: rect.top + row };
    });
  }

  getColumn(column: number): Range {
    return this.derived("getColumn", ({ rect }) => {
      if (column < 0 || column >= rectColumns(rect)) throw invalidArgument("Range.getColumn");
      return { ...rect, left: rect.left + column, right: rect.left + column };
    });
  }

  getEntireRow(): Range {
    return this.derived("getEntireRow", ({ rect }) => ({ ...rect, left: 0, right: MAX_COLUMNS - 1 }));
  }

  getEntireColumn(): Range {
    return this.derived("getEntireColumn", ({ rect }) => ({ ...rect, top: 0, bottom: MAX_ROWS - 1 }));
  }

  getBoundingRect(anotherRange: Range | string): Range {
    if (anotherRange instanceof Range) this._ctx._sameContext(anotherRange);
    return this.derived("getBoundingRect", ({ sheet, rect }) => {
      const other = resolveCellArgument(anotherRange, sheet, "Range.getBoundingRect", false);
      if (other.sheet !== sheet) throw invalidArgument("Range.getBoundingRect", "ranges on different sheets");
      return {
        top: Math.min(rect.top, other.rect.top),
        left: Math.min(rect.left, other.rect.left),
        bottom: Math.max(rect.bottom, other.rect.bottom),
        right: Math.max(rect.right, other.rect.right),
      };
    });
  }

  /** The used part of this range; throws ItemNotFound at sync when it has none. */
  getUsedRange(valuesOnly?: boolean): Range {
    return this.derived(
      "getUsedRange",
      ({ sheet, rect }) => intersectUsed(sheet, rect, valuesOnly === true),
      {
        since: valuesOnly === undefined ? undefined : "1.2",
      },
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this.derived(
      "getUsedRangeOrNullObject",
      ({ sheet, rect }) => intersectUsed(sheet, rect, valuesOnly === true),
      {
        nullable: true,
        since: "1.4",
      },
    );
  }

  /**
   * ExcelApi 1.9: per-cell properties in one read. Supported keys: address, format.fill.color
   * ("#FFFFFF" for no fill, as Excel), format.fill.tintAndShade (null for no fill), format.font.bold.
   */
  getCellProperties(options: CellPropertiesLoadOptions): ClientResult<CellProperties[][]> {
    const result = new ClientResult<CellProperties[][]>();
    this.call(
      "getCellProperties",
      () => {
        const { sheet, rect } = this.t;
        const fill = options.format?.fill;
        const font = options.format?.font;
        result._set(
          grid(rect, "Range.getCellProperties", (r, c) => {
            const props: CellProperties = {};
            if (options.address)
              props.address = formatAddress(sheet.name, { top: r, bottom: r, left: c, right: c });
            if (fill?.color || fill?.tintAndShade || font?.bold) {
              const colour = sheet.format(r, c, "fill");
              const format: NonNullable<CellProperties["format"]> = {};
              if (fill?.color || fill?.tintAndShade) {
                format.fill = {};
                if (fill.color) format.fill.color = colour ?? "#FFFFFF";
                if (fill.tintAndShade) format.fill.tintAndShade = colour === null ? null : 0;
              }
              if (font?.bold) format.font = { bold: sheet.format(r, c, "bold") };
              props.format = format;
            }
            return props;
          }),
        );
      },
      { write: false, since: "1.9" },
    );
    return result;
  }

  /**
   * ExcelApi 1.9: per-cell formats in one write (a 2-D array of the range's size; null entries
   * skip a cell). Supported: format.fill.color, format.fill.pattern "None" (no fill), format.font.bold.
   */
  setCellProperties(values: (CellPropertiesInput | null | undefined)[][]): void {
    this.call(
      "setCellProperties",
      () => {
        const { sheet, rect } = this.t;
        const rows = checkDimensions(values, rect, "Range.setCellProperties")!;
        rows.forEach((row, i) =>
          row.forEach((entry, j) => {
            if (!entry) return;
            const cell = {
              top: rect.top + i,
              bottom: rect.top + i,
              left: rect.left + j,
              right: rect.left + j,
            };
            const { fill, font } = (entry as CellPropertiesInput).format ?? {};
            if (fill?.pattern === "None") sheet.resetFormat(cell, "fill");
            if (fill?.color !== undefined) {
              const colour = normaliseColour(fill.color);
              if (colour === null)
                throw invalidArgument("Range.setCellProperties", `not a colour: ${String(fill.color)}`);
              sheet.setFormat(cell, "fill", colour);
            }
            if (font?.bold !== undefined) sheet.setFormat(cell, "bold", font.bold === true);
          }),
        );
      },
      { write: true, since: "1.9" },
    );
  }

  /** Selects the range in the Excel UI (not a workbook write). */
  select(): void {
    this.call(
      "select",
      () => {
        this.model.activate(this.t.sheet);
        this.t.sheet.selection = this.t.rect;
      },
      { write: false },
    );
  }

  /** applyTo: "All" (default), "Contents" or "Formats". Clearing contents fires onChanged. */
  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this.call(
      "clear",
      () => {
        const { sheet, rect } = this.t;
        if (applyTo === "All" || applyTo === "Formats") sheet.clearFormats(rect);
        if (applyTo === "All" || applyTo === "Contents")
          this.model.clearContents(sheet, rect, "ThisLocalAddin");
      },
      { write: true },
    );
  }
}

function intersectUsed(sheet: SheetModel, rect: Rect, valuesOnly: boolean): Rect | null {
  const used = sheet.usedRect(valuesOnly);
  if (!used) return null;
  const top = Math.max(used.top, rect.top);
  const left = Math.max(used.left, rect.left);
  const bottom = Math.min(used.bottom, rect.bottom);
  const right = Math.min(used.right, rect.right);
  return top > bottom || left > right ? null : { top, left, bottom, right };
}

/** A cell argument (`notes.add(range | "Sheet1!A1", …)`) resolved at sync. */
function resolveCellArgument(
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

// ---- worksheets ---------------------------------------------------------------------------------

const BAD_SHEET_CHARS = /[[\]:*?/\\]/;

function checkSheetName(model: MemoryWorkbook, name: unknown, location: string, except?: SheetModel): string {
  if (typeof name !== "string" || name.length === 0 || name.length > 31 || BAD_SHEET_CHARS.test(name)) {
    throw invalidArgument(location, "invalid sheet name");
  }
  if (name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") {
    throw invalidArgument(location, "invalid sheet name");
  }
  const existing = model.findSheet(name);
  if (existing && existing !== except) throw itemAlreadyExists(location);
  return name;
}

export interface WorksheetChangedEventArgs {
  readonly type: "WorksheetChanged";
  readonly worksheetId: string;
  /** The changed cells without the sheet name ("B3", "A2:D40"). */
  readonly address: string;
  readonly changeType: "RangeEdited";
  readonly source: "Local";
  readonly triggerSource: "ThisLocalAddin" | "Unknown";
  /** Present only when one cell changed. */
  readonly details?: {
    readonly valueBefore: RangeValue;
    readonly valueAfter: RangeValue;
    readonly valueTypeBefore: ValueType;
    readonly valueTypeAfter: ValueType;
  };
  getRange(ctx: MemoryRequestContext): Range;
  getRangeOrNullObject(ctx: MemoryRequestContext): Range;
}

function eventArgs(change: ChangeRecord): WorksheetChangedEventArgs {
  const address = formatRef(change.rect);
  const sheetId = change.sheet.id;
  const args: WorksheetChangedEventArgs = {
    type: "WorksheetChanged",
    worksheetId: sheetId,
    address,
    changeType: "RangeEdited",
    source: "Local",
    triggerSource: change.triggerSource,
    getRange: (ctx) => ctx.workbook.worksheets.getItem(sheetId).getRange(address),
    getRangeOrNullObject: (ctx) =>
      new Range(
        ctx,
        () => {
          const sheet = ctx._host.model.findSheetById(sheetId);
          return sheet ? { sheet, rect: change.rect } : null;
        },
        { location: "WorksheetChangedEventArgs.getRangeOrNullObject", nullable: true, since: "1.8" },
      ),
  };
  return change.details ? { ...args, details: { ...change.details } } : args;
}

export class EventHandlerResult {
  /** @internal */ _entry: unknown;
  constructor(
    readonly context: MemoryRequestContext,
    private readonly unregister: (result: EventHandlerResult) => void,
  ) {}

  /** Queues the removal; the handler stops at this context's next sync (as in Office.js). */
  remove(): void {
    this.unregister(this);
  }
}

export class WorksheetChangedEvent {
  /** @internal */
  constructor(
    private readonly owner: ProxyBase<unknown>,
    private readonly scope: () => SheetModel | "workbook",
    private readonly since: string,
  ) {}

  add(handler: (args: WorksheetChangedEventArgs) => Promise<unknown> | unknown): EventHandlerResult {
    const ctx = this.owner._ctx;
    const result = new EventHandlerResult(ctx, (r) =>
      ctx._enqueue(
        {
          run: () => {
            ctx._host.model.removeHandler(r._entry);
          },
          location: "EventHandlerResult.remove",
        },
        false,
      ),
    );
    ctx._enqueue(
      {
        run: () => {
          if (this.owner._isNull) throw itemNotFound("onChanged.add");
          result._entry = ctx._host.model.addHandler(this.scope(), (change) => handler(eventArgs(change)));
        },
        since: this.since,
        location: "onChanged.add",
      },
      false,
    );
    return result;
  }
}

export class WorksheetFreezePanes extends ProxyBase<SheetModel> {
  protected readonly scalarNames = [] as const;

  /** @internal */
  constructor(private readonly sheet: Worksheet) {
    super(sheet._ctx, () => sheet._target ?? null, {
      entity: "WorksheetFreezePanes",
      location: "Worksheet.freezePanes",
      parent: sheet,
      since: "1.7",
    });
  }

  protected readScalar(): unknown {
    return undefined;
  }

  private freeze(name: string, rows: number, columns: number): void {
    this.call(
      name,
      () => {
        if (rows < 0 || columns < 0 || rows >= MAX_ROWS || columns >= MAX_COLUMNS) {
          throw invalidArgument(`WorksheetFreezePanes.${name}`);
        }
        this.t.frozenRows = rows;
        this.t.frozenColumns = columns;
      },
      { write: true, since: "1.7" },
    );
  }

  freezeRows(count = 1): void {
    this.freeze("freezeRows", count, 0);
  }

  freezeColumns(count = 1): void {
    this.freeze("freezeColumns", 0, count);
  }

  unfreeze(): void {
    this.freeze("unfreeze", 0, 0);
  }

  private location(name: string, nullable: boolean): Range {
    return new Range(
      this._ctx,
      () => {
        const sheet = this.t;
        const rows = sheet.frozenRows;
        const cols = sheet.frozenColumns;
        if (rows === 0 && cols === 0) return null;
        const rect =
          cols === 0
            ? { top: 0, bottom: rows - 1, left: 0, right: MAX_COLUMNS - 1 }
            : rows === 0
              ? { top: 0, bottom: MAX_ROWS - 1, left: 0, right: cols - 1 }
              : { top: 0, bottom: rows - 1, left: 0, right: cols - 1 };
        return { sheet, rect };
      },
      { location: `WorksheetFreezePanes.${name}`, parent: this, nullable, since: "1.7" },
    );
  }

  getLocation(): Range {
    return this.location("getLocation", false);
  }

  getLocationOrNullObject(): Range {
    return this.location("getLocationOrNullObject", true);
  }

  get worksheet(): Worksheet {
    return this.sheet;
  }
}

export class Worksheet extends ProxyBase<SheetModel> {
  protected readonly scalarNames = ["name", "id", "position", "visibility"] as const;

  /** @internal */
  constructor(
    ctx: MemoryRequestContext,
    resolve: (() => SheetModel | null) | SheetModel,
    opts: Omit<ProxyOptions, "entity">,
  ) {
    super(ctx, resolve, { ...opts, entity: "Worksheet" });
  }

  protected readScalar(name: string): unknown {
    const sheet = this.t;
    if (name === "name") return sheet.name;
    if (name === "id") return sheet.id;
    if (name === "position") return this.model.position(sheet);
    return "Visible";
  }

  protected override navigation(name: string): ProxyBase<unknown> | undefined {
    if (name === "freezePanes") return this.freezePanes;
    return undefined;
  }

  get name(): string {
    return this.get("name");
  }
  set name(value: string) {
    this.set("name", value, () => {
      this.t.name = checkSheetName(this.model, value, "Worksheet.name", this.t);
    });
  }
  get id(): string {
    return this.get("id");
  }
  get position(): number {
    return this.get("position");
  }
  get visibility(): "Visible" {
    return this.get("visibility");
  }

  /** Makes this the active sheet (UI state, not counted as a write). */
  activate(): void {
    this.call("activate", () => this.model.activate(this.t), { write: false });
  }

  delete(): void {
    this.call(
      "delete",
      () => {
        if (this.model.sheets.length === 1) throw invalidArgument("Worksheet.delete", "the last sheet");
        this.model.removeSheet(this.t);
      },
      { write: true },
    );
  }

  private range(
    name: string,
    f: (sheet: SheetModel) => Rect | null,
    opts: { nullable?: boolean; since?: string } = {},
  ): Range {
    const location = `Worksheet.${name}`;
    return new Range(
      this._ctx,
      () => {
        const rect = f(this.t);
        return rect === null ? null : { sheet: this.t, rect: checkRect(rect, location) };
      },
      { location, parent: this, ...opts },
    );
  }

  /** "A1", "B2:D10", "Sheet1!A1:B2", "3:5", "A:C"; no address = the whole sheet. */
  getRange(address?: string): Range {
    return this.range("getRange", (sheet) => {
      if (address === undefined || address === "")
        return { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLUMNS - 1 };
      const parsed = parseAddress(address);
      if (!parsed) throw invalidArgument("Worksheet.getRange", `not an address: ${address}`);
      if (parsed.sheetName !== undefined && parsed.sheetName.toLowerCase() !== sheet.name.toLowerCase()) {
        throw invalidArgument("Worksheet.getRange", "the address names another sheet");
      }
      return parsed.rect;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return this.range(
      "getRangeByIndexes",
      () => ({
        top: startRow,
        left: startColumn,
        bottom: startRow + rowCount - 1,
        right: startColumn + columnCount - 1,
      }),
      { since: "1.7" },
    );
  }

  getCell(row: number, column: number): Range {
    return this.range("getCell", () => ({ top: row, bottom: row, left: column, right: column }));
  }

  /** The used range; "A1" on an empty sheet (as Excel). */
  getUsedRange(valuesOnly?: boolean): Range {
    return this.range(
      "getUsedRange",
      (sheet) => sheet.usedRect(valuesOnly === true) ?? { top: 0, left: 0, bottom: 0, right: 0 },
      { since: valuesOnly === undefined ? undefined : "1.2" },
    );
  }

  /** The used range, or a null object on an empty sheet. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this.range("getUsedRangeOrNullObject", (sheet) => sheet.usedRect(valuesOnly === true), {
      nullable: true,
      since: "1.4",
    });
  }

  get freezePanes(): WorksheetFreezePanes {
    return this.child("freezePanes", () => new WorksheetFreezePanes(this));
  }

  get notes(): NoteCollection {
    return this.child("notes", () => new NoteCollection(this._ctx, this));
  }

  get comments(): CommentCollection {
    return this.child("comments", () => new CommentCollection(this._ctx, this));
  }

  private changedEvent?: WorksheetChangedEvent;

  /** Data changes on this sheet (ExcelApi 1.7); format changes do not fire it. */
  get onChanged(): WorksheetChangedEvent {
    this.changedEvent ??= new WorksheetChangedEvent(this, () => this.t, "1.7");
    return this.changedEvent;
  }
}

abstract class CollectionBase<T, Item extends ProxyBase<unknown>> extends ProxyBase<T> {
  protected readonly scalarNames = ["items"] as const;

  protected abstract listItems(): Item[];

  protected readScalar(): unknown {
    return this.listItems();
  }

  override _applyLoad(paths: readonly string[] | null): void {
    if (this._isNull) return;
    const itemPaths: string[] = [];
    let all = paths === null;
    for (const p of paths ?? []) {
      if (p === "items") all = true;
      else itemPaths.push(p.startsWith("items/") ? p.slice("items/".length) : p);
    }
    const items = this.listItems();
    for (const item of items) item._applyLoad(all && itemPaths.length === 0 ? null : itemPaths);
    this._loaded.set("items", items);
  }

  get items(): Item[] {
    return this.get("items");
  }

  protected count(name: string, f: () => number, since?: string): ClientResult<number> {
    const result = new ClientResult<number>();
    this.call(name, () => result._set(f()), { write: false, since });
    return result;
  }
}

export class WorksheetCollection extends CollectionBase<MemoryWorkbook, Worksheet> {
  /** @internal */
  constructor(ctx: MemoryRequestContext) {
    super(ctx, () => ctx._host.model, { entity: "WorksheetCollection", location: "Workbook.worksheets" });
  }

  protected listItems(): Worksheet[] {
    return this.model.sheets.map(
      (s) => new Worksheet(this._ctx, s, { location: "WorksheetCollection.items" }),
    );
  }

  getActiveWorksheet(): Worksheet {
    return new Worksheet(this._ctx, () => this.model.activeSheet, {
      location: "WorksheetCollection.getActiveWorksheet",
    });
  }

  /** By name (case-insensitive) or id; ItemNotFound at sync when missing. */
  getItem(key: string): Worksheet {
    return new Worksheet(this._ctx, () => this.find(key), { location: "WorksheetCollection.getItem" });
  }

  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(this._ctx, () => this.find(key), {
      location: "WorksheetCollection.getItemOrNullObject",
      nullable: true,
      since: "1.4",
    });
  }

  private find(key: string): SheetModel | null {
    return this.model.findSheet(key) ?? this.model.findSheetById(key) ?? null;
  }

  /** Adds a sheet at the end ("SheetN" when no name is given). */
  add(name?: string): Worksheet {
    let created: SheetModel | null = null;
    this.call(
      "add",
      () => {
        const finalName =
          name === undefined ? undefined : checkSheetName(this.model, name, "WorksheetCollection.add");
        created = this.model.addSheet(finalName);
      },
      { write: true },
    );
    return new Worksheet(this._ctx, () => created, { location: "WorksheetCollection.add" });
  }

  getCount(): ClientResult<number> {
    return this.count("getCount", () => this.model.sheets.length, "1.4");
  }

  private changedEvent?: WorksheetChangedEvent;

  /** Workbook-wide change events (ExcelApi 1.9). */
  get onChanged(): WorksheetChangedEvent {
    this.changedEvent ??= new WorksheetChangedEvent(this, () => "workbook", "1.9");
    return this.changedEvent;
  }
}

// ---- notes, comments, settings -----------------------------------------------------------------

function notesInOrder(model: MemoryWorkbook, scope: SheetModel | null): NoteModel[] {
  const sheets = scope ? [scope] : [...model.sheets];
  return sheets.flatMap((s) => [...s.notes.entries()].sort(([a], [b]) => a - b).map(([, n]) => n));
}

function commentsInOrder(model: MemoryWorkbook, scope: SheetModel | null): CommentModel[] {
  const sheets = scope ? [scope] : [...model.sheets];
  return sheets.flatMap((s) => [...s.comments.entries()].sort(([a], [b]) => a - b).map(([, n]) => n));
}

export class Note extends ProxyBase<NoteModel> {
  protected readonly scalarNames = ["content", "authorName", "visible"] as const;

  /** @internal */
  constructor(
    ctx: MemoryRequestContext,
    resolve: (() => NoteModel | null) | NoteModel,
    opts: Omit<ProxyOptions, "entity">,
  ) {
    super(ctx, resolve, { ...opts, entity: "Note", since: "1.18" });
  }

  private live(location: string): NoteModel {
    const note = this.t;
    if (note.sheet.notes.get(cellKey(note.row, note.col)) !== note) throw itemNotFound(location);
    return note;
  }

  protected readScalar(name: string): unknown {
    const note = this.live(`Note.${name}`);
    if (name === "content") return note.content;
    if (name === "authorName") return note.authorName;
    return false;
  }

  get content(): string {
    return this.get("content");
  }
  set content(value: string) {
    this.set("content", value, () => {
      this.live("Note.content").content = String(value);
    });
  }
  get authorName(): string {
    return this.get("authorName");
  }
  get visible(): boolean {
    return this.get("visible");
  }

  delete(): void {
    this.call(
      "delete",
      () => {
        const note = this.live("Note.delete");
        note.sheet.notes.delete(cellKey(note.row, note.col));
      },
      { write: true, since: "1.18" },
    );
  }

  getLocation(): Range {
    return new Range(
      this._ctx,
      () => {
        const n = this.live("Note.getLocation");
        return { sheet: n.sheet, rect: { top: n.row, bottom: n.row, left: n.col, right: n.col } };
      },
      { location: "Note.getLocation", parent: this, since: "1.18" },
    );
  }
}

/** A collection's reach: one sheet, or the whole workbook (scope null). */
interface Scope {
  readonly scope: SheetModel | null;
}

function scopeOf(sheet: Worksheet | null): () => Scope | null {
  return () => (sheet === null ? { scope: null } : sheet._target ? { scope: sheet._target } : null);
}

export class NoteCollection extends CollectionBase<Scope, Note> {
  /** @internal */
  constructor(ctx: MemoryRequestContext, sheet: Worksheet | null) {
    super(ctx, scopeOf(sheet), {
      entity: "NoteCollection",
      location: sheet ? "Worksheet.notes" : "Workbook.notes",
      parent: sheet ?? undefined,
      since: "1.18",
    });
  }

  private scope(): SheetModel | null {
    return this.t.scope;
  }

  protected listItems(): Note[] {
    return notesInOrder(this.model, this.scope()).map(
      (n) => new Note(this._ctx, n, { location: "NoteCollection.items" }),
    );
  }

  private at(address: string | Range, location: string, singleCell = true): RangeRef {
    return resolveCellArgument(address, this.scope(), location, singleCell, this.model);
  }

  /** Adds a note to one cell; InvalidArgument if the range is not one cell or already has a note. */
  add(cellAddress: Range | string, content: string): Note {
    if (cellAddress instanceof Range) this._ctx._sameContext(cellAddress);
    let created: NoteModel | null = null;
    this.call(
      "add",
      () => {
        const { sheet, rect } = this.at(cellAddress, "NoteCollection.add");
        const k = cellKey(rect.top, rect.left);
        if (sheet.notes.has(k)) throw invalidArgument("NoteCollection.add", "the cell already has a note");
        created = {
          sheet,
          row: rect.top,
          col: rect.left,
          content: String(content),
          authorName: this._ctx._host.authorName,
        };
        sheet.notes.set(k, created);
      },
      { write: true, since: "1.18" },
    );
    return new Note(this._ctx, () => created, { location: "NoteCollection.add" });
  }

  private byAddress(key: string | Range, location: string): NoteModel | null {
    const { sheet, rect } = this.at(key, location);
    return sheet.notes.get(cellKey(rect.top, rect.left)) ?? null;
  }

  /** By cell address ("Sheet1!B3"; on a worksheet's collection "B3" will do). */
  getItem(key: string): Note {
    return new Note(this._ctx, () => this.byAddress(key, "NoteCollection.getItem"), {
      location: "NoteCollection.getItem",
    });
  }

  getItemOrNullObject(key: string): Note {
    return new Note(this._ctx, () => this.byAddress(key, "NoteCollection.getItemOrNullObject"), {
      location: "NoteCollection.getItemOrNullObject",
      nullable: true,
    });
  }

  getItemAt(index: number): Note {
    return new Note(this._ctx, () => notesInOrder(this.model, this.scope())[index] ?? null, {
      location: "NoteCollection.getItemAt",
    });
  }

  getCount(): ClientResult<number> {
    return this.count("getCount", () => notesInOrder(this.model, this.scope()).length, "1.18");
  }
}

export class Comment extends ProxyBase<CommentModel> {
  protected readonly scalarNames = [
    "id",
    "content",
    "authorName",
    "authorEmail",
    "creationDate",
    "resolved",
  ] as const;

  /** @internal */
  constructor(
    ctx: MemoryRequestContext,
    resolve: (() => CommentModel | null) | CommentModel,
    opts: Omit<ProxyOptions, "entity">,
  ) {
    super(ctx, resolve, { ...opts, entity: "Comment", since: "1.10" });
  }

  private live(location: string): CommentModel {
    const c = this.t;
    if (c.sheet.comments.get(cellKey(c.row, c.col)) !== c) throw itemNotFound(location);
    return c;
  }

  protected readScalar(name: string): unknown {
    const c = this.live(`Comment.${name}`);
    switch (name) {
      case "id":
        return c.id;
      case "content":
        return c.content;
      case "authorName":
        return c.authorName;
      case "authorEmail":
        return "";
      case "creationDate":
        return new Date(c.creationDate.getTime());
      default:
        return c.resolved;
    }
  }

  get id(): string {
    return this.get("id");
  }
  get content(): string {
    return this.get("content");
  }
  set content(value: string) {
    this.set("content", value, () => {
      this.live("Comment.content").content = String(value);
    });
  }
  get authorName(): string {
    return this.get("authorName");
  }
  get authorEmail(): string {
    return this.get("authorEmail");
  }
  get creationDate(): Date {
    return this.get("creationDate");
  }
  get resolved(): boolean {
    return this.get("resolved");
  }

  delete(): void {
    this.call(
      "delete",
      () => {
        const c = this.live("Comment.delete");
        c.sheet.comments.delete(cellKey(c.row, c.col));
      },
      { write: true, since: "1.10" },
    );
  }

  getLocation(): Range {
    return new Range(
      this._ctx,
      () => {
        const c = this.live("Comment.getLocation");
        return { sheet: c.sheet, rect: { top: c.row, bottom: c.row, left: c.col, right: c.col } };
      },
      { location: "Comment.getLocation", parent: this, since: "1.10" },
    );
  }
}

export class CommentCollection extends CollectionBase<Scope, Comment> {
  /** @internal */
  constructor(ctx: MemoryRequestContext, sheet: Worksheet | null) {
    super(ctx, scopeOf(sheet), {
      entity: "CommentCollection",
      location: sheet ? "Worksheet.comments" : "Workbook.comments",
      parent: sheet ?? undefined,
      since: "1.10",
    });
  }

  private scope(): SheetModel | null {
    return this.t.scope;
  }

  protected listItems(): Comment[] {
    return commentsInOrder(this.model, this.scope()).map(
      (c) => new Comment(this._ctx, c, { location: "CommentCollection.items" }),
    );
  }

  /** Adds a comment to one cell; InvalidArgument if the range is not one cell or already has one. */
  add(cellAddress: Range | string, content: string, _contentType?: "Plain"): Comment {
    if (cellAddress instanceof Range) this._ctx._sameContext(cellAddress);
    let created: CommentModel | null = null;
    this.call(
      "add",
      () => {
        const { sheet, rect } = resolveCellArgument(
          cellAddress,
          this.scope(),
          "CommentCollection.add",
          true,
          this.model,
        );
        const k = cellKey(rect.top, rect.left);
        if (sheet.comments.has(k))
          throw invalidArgument("CommentCollection.add", "the cell already has a comment");
        created = {
          id: this.model.newCommentId(),
          sheet,
          row: rect.top,
          col: rect.left,
          content: String(content),
          authorName: this._ctx._host.authorName,
          creationDate: new Date(),
          resolved: false,
        };
        sheet.comments.set(k, created);
      },
      { write: true, since: "1.10" },
    );
    return new Comment(this._ctx, () => created, { location: "CommentCollection.add" });
  }

  getItem(commentId: string): Comment {
    return new Comment(
      this._ctx,
      () => commentsInOrder(this.model, this.scope()).find((c) => c.id === commentId) ?? null,
      {
        location: "CommentCollection.getItem",
      },
    );
  }

  /** The comment on a cell; ItemNotFound at sync when the cell has none. */
  getItemByCell(cellAddress: Range | string): Comment {
    if (cellAddress instanceof Range) this._ctx._sameContext(cellAddress);
    return new Comment(
      this._ctx,
      () => {
        const { sheet, rect } = resolveCellArgument(
          cellAddress,
          this.scope(),
          "CommentCollection.getItemByCell",
          true,
          this.model,
        );
        return sheet.comments.get(cellKey(rect.top, rect.left)) ?? null;
      },
      { location: "CommentCollection.getItemByCell" },
    );
  }

  getItemAt(index: number): Comment {
    return new Comment(this._ctx, () => commentsInOrder(this.model, this.scope())[index] ?? null, {
      location: "CommentCollection.getItemAt",
    });
  }

  getCount(): ClientResult<number> {
    return this.count("getCount", () => commentsInOrder(this.model, this.scope()).length, "1.10");
  }
}

export class Setting extends ProxyBase<string> {
  protected readonly scalarNames = ["key", "value"] as const;

  /** @internal */
  constructor(
    ctx: MemoryRequestContext,
    resolve: (() => string | null) | string,
    opts: Omit<ProxyOptions, "entity">,
  ) {
    super(ctx, resolve, { ...opts, entity: "Setting", since: "1.4" });
  }

  protected readScalar(name: string): unknown {
    const stored = this.model.settings.get(this.t);
    if (stored === undefined) throw itemNotFound(`Setting.${name}`);
    return name === "key" ? this.t : JSON.parse(stored);
  }

  get key(): string {
    return this.get("key");
  }
  get value(): unknown {
    return this.get("value");
  }
  set value(value: unknown) {
    this.set("value", value, () => this.model.settings.set(this.t, serialiseSetting(value)), "1.4");
  }

  delete(): void {
    this.call("delete", () => this.model.settings.delete(this.t), { write: true, since: "1.4" });
  }
}

function serialiseSetting(value: unknown): string {
  const json = value === undefined ? undefined : JSON.stringify(value);
  if (json === undefined) throw invalidArgument("SettingCollection.add", "the value must be serialisable");
  return json;
}

export class SettingCollection extends CollectionBase<MemoryWorkbook, Setting> {
  /** @internal */
  constructor(ctx: MemoryRequestContext) {
    super(ctx, () => ctx._host.model, {
      entity: "SettingCollection",
      location: "Workbook.settings",
      since: "1.4",
    });
  }

  protected listItems(): Setting[] {
    return [...this.model.settings.keys()].map(
      (k) => new Setting(this._ctx, k, { location: "SettingCollection.items" }),
    );
  }

  /** Sets or replaces a setting; the value is stored as JSON (a deep copy). */
  add(key: string, value: unknown): Setting {
    this.call(
      "add",
      () => {
        if (typeof key !== "string" || key === "")
          throw invalidArgument("SettingCollection.add", "empty key");
        this.model.settings.set(key, serialiseSetting(value));
      },
      { write: true, since: "1.4" },
    );
    return new Setting(this._ctx, () => key, { location: "SettingCollection.add" });
  }

  getItem(key: string): Setting {
    return new Setting(this._ctx, () => (this.model.settings.has(key) ? key : null), {
      location: "SettingCollection.getItem",
    });
  }

  getItemOrNullObject(key: string): Setting {
    return new Setting(this._ctx, () => (this.model.settings.has(key) ? key : null), {
      location: "SettingCollection.getItemOrNullObject",
      nullable: true,
    });
  }

  getCount(): ClientResult<number> {
    return this.count("getCount", () => this.model.settings.size, "1.4");
  }
}

// ---- workbook and application ------------------------------------------------------------------

export class Application extends ProxyBase<MemoryWorkbook> {
  protected readonly scalarNames = ["calculationMode"] as const;

  /** @internal */
  constructor(ctx: MemoryRequestContext) {
    super(ctx, () => ctx._host.model, { entity: "Application", location: "Workbook.application" });
  }

  protected readScalar(): unknown {
    return "Automatic";
  }

  get calculationMode(): "Automatic" {
    return this.get("calculationMode");
  }

  /** Nothing is ever calculated here; the call is accepted (and version-checked) like Excel's. */
  suspendApiCalculationUntilNextSync(): void {
    this.call("suspendApiCalculationUntilNextSync", () => undefined, { write: false, since: "1.6" });
  }
}

export class Workbook extends ProxyBase<MemoryWorkbook> {
  protected readonly scalarNames = [] as const;

  /** @internal */
  constructor(ctx: MemoryRequestContext) {
    super(ctx, () => ctx._host.model, { entity: "Workbook", location: "context.workbook", root: true });
  }

  protected readScalar(): unknown {
    return undefined;
  }

  get worksheets(): WorksheetCollection {
    return this.child("worksheets", () => new WorksheetCollection(this._ctx));
  }

  get settings(): SettingCollection {
    return this.child("settings", () => new SettingCollection(this._ctx));
  }

  get notes(): NoteCollection {
    return this.child("notes", () => new NoteCollection(this._ctx, null));
  }

  get comments(): CommentCollection {
    return this.child("comments", () => new CommentCollection(this._ctx, null));
  }

  get application(): Application {
    return this.child("application", () => new Application(this._ctx));
  }

  getSelectedRange(): Range {
    return new Range(
      this._ctx,
      () => ({ sheet: this.model.activeSheet, rect: this.model.activeSheet.selection }),
      { location: "Workbook.getSelectedRange" },
    );
  }

  getActiveCell(): Range {
    return new Range(
      this._ctx,
      () => {
        const sheet = this.model.activeSheet;
        const { top, left } = sheet.selection;
        return { sheet, rect: { top, left, bottom: top, right: left } };
      },
      { location: "Workbook.getActiveCell", since: "1.7" },
    );
  }
}
