/**
 * The workbooks the emulated Excel has open: the list the pane works on, and every workbook the
 * add-in created with `Excel.createWorkbook` (Excel opens each in a new window; the grid shows them
 * as workbook tabs above the sheet, with a way back to the list). One is shown at a time.
 */
import type { MemoryWorkbook } from "../excel/memory";

export interface ShelfEntry {
  readonly id: number;
  readonly title: string;
  readonly workbook: MemoryWorkbook;
}

export class WorkbookShelf {
  private list: ShelfEntry[];
  private shown: ShelfEntry;
  private nextId = 1;
  private version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(main: MemoryWorkbook, title = "名单") {
    this.shown = { id: 0, title, workbook: main };
    this.list = [this.shown];
  }

  get entries(): readonly ShelfEntry[] {
    return this.list;
  }

  get main(): ShelfEntry {
    return this.list[0];
  }

  get active(): ShelfEntry {
    return this.shown;
  }

  /** Changes with every add, show and reset (for useSyncExternalStore). */
  get revision(): number {
    return this.version;
  }

  /** Opens a created workbook and shows it, as Excel brings the new window to the front. */
  add(workbook: MemoryWorkbook, title = `工作簿${this.nextId + 1}`): ShelfEntry {
    const entry = { id: this.nextId++, title, workbook };
    this.list = [...this.list, entry];
    this.shown = entry;
    this.changed();
    return entry;
  }

  show(id: number): void {
    const entry = this.list.find((e) => e.id === id);
    if (!entry || entry === this.shown) return;
    this.shown = entry;
    this.changed();
  }

  /** Another list was opened: the created workbooks close, the list is shown under its file's name. */
  reset(title: string): void {
    this.shown = { ...this.list[0], title };
    this.list = [this.shown];
    this.nextId = 1;
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }
}
