/**
 * The workbook state behind the in-memory Excel: sheets of sparse cells, layered formats
 * (sheet → column → row → cell, as Excel keeps whole-column formats without touching every cell),
 * notes, comments, settings, selection, change events, and the "user" who types and pastes.
 * The Office.js-shaped proxies in `proxies.ts` read and write this state only inside `sync`.
 */
import type { CellValue } from "../../domain/grid";
import {
  MAX_COLUMNS,
  MAX_ROWS,
  cellRef,
  contains,
  formatRef,
  isEntireColumns,
  isEntireRows,
  parseAddress,
  type Rect,
} from "./address";
import {
  GENERAL_FORMAT,
  TEXT_FORMAT,
  displayText,
  parseTypedText,
  readType,
  readValue,
  type CellData,
  type RangeValue,
  type ValueType,
} from "./values";

export interface ListValidationRule {
  readonly list: { readonly inCellDropDown: boolean; readonly source: string };
}

/** Format properties that can sit on a cell, a row, a column or the sheet. */
export interface FormatProps {
  fill?: string | null;
  numberFormat?: string;
  bold?: boolean;
  validation?: ListValidationRule | null;
}
export type FormatKey = keyof FormatProps;

const DEFAULTS: Required<FormatProps> = {
  fill: null,
  numberFormat: GENERAL_FORMAT,
  bold: false,
  validation: null,
};
/** Excel's standard column width in points (8.43 characters of Calibri 11). */
export const DEFAULT_COLUMN_WIDTH = 48;

export interface NoteModel {
  readonly sheet: SheetModel;
  readonly row: number;
  readonly col: number;
  content: string;
  authorName: string;
}

export interface CommentModel {
  readonly id: string;
  readonly sheet: SheetModel;
  readonly row: number;
  readonly col: number;
  content: string;
  authorName: string;
  readonly creationDate: Date;
  resolved: boolean;
}

export type TriggerSource = "ThisLocalAddin" | "Unknown";

export interface ChangeRecord {
  readonly sheet: SheetModel;
  readonly rect: Rect;
  readonly triggerSource: TriggerSource;
  readonly details?: {
    readonly valueBefore: RangeValue;
    readonly valueAfter: RangeValue;
    readonly valueTypeBefore: ValueType;
    readonly valueTypeAfter: ValueType;
  };
}

const key = (row: number, col: number): number => row * MAX_COLUMNS + col;

export class SheetModel {
  readonly cells = new Map<number, CellData>();
  readonly cellFormats = new Map<number, FormatProps>();
  readonly rowFormats = new Map<number, FormatProps>();
  readonly columnFormats = new Map<number, FormatProps>();
  sheetFormat: FormatProps = {};
  readonly columnWidths = new Map<number, number>();
  readonly notes = new Map<number, NoteModel>();
  readonly comments = new Map<number, CommentModel>();
  frozenRows = 0;
  frozenColumns = 0;
  selection: Rect = { top: 0, left: 0, bottom: 0, right: 0 };

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  cell(row: number, col: number): CellData | undefined {
    return this.cells.get(key(row, col));
  }

  format<K extends FormatKey>(row: number, col: number, prop: K): Required<FormatProps>[K] {
    for (const layer of [
      this.cellFormats.get(key(row, col)),
      this.rowFormats.get(row),
      this.columnFormats.get(col),
      this.sheetFormat,
    ]) {
      if (layer && layer[prop] !== undefined) return layer[prop] as Required<FormatProps>[K];
    }
    return DEFAULTS[prop];
  }

  numberFormat(row: number, col: number): string {
    return this.format(row, col, "numberFormat");
  }

  setCell(row: number, col: number, data: CellData | null): void {
    if (data === null) this.cells.delete(key(row, col));
    else this.cells.set(key(row, col), data);
  }

