/** Notes (ExcelApi 1.18): one per cell, on a worksheet or across the workbook. */
import { invalidArgument, itemNotFound } from "../errors";
import { cellKey, type MemoryWorkbook, type NoteModel, type SheetModel } from "../model";
import { CollectionBase, ProxyBase, type ClientResult, type ProxyOptions } from "./base";
import { resolveCellArgument } from "./cellArgument";
import type { MemoryRequestContext } from "./context";
import { Range } from "./range";
import type { RangeRef } from "./rangeCells";
import { scopeOf, type Scope } from "./scope";
import type { Worksheet } from "./worksheet";

function notesInOrder(model: MemoryWorkbook, scope: SheetModel | null): NoteModel[] {
  const sheets = scope ? [scope] : [...model.sheets];
  return sheets.flatMap((s) => [...s.notes.entries()].sort(([a], [b]) => a - b).map(([, n]) => n));
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
