/** The context's root object and the application (calculation mode). */
import type { MemoryWorkbook } from "../model";
import { ProxyBase } from "./base";
import { CommentCollection } from "./comments";
import type { MemoryRequestContext } from "./context";
import { NoteCollection } from "./notes";
import { Range } from "./range";
import { SettingCollection } from "./settings";
import { WorksheetCollection } from "./worksheetCollection";

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