  /** Sets a format property over a rectangle, storing whole rows/columns as row/column formats. */
  setFormat<K extends FormatKey>(rect: Rect, prop: K, value: FormatProps[K]): void {
    const put = (map: Map<number, FormatProps>, k: number): void => {
      const layer = map.get(k) ?? {};
      layer[prop] = value;
      map.set(k, layer);
    };
    const drop = (map: Map<number, FormatProps>, k: number): void => {
      const layer = map.get(k);
      if (!layer) return;
      delete layer[prop];
      if (Object.keys(layer).length === 0) map.delete(k);
    };
    if (isEntireRows(rect) && rect.top === 0 && rect.bottom === MAX_ROWS - 1) {
      this.sheetFormat[prop] = value;
      for (const map of [this.cellFormats, this.rowFormats, this.columnFormats]) {
        for (const k of [...map.keys()]) drop(map, k);
      }
      return;
    }
    if (isEntireRows(rect)) {
      for (const k of [...this.cellFormats.keys()]) {
        const row = Math.floor(k / MAX_COLUMNS);
        if (row >= rect.top && row <= rect.bottom) drop(this.cellFormats, k);
      }
      // Where a formatted column crosses these rows, the newer row format wins: pin it on the cell.
      for (const [col, layer] of this.columnFormats) {
        if (layer[prop] === undefined) continue;
        for (let r = rect.top; r <= rect.bottom; r++) put(this.cellFormats, key(r, col));
      }
      for (let r = rect.top; r <= rect.bottom; r++) put(this.rowFormats, r);
      return;
    }
    if (isEntireColumns(rect)) {
      for (const k of [...this.cellFormats.keys()]) {
        const col = k % MAX_COLUMNS;
        if (col >= rect.left && col <= rect.right) drop(this.cellFormats, k);
      }
      for (const [row, layer] of this.rowFormats) {
        if (layer[prop] === undefined) continue;
        for (let c = rect.left; c <= rect.right; c++) put(this.cellFormats, key(row, c));
      }
      for (let c = rect.left; c <= rect.right; c++) put(this.columnFormats, c);
      return;
    }
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) put(this.cellFormats, key(r, c));
    }
  }

  /** Puts a format property back to Excel's default over a rectangle (fill.clear, clear formats). */
  resetFormat(rect: Rect, prop: FormatKey): void {
    if (isEntireRows(rect) || isEntireColumns(rect)) {
      this.setFormat(rect, prop, DEFAULTS[prop]);
      return;
    }
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) {
        const k = key(r, c);
        const own = this.cellFormats.get(k);
        if (own) delete own[prop];
        // Only pin the default on the cell when a row/column/sheet format would otherwise show through.
        if (this.format(r, c, prop) !== DEFAULTS[prop]) {
          const layer = own ?? {};
          (layer as Record<string, unknown>)[prop] = DEFAULTS[prop];
          this.cellFormats.set(k, layer);
        } else if (own && Object.values(own).every((v) => v === undefined)) {
          this.cellFormats.delete(k);
        }
      }
    }
  }

  clearFormats(rect: Rect): void {
    for (const prop of ["fill", "numberFormat", "bold"] as const) this.resetFormat(rect, prop);
  }

  /** Positions of non-empty cells inside a rectangle (sparse walk, for huge ranges). */
  *cellsIn(rect: Rect): Iterable<[number, number, CellData]> {
    for (const [k, data] of this.cells) {
      const row = Math.floor(k / MAX_COLUMNS);
      const col = k % MAX_COLUMNS;
      if (contains(rect, row, col)) yield [row, col, data];
    }
  }

  /** The used range as Excel computes it: values, plus cell-level formats unless valuesOnly. */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const take = (k: number): void => {
      const row = Math.floor(k / MAX_COLUMNS);
      const col = k % MAX_COLUMNS;
      if (row < top) top = row;
      if (row > bottom) bottom = row;
      if (col < left) left = col;
      if (col > right) right = col;
    };
    for (const k of this.cells.keys()) take(k);
    if (!valuesOnly) {
      for (const [k, layer] of this.cellFormats) {
        if (Object.values(layer).some((v) => v !== undefined)) take(k);
      }
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  columnWidth(col: number): number {
    return this.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
  }
}

export interface SnapshotCell {
  readonly address: string;
  /** 0-based. */
  readonly row: number;
  /** 0-based. */
  readonly column: number;
  /** null for an empty cell. */
  readonly value: string | number | boolean | null;
  readonly valueType: ValueType;
  readonly text: string;
  /** "#RRGGBB", or null for no fill. */
  readonly fill: string | null;
  readonly note: string | null;
  readonly comment: string | null;
  readonly numberFormat: string;
  readonly bold: boolean;
  /** The drop-down's items when the cell has a list validation. */
  readonly dropDown: readonly string[] | null;
}

