/** Threaded comments (ExcelApi 1.10): one per cell, on a worksheet or across the workbook. */
import { invalidArgument, itemNotFound } from "../errors";
import { cellKey, type CommentModel, type MemoryWorkbook, type SheetModel } from "../model";
import { CollectionBase, ProxyBase, type ClientResult, type ProxyOptions } from "./base";
import { resolveCellArgument } from "./cellArgument";
import type { MemoryRequestContext } from "./context";
import { Range } from "./range";
import { scopeOf, type Scope } from "./scope";
import type { Worksheet } from "./worksheet";

function commentsInOrder(model: MemoryWorkbook, scope: SheetModel | null): CommentModel[] {
  const sheets = scope ? [scope] : [...model.sheets];
  return sheets.flatMap((s) => [...s.comments.entries()].sort(([a], [b]) => a - b).map(([, n]) => n));
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
