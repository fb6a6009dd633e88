/**
 * The in-memory Excel: the subset of the Excel JavaScript API the Office adapter uses, over a
 * MemoryWorkbook, for jest and for the browser preview. No Node APIs and no office.js here.
 *
 * Counting (what the adapter's round-trip and write budgets are measured with):
 * - `syncs`: round trips. Every `context.sync()` — explicit, or the one `Excel.run` makes after the
 *   batch resolves — that carries at least one queued operation. Creating a proxy object queues its
 *   instantiation as in Office.js, so a batch that only created objects still costs a round trip;
 *   a sync with nothing queued is free (Office.js does not send it either).
 * - `writes`: queued calls that change the saved workbook: property sets (values, numberFormat,
 *   fill colour, bold, column width, validation rule, names, note/comment content, setting values)
 *   and mutating methods (clear, fill.clear, notes/comments/settings add and delete, worksheets.add,
 *   delete, freeze panes). `select()`, `activate()`, event handler add/remove, loads and
 *   `suspendApiCalculationUntilNextSync()` are not writes.
 */
import { compareVersions } from "./values";
import { MemoryRequestContext, type MemoryHost } from "./proxies";
import { MemoryWorkbook } from "./model";
import { MemoryExcelError, apiNotFound } from "./errors";

export { MemoryWorkbook } from "./model";
export type {
  MemoryUser,
  SeedFormat,
  SeedSheet,
  SheetSnapshot,
  SnapshotCell,
  ListValidationRule,
} from "./model";
export { MemoryRequestContext, ClientResult, EventHandlerResult } from "./proxies";
export type {
  CellProperties,
  CellPropertiesInput,
  CellPropertiesLoadOptions,
  Range,
  RangeFormat,
  RangeFill,
  RangeFont,
  DataValidation,
  Worksheet,
  WorksheetCollection,
  WorksheetFreezePanes,
  WorksheetChangedEvent,
  WorksheetChangedEventArgs,
  Note,
  NoteCollection,
  Comment,
  CommentCollection,
  Setting,
  SettingCollection,
  Application,
  Workbook,
} from "./proxies";
export { MemoryExcelError } from "./errors";
export type { MemoryErrorCode } from "./errors";
export { parseAddress, formatAddress } from "./address";

export const DEFAULT_API_VERSION = "1.20";

export interface MemoryExcelOptions {
  /** Highest supported ExcelApi version, e.g. "1.1" for Office 2016, "1.18" for notes. */
  readonly apiVersion?: string;
  /** The workbook to serve; a fresh one-sheet workbook when absent. */
  readonly workbook?: MemoryWorkbook;
  /** Author recorded on notes and comments the add-in creates. */
  readonly authorName?: string;
}

export type Batch<T> = (context: MemoryRequestContext) => Promise<T>;

export interface MemoryExcelNamespace {
  run<T>(batch: Batch<T>): Promise<T>;
  run<T>(options: unknown, batch: Batch<T>): Promise<T>;
  /** ExcelApi 1.8: records the file; the emulator has no second window to open it in. */
  createWorkbook(base64File?: string): Promise<void>;
  readonly RequestContext: typeof MemoryRequestContext;
}

export interface MemoryExcel {
  readonly Excel: MemoryExcelNamespace;
  /** `Office.context.requirements.isSetSupported` for code that asks Office directly. */
  readonly Office: {
    readonly context: { readonly requirements: { isSetSupported(name: string, version?: string): boolean } };
  };
  readonly workbook: MemoryWorkbook;
  readonly counters: { syncs: number; writes: number };
  resetCounters(): void;
  isSetSupported(name: string, version?: string): boolean;
  /** Base64 files passed to `Excel.createWorkbook`, in call order. */
  readonly createdWorkbooks: string[];
  /**
   * Calls the listener with each file `Excel.createWorkbook` gets (the preview opens it beside the
   * list, as Excel opens a new window); `createWorkbook` resolves once the listener's promise has
   * settled. Returns unsubscribe.
   */
  onWorkbookCreated(listener: (base64File: string) => void | Promise<void>): () => void;
  readonly apiVersion: string;
}

export function createMemoryExcel(opts: MemoryExcelOptions = {}): MemoryExcel {
  const apiVersion = opts.apiVersion ?? DEFAULT_API_VERSION;
  if (!/^1\.\d+$/.test(apiVersion)) throw new Error(`apiVersion must look like "1.18", not ${apiVersion}`);
  const workbook = opts.workbook ?? new MemoryWorkbook();
  const counters = { syncs: 0, writes: 0 };
  const host: MemoryHost = {
    model: workbook,
    apiVersion,
    counters,
    authorName: opts.authorName ?? "Memory Excel",
  };
  const createdWorkbooks: string[] = [];
  const creationListeners = new Set<(base64File: string) => void | Promise<void>>();

  const isSetSupported = (name: string, version = "1.1"): boolean =>
    name === "ExcelApi" && compareVersions(version, apiVersion) <= 0;

  async function runBatch<T>(context: MemoryRequestContext, batch: Batch<T>, reused: boolean): Promise<T> {
    context._open = true;
    try {
      const pending = batch(context) as unknown;
      if (!pending || typeof (pending as Promise<T>).then !== "function") {
        throw new MemoryExcelError(
          "RunMustReturnPromise",
          'The batch function passed to the ".run" method didn\'t return a promise.',
        );
      }
      const result = await (pending as Promise<T>);
      await context.sync();
      return result;
    } finally {
      if (!reused) context._open = false;
    }
  }

  function run<T>(...args: unknown[]): Promise<T> {
    const batch = args[args.length - 1];
    if (typeof batch !== "function") {
      return Promise.reject(new MemoryExcelError("InvalidArgument", "Excel.run needs a batch function."));
    }
    const first = args.length > 1 ? args[0] : undefined;
    if (first instanceof MemoryRequestContext && first._host !== host) {
      return Promise.reject(
        new MemoryExcelError("InvalidRequestContext", "The context belongs to another workbook."),
      );
    }
    const reused = first instanceof MemoryRequestContext;
    const context = reused ? first : new MemoryRequestContext(host);
    // A reused context stays usable afterwards only if it was open before (nested runs).
    const wasOpen = reused && context._open;
    const promise = runBatch(context, batch as Batch<T>, wasOpen);
    return workbook.track(promise);
  }

  const Excel: MemoryExcelNamespace = {
    run: run as MemoryExcelNamespace["run"],
    async createWorkbook(base64File?: string): Promise<void> {
      if (!isSetSupported("ExcelApi", "1.8")) throw apiNotFound("Excel.createWorkbook", "1.8");
      const file = base64File ?? "";
      createdWorkbooks.push(file);
      // A listener's failure is the viewer's, not the add-in's: Excel reports success once it opened.
      const opened = [...creationListeners].map((listener) =>
        Promise.resolve()
          .then(() => listener(file))
          .catch((e: unknown) => void workbook.handlerErrors.push(e)),
      );
      await workbook.track(Promise.all(opened));
    },
    RequestContext: MemoryRequestContext,
  };

  return {
    Excel,
    Office: { context: { requirements: { isSetSupported } } },
    workbook,
    counters,
    resetCounters() {
      counters.syncs = 0;
      counters.writes = 0;
    },
    isSetSupported,
    createdWorkbooks,
    onWorkbookCreated(listener) {
      creationListeners.add(listener);
      return () => creationListeners.delete(listener);
    },
    apiVersion,
  };
}