export interface SheetSnapshot {
  readonly name: string;
  readonly id: string;
  readonly active: boolean;
  readonly position: number;
  /** Rows/columns needed to show every listed cell (at least 1). */
  readonly rowCount: number;
  readonly columnCount: number;
  readonly frozenRows: number;
  readonly frozenColumns: number;
  readonly selection: string;
  /** Only the columns whose width differs from the default. */
  readonly columnWidths: Readonly<Record<number, number>>;
  /** Cells with a value, a cell-level format, a note or a comment, in row-major order. */
  readonly cells: readonly SnapshotCell[];
}

export interface SeedSheet {
  readonly name: string;
  /** rows[0] is worksheet row 1; null or "" leaves the cell empty. Strings are stored as given. */
  readonly rows: readonly (readonly CellValue[])[];
  /** Optional number formats by position (e.g. "@" for text columns). */
  readonly numberFormats?: readonly (readonly (string | null)[])[];
}

interface HandlerEntry {
  readonly scope: SheetModel | "workbook";
  readonly handler: (args: ChangeRecord) => unknown;
}

/** The user at the keyboard: edits apply at once and fire `onChanged` with triggerSource "Unknown". */
export interface MemoryUser {
  /** Types text into one cell (Excel's coercion applies; "" clears it). */
  type(sheetName: string, address: string, text: string): void;
  /** Pastes rows of text starting at the top-left cell: one change event, no details. */
  paste(sheetName: string, topLeftAddress: string, rows: readonly (readonly string[])[]): void;
  /** Deletes the contents of a range (the Delete key): one change event. */
  clear(sheetName: string, address: string): void;
  /** Selects a range (and activates its sheet). */
  select(sheetName: string, address: string): void;
}

export class MemoryWorkbook {
  private sheetList: SheetModel[] = [];
  private active!: SheetModel;
  private nextSheetId = 1;
  private nextCommentId = 1;
  readonly settings = new Map<string, string>();
  private readonly handlers: HandlerEntry[] = [];
  private readonly listeners = new Set<() => void>();
  private pendingChanges: ChangeRecord[] = [];
  private readonly busy = new Set<Promise<unknown>>();
  private timersPending = 0;
  /** Errors thrown by `onChanged` handlers (Excel swallows them; tests may look). */
  readonly handlerErrors: unknown[] = [];
  readonly user: MemoryUser;

  constructor(seed: readonly SeedSheet[] = [{ name: "Sheet1", rows: [] }]) {
    this.load(seed);
    this.user = {
      type: (sheetName, address, text) => this.userType(sheetName, address, text),
      paste: (sheetName, topLeft, rows) => this.userPaste(sheetName, topLeft, rows),
      clear: (sheetName, address) => this.userClear(sheetName, address),
      select: (sheetName, address) => {
        const sheet = this.requireSheet(sheetName);
        this.active = sheet;
        sheet.selection = this.requireRect(address);
        this.notify();
      },
    };
  }

  static fromGrid(seed: readonly SeedSheet[]): MemoryWorkbook {
    return new MemoryWorkbook(seed);
  }

  /** Replaces every sheet (e.g. when the preview opens another file). Handlers on old sheets go. */
  reset(seed: readonly SeedSheet[]): void {
    this.load(seed);
    this.settings.clear();
    this.handlers.splice(0, this.handlers.length, ...this.handlers.filter((h) => h.scope === "workbook"));
    this.notify();
  }

  private load(seed: readonly SeedSheet[]): void {
    if (seed.length === 0) throw new Error("a workbook needs at least one sheet");
    this.sheetList = [];
    for (const s of seed) {
      const sheet = this.addSheet(s.name);
      s.rows.forEach((row, r) =>
        row.forEach((v, c) => {
          const nf = s.numberFormats?.[r]?.[c];
          if (nf) sheet.setFormat({ top: r, bottom: r, left: c, right: c }, "numberFormat", nf);
          if (v === null || v === "") return;
          if (typeof v === "string") sheet.setCell(r, c, { type: "String", value: v });
          else if (typeof v === "number") sheet.setCell(r, c, { type: "Double", value: v });
          else sheet.setCell(r, c, { type: "Boolean", value: v });
        }),
      );
    }
    this.active = this.sheetList[0];
  }

