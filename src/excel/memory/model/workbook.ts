/**
 * The workbook state behind the in-memory Excel: sheets of sparse cells, layered formats
 * (sheet → column → row → cell, as Excel keeps whole-column formats without touching every cell),
 * notes, comments, settings, selection, change events, and the "user" who types and pastes.
 * The Office.js-shaped proxies in `../proxies` read and write this state only inside `sync`.
 */
import type { CellValue } from "../../../domain/grid";
import { parseAddress, type Rect } from "../address";
import { GENERAL_FORMAT, TEXT_FORMAT, parseTypedText, readType, readValue, type CellData } from "../values";
import { ChangeLog, type ChangeRecord, type HandlerEntry, type TriggerSource } from "./changes";
import { SheetModel, cellKey } from "./sheet";
import { seedSheet, type SeedSheet } from "./seed";
import { sheetGrid, snapshotSheet, type SheetSnapshot } from "./snapshot";

export type { SeedFormat, SeedSheet } from "./seed";

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
  private readonly listeners = new Set<() => void>();
  /** The selection or the active sheet moved inside a batch: listeners hear of it at commit. */
  private viewChanged = false;
  private selections = 0;
  private readonly changes = new ChangeLog((sheet) => this.sheetList.includes(sheet));
  readonly user: MemoryUser;

  constructor(seed: readonly SeedSheet[] = [{ name: "Sheet1", rows: [] }]) {
    this.load(seed);
    this.user = {
      type: (sheetName, address, text) => this.userType(sheetName, address, text),
      paste: (sheetName, topLeft, rows) => this.userPaste(sheetName, topLeft, rows),
      clear: (sheetName, address) => this.userClear(sheetName, address),
      select: (sheetName, address) => {
        this.select(this.requireSheet(sheetName), this.requireRect(address));
        this.notify();
      },
    };
  }

  /** Errors thrown by `onChanged` handlers (Excel swallows them; tests may look). */
  get handlerErrors(): unknown[] {
    return this.changes.handlerErrors;
  }

  static fromGrid(seed: readonly SeedSheet[]): MemoryWorkbook {
    return new MemoryWorkbook(seed);
  }

  /** Replaces every sheet (e.g. when the preview opens another file). Handlers on old sheets go. */
  reset(seed: readonly SeedSheet[]): void {
    this.load(seed);
    this.settings.clear();
    this.changes.keepHandlers((scope) => scope === "workbook");
    this.notify();
  }

  private load(seed: readonly SeedSheet[]): void {
    if (seed.length === 0) throw new Error("a workbook needs at least one sheet");
    this.sheetList = [];
    for (const s of seed) seedSheet(this.addSheet(s.name), s);
    this.active = this.sheetList[0];
  }

  // ---- sheets -------------------------------------------------------------------------------

  get sheets(): readonly SheetModel[] {
    return this.sheetList;
  }

  get activeSheet(): SheetModel {
    return this.active;
  }

  /** The add-in's `activate()`: views hear of it when its batch ends. */
  activate(sheet: SheetModel): void {
    if (this.active !== sheet) this.viewChanged = true;
    this.active = sheet;
  }

  /**
   * The add-in's `Range.select()` (and the user's click): activates the sheet and moves its
   * selection; views hear of it when the batch ends, so the grid shows and scrolls to it.
   */
  select(sheet: SheetModel, rect: Rect): void {
    this.activate(sheet);
    this.selections++;
    const old = sheet.selection;
    if (
      old.top !== rect.top ||
      old.left !== rect.left ||
      old.bottom !== rect.bottom ||
      old.right !== rect.right
    )
      this.viewChanged = true;
    sheet.selection = rect;
  }

  /** Counts `select()` calls (the add-in's and the user's): a view scrolls to each one. */
  get selectionCount(): number {
    return this.selections;
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
    this.changes.keepHandlers((scope) => scope !== sheet);
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
    this.changes.record(change);
  }

  // ---- events -------------------------------------------------------------------------------

  addHandler(scope: SheetModel | "workbook", handler: (args: ChangeRecord) => unknown): HandlerEntry {
    return this.changes.addHandler(scope, handler);
  }

  removeHandler(entry: unknown): void {
    this.changes.removeHandler(entry);
  }

  get handlerCount(): number {
    return this.changes.handlerCount;
  }

  /**
   * Ends a batch of changes: listeners re-render now; change events reach handlers on a later
   * macrotask, after the sync that caused them has resolved (as Excel delivers them).
   */
  commit(mutated: boolean): void {
    const changes = this.changes.takePending();
    const viewChanged = this.viewChanged;
    this.viewChanged = false;
    if (mutated || viewChanged || changes.length > 0) this.notify();
    this.changes.deliverLater(changes);
  }

  /** Lets `whenIdle` wait for work started by the emulator (handlers, Excel.run batches). */
  track<T>(promise: Promise<T>): Promise<T> {
    return this.changes.track(promise);
  }

  /**
   * Resolves once no change event is waiting and every handler and Excel.run has settled.
   * Never await it inside an Excel.run batch: it would wait for that batch. Timers a handler sets
   * itself (debounces) are not seen. Events use setTimeout, so jest fake timers must be advanced.
   */
  whenIdle(): Promise<void> {
    return this.changes.whenIdle();
  }

  // ---- observers ----------------------------------------------------------------------------

  /** Calls the listener after every applied change (sync, user edit, reset); returns unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    this.viewChanged = false;
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
    return snapshotSheet(sheet, sheet === this.active, this.position(sheet));
  }

  /** The sheet's values as the engine's grid: rows[0] is row 1, empty cells null, up to the used range. */
  grid(sheetName: string): CellValue[][] {
    return sheetGrid(this.requireSheet(sheetName));
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
      note: sheet.notes.get(cellKey(top, left))?.content ?? null,
    };
  }

  /** Text-format check used by writers: true when a cell would keep typed digits as text. */
  static isTextFormat(sheet: SheetModel, row: number, col: number): boolean {
    return sheet.numberFormat(row, col) === TEXT_FORMAT;
  }
}