  // ---- sheets -------------------------------------------------------------------------------

  get sheets(): readonly SheetModel[] {
    return this.sheetList;
  }

  get activeSheet(): SheetModel {
    return this.active;
  }

  activate(sheet: SheetModel): void {
    this.active = sheet;
  }

  sheetNames(): string[] {
    return this.sheetList.map((s) => s.name);
  }

  findSheet(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheetList.find((s) => s.name.toLowerCase() === lower);
  }

  findSheetById(id: string): SheetModel | undefined {
    return this.sheetList.find((s) => s.id === id);
  }

  /** Adds a sheet at the end; the caller has validated the name. */
  addSheet(name?: string): SheetModel {
    let finalName = name;
    if (finalName === undefined) {
      let n = this.sheetList.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      finalName = `Sheet${n}`;
    }
    const id = `{00000000-0001-0000-0000-${String(this.nextSheetId++).padStart(12, "0")}}`;
    const sheet = new SheetModel(id, finalName);
    this.sheetList.push(sheet);
    return sheet;
  }

  removeSheet(sheet: SheetModel): void {
    this.sheetList = this.sheetList.filter((s) => s !== sheet);
    if (this.active === sheet) this.active = this.sheetList[0];
    this.handlers.splice(0, this.handlers.length, ...this.handlers.filter((h) => h.scope !== sheet));
  }

  position(sheet: SheetModel): number {
    return this.sheetList.indexOf(sheet);
  }

  newCommentId(): string {
    return `{C0000000-0000-0000-0000-${String(this.nextCommentId++).padStart(12, "0")}}`;
  }

  // ---- values and change records ------------------------------------------------------------

  /**
   * Writes cells and records one change for the rectangle (with details for a single cell).
   * `values[r][c]` null/undefined leaves a cell alone; a CellData or null-cell comes from `compute`.
   */
  writeCells(
    sheet: SheetModel,
    rect: Rect,
    compute: (row: number, col: number) => { cell: CellData | null; impliedFormat?: string } | null,
    triggerSource: TriggerSource,
  ): void {
    const single = rect.top === rect.bottom && rect.left === rect.right;
    const before = single ? sheet.cell(rect.top, rect.left) : undefined;
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) {
        const next = compute(r, c);
        if (next === null) continue;
        sheet.setCell(r, c, next.cell);
        if (next.impliedFormat && sheet.numberFormat(r, c) === GENERAL_FORMAT) {
          sheet.setFormat({ top: r, bottom: r, left: c, right: c }, "numberFormat", next.impliedFormat);
        }
      }
    }
    if (single) {
      const after = sheet.cell(rect.top, rect.left);
      this.recordChange({
        sheet,
        rect,
        triggerSource,
        details: {
          valueBefore: readValue(before),
          valueAfter: readValue(after),
          valueTypeBefore: readType(before),
          valueTypeAfter: readType(after),
        },
      });
    } else {
      this.recordChange({ sheet, rect, triggerSource });
    }
  }

  /** Deletes contents in a rectangle (sparse, so whole columns are cheap) and records the change. */
  clearContents(sheet: SheetModel, rect: Rect, triggerSource: TriggerSource): void {
    const single = rect.top === rect.bottom && rect.left === rect.right;
    if (single) {
      this.writeCells(sheet, rect, () => ({ cell: null }), triggerSource);
      return;
    }
    for (const [r, c] of [...sheet.cellsIn(rect)]) sheet.setCell(r, c, null);
    this.recordChange({ sheet, rect, triggerSource });
  }

  private recordChange(change: ChangeRecord): void {
    this.pendingChanges.push(change);
  }

  // ---- events -------------------------------------------------------------------------------

  addHandler(scope: SheetModel | "workbook", handler: (args: ChangeRecord) => unknown): HandlerEntry {
    const entry = { scope, handler };
    this.handlers.push(entry);
    return entry;
  }

  removeHandler(entry: unknown): void {
    const i = this.handlers.indexOf(entry as HandlerEntry);
    if (i >= 0) this.handlers.splice(i, 1);
  }

  get handlerCount(): number {
    return this.handlers.length;
  }

  /**
   * Ends a batch of changes: listeners re-render now; change events reach handlers on a later
   * macrotask, after the sync that caused them has resolved (as Excel delivers them).
   */
  commit(mutated: boolean): void {
    const changes = this.pendingChanges;
    this.pendingChanges = [];
    if (mutated || changes.length > 0) this.notify();
    if (changes.length === 0) return;
    this.timersPending++;
    setTimeout(() => {
      this.timersPending--;
      for (const change of changes) this.dispatch(change);
    }, 0);
  }

  private dispatch(change: ChangeRecord): void {
    if (!this.sheetList.includes(change.sheet)) return;
    for (const entry of [...this.handlers]) {
      if (entry.scope !== "workbook" && entry.scope !== change.sheet) continue;
      try {
        const result = entry.handler(change);
        if (result instanceof Promise) this.track(result.catch((e: unknown) => this.handlerErrors.push(e)));
      } catch (e) {
        this.handlerErrors.push(e);
      }
    }
  }

  /** Lets `whenIdle` wait for work started by the emulator (handlers, Excel.run batches). */
  track<T>(promise: Promise<T>): Promise<T> {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.busy.add(settled);
    void settled.then(() => this.busy.delete(settled));
    return promise;
  }

  /**
   * Resolves once no change event is waiting and every handler and Excel.run has settled.
   * Never await it inside an Excel.run batch: it would wait for that batch. Timers a handler sets
   * itself (debounces) are not seen. Events use setTimeout, so jest fake timers must be advanced.
   */
  async whenIdle(): Promise<void> {
    for (let guard = 0; guard < 1000; guard++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.busy.size === 0 && this.timersPending === 0) return;
      await Promise.all([...this.busy]);
    }
    throw new Error("the in-memory Excel did not settle");
  }

  // ---- observers ----------------------------------------------------------------------------

  /** Calls the listener after every applied change (sync, user edit, reset); returns unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // ---- the user -----------------------------------------------------------------------------

  private requireSheet(name: string): SheetModel {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`no sheet named ${name}`);
    return sheet;
  }

  private requireRect(address: string): Rect {
    const parsed = parseAddress(address);
    if (!parsed) throw new Error(`not an A1 address: ${address}`);
    return parsed.rect;
  }

  private userType(sheetName: string, address: string, text: string): void {
    const sheet = this.requireSheet(sheetName);
    const rect = this.requireRect(address);
    if (rect.top !== rect.bottom || rect.left !== rect.right) throw new Error("type() takes one cell");
    const parsed = parseTypedText(text, sheet.numberFormat(rect.top, rect.left));
    this.writeCells(sheet, rect, () => parsed, "Unknown");
    sheet.selection = rect;
    this.commit(true);
  }

  private userPaste(sheetName: string, topLeft: string, rows: readonly (readonly string[])[]): void {
    const sheet = this.requireSheet(sheetName);
    const start = this.requireRect(topLeft);
    const width = Math.max(0, ...rows.map((r) => r.length));
    if (rows.length === 0 || width === 0) return;
    const rect = {
      top: start.top,
      left: start.left,
      bottom: start.top + rows.length - 1,
      right: start.left + width - 1,
    };
    // A paste is one edit: it fires one event without details, even when it covers one cell.
    const parsed = rows.map((row, r) =>
      row.map((text, c) => parseTypedText(text, sheet.numberFormat(rect.top + r, rect.left + c))),
    );
    for (let r = 0; r < rows.length; r++) {
      for (let c = 0; c < width; c++) {
        const p = parsed[r][c] ?? { cell: null };
        sheet.setCell(rect.top + r, rect.left + c, p.cell);
        const cellRect = {
          top: rect.top + r,
          bottom: rect.top + r,
          left: rect.left + c,
          right: rect.left + c,
        };
        if (p.impliedFormat && sheet.numberFormat(cellRect.top, cellRect.left) === GENERAL_FORMAT) {
          sheet.setFormat(cellRect, "numberFormat", p.impliedFormat);
        }
      }
    }
    this.recordChange({ sheet, rect, triggerSource: "Unknown" });
    sheet.selection = rect;
    this.commit(true);
  }

  private userClear(sheetName: string, address: string): void {
    const sheet = this.requireSheet(sheetName);
    this.clearContents(sheet, this.requireRect(address), "Unknown");
    this.commit(true);
  }

  // ---- snapshots ----------------------------------------------------------------------------

  /** Plain data for a grid view of one sheet. */
  snapshot(sheetName: string): SheetSnapshot {
    const sheet = this.requireSheet(sheetName);
    const keys = new Set<number>([
      ...sheet.cells.keys(),
      ...[...sheet.cellFormats]
        .filter(([, l]) => Object.values(l).some((v) => v !== undefined))
        .map(([k]) => k),
      ...sheet.notes.keys(),
      ...sheet.comments.keys(),
    ]);
    const sorted = [...keys].sort((a, b) => a - b);
    let rowCount = 1;
    let columnCount = 1;
    const cells: SnapshotCell[] = sorted.map((k) => {
      const row = Math.floor(k / MAX_COLUMNS);
      const column = k % MAX_COLUMNS;
      rowCount = Math.max(rowCount, row + 1);
      columnCount = Math.max(columnCount, column + 1);
      const data = sheet.cell(row, column);
      const numberFormat = sheet.numberFormat(row, column);
      const validation = sheet.format(row, column, "validation");
      return {
        address: cellRef(row, column),
        row,
        column,
        value: data === undefined ? null : data.value,
        valueType: readType(data),
        text: displayText(data, numberFormat),
        fill: sheet.format(row, column, "fill"),
        note: sheet.notes.get(k)?.content ?? null,
        comment: sheet.comments.get(k)?.content ?? null,
        numberFormat,
        bold: sheet.format(row, column, "bold"),
        dropDown: validation ? validation.list.source.split(",").map((s) => s.trim()) : null,
      };
    });
    const columnWidths: Record<number, number> = {};
    for (const [col, w] of sheet.columnWidths) if (w !== DEFAULT_COLUMN_WIDTH) columnWidths[col] = w;
    return {
      name: sheet.name,
      id: sheet.id,
      active: sheet === this.active,
      position: this.position(sheet),
      rowCount,
      columnCount,
      frozenRows: sheet.frozenRows,
      frozenColumns: sheet.frozenColumns,
      selection: formatRef(sheet.selection),
      columnWidths,
      cells,
    };
  }

  /** The sheet's values as the engine's grid: rows[0] is row 1, empty cells null, up to the used range. */
  grid(sheetName: string): CellValue[][] {
    const sheet = this.requireSheet(sheetName);
    const used = sheet.usedRect(true);
    if (!used) return [];
    const rows: CellValue[][] = [];
    for (let r = 0; r <= used.bottom; r++) {
      const row: CellValue[] = [];
      for (let c = 0; c <= used.right; c++) {
        const data = sheet.cell(r, c);
        row.push(data === undefined ? null : data.value);
      }
      rows.push(row);
    }
    return rows;
  }

  /** One cell as the preview's `cell(address)` reports it; address may carry a sheet name. */
  cellInfo(address: string): {
    value: string | number | boolean | null;
    fill: string | null;
    note: string | null;
  } {
    const parsed = parseAddress(address);
    if (!parsed) throw new Error(`not an A1 address: ${address}`);
    const sheet = parsed.sheetName === undefined ? this.active : this.requireSheet(parsed.sheetName);
    const { top, left } = parsed.rect;
    const data = sheet.cell(top, left);
    return {
      value: data === undefined ? null : data.value,
      fill: sheet.format(top, left, "fill"),
      note: sheet.notes.get(key(top, left))?.content ?? null,
    };
  }

  /** Text-format check used by writers: true when a cell would keep typed digits as text. */
  static isTextFormat(sheet: SheetModel, row: number, col: number): boolean {
    return sheet.numberFormat(row, col) === TEXT_FORMAT;
  }
}

export { key as cellKey };
