/// <reference types="office-js" />
import {
  DEFAULT_CAMPAIGN,
  ListChecker,
  buildSubmission as buildSubmissionModel,
  marksFromProblems,
  offsiteFillEdits,
  safeFixEdits,
  type CellEdit,
  type CellValue,
  type Problem,
  type SubmissionOutcome,
} from "../domain";
import { cellKey, parseRange, rectAddress, type Rect } from "./a1";
import { atLeast, detectCapabilities, type IsSetSupported } from "./capabilities";
import { HostError, toHostError, userMessage } from "./errors";
import type {
  BuildResult,
  CaptureHost,
  CheckConfig,
  HostCapabilities,
  HostStatus,
  HostUpdate,
  SecretaryProfile,
} from "./hostApi";
import { profileOverride } from "./hostApi";
import { ChangeQueue, OwnWriteGuard, type ChangeEvent } from "./liveCheck";
import {
  NO_ORIGINAL,
  SheetMarks,
  isEmptyDiff,
  queueMarkWrites,
  queueOriginals,
  readCommentCells,
  type Annotation,
  type MarkDiff,
  type Original,
} from "./marks";
import { TEMPLATE_SHEET_NAME, queuePrepare, queueTemplate, uniqueSheetName } from "./prepare";
import { gridFromBlock } from "./readList";
import {
  parseProfile,
  queueProfileRead,
  queueProfileWrite,
  serialiseProfile,
  type KeyValueStorage,
} from "./settings";
import { SUBMISSION_SHEET_BASE, queueSubmissionSheet, toBase64 } from "./submissionSheet";

/** The Office.js surface the adapter uses, typed against @types/office-js (the real thing). */
export type ExcelNamespace = Pick<typeof Excel, "run" | "createWorkbook">;

export interface ExcelHostDeps {
  Excel: ExcelNamespace;
  isSetSupported: IsSetSupported;
  /** Where the profile goes on clients without workbook settings (Office 2016): the pane's localStorage. */
  storage?: KeyValueStorage;
  now?: () => Date;
}

/** What the last full check found on the checked sheet. */
interface Checked {
  sheetId: string;
  sheetName: string;
  /** The sheet's cells as the engine saw them: rows[0] is worksheet row 1. */
  rows: CellValue[][];
  /** Columns read per row (A … this − 1). */
  width: number;
}

interface Handler {
  sheetId: string;
  result: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>;
}

const KEY_PROFILE_FALLBACK = "captureListAssistant.profile";
/** Columns whose numbers are meaningful as numbers (id.numeric) rather than dates in disguise. */
const NUMERIC_KEYS = new Set(["seq", "studentNo", "idNumber", "recipientPhone"]);
/** Values Excel would turn into a number, date or boolean when written into a General cell. */
const COERCIBLE =
  /^\s*(?:[-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:e[-+]?\d+)?\s*%?|\d{1,4}\s*[-/.年]\s*\d{1,2}.*|true|false|=.*)\s*$/i;

export function createExcelHost(deps: ExcelHostDeps): CaptureHost {
  return new ExcelHost(deps);
}

class ExcelHost implements CaptureHost {
  readonly capabilities: HostCapabilities;
  private readonly annotation: Annotation;
  private readonly tintAndShade: boolean;
  private config: CheckConfig = { campaign: DEFAULT_CAMPAIGN };
  private checker: ListChecker;
  private checked?: Checked;
  private readonly marks = new Map<string, SheetMarks>();
  private marking = true;
  private listener?: (update: HostUpdate) => void;
  private readonly queue = new ChangeQueue();
  private readonly guard: OwnWriteGuard;
  private handler?: Handler;
  private activated?: OfficeExtension.EventHandlerResult<Excel.WorksheetActivatedEventArgs>;
  private chain: Promise<unknown> = Promise.resolve();
  private pumping?: Promise<void>;
  private disposed = false;
  private memoryProfile?: SecretaryProfile;

  constructor(private readonly deps: ExcelHostDeps) {
    this.capabilities = detectCapabilities(deps.isSetSupported);
    this.annotation = this.capabilities.notes ? "note" : this.capabilities.comments ? "comment" : "none";
    this.tintAndShade = atLeast(this.capabilities, "1.9");
    const now = deps.now ?? (() => new Date());
    this.guard = new OwnWriteGuard(() => now().getTime());
    this.checker = this.newChecker();
  }

  // ---- the pane's API ------------------------------------------------------------------------------

  async start(listener: (update: HostUpdate) => void): Promise<void> {
    this.listener = listener;
    this.disposed = false;
    this.emit({ kind: "starting" }, [], undefined);
    await this.serial(() => this.fullCheck(), "检查名单");
  }

  async configure(config: CheckConfig): Promise<void> {
    await this.serial(async () => {
      this.config = config;
      this.checker = this.newChecker();
      await this.fullCheck();
    }, "检查名单");
  }

  async checkNow(): Promise<void> {
    await this.serial(() => this.fullCheck(), "检查名单");
  }

  async selectProblem(problem: Problem): Promise<void> {
    await this.action("定位单元格", async () => {
      const checked = this.requireList();
      const col = this.colOf(problem.column) ?? 0;
      await this.deps.Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(checked.sheetId);
        sheet.activate();
        sheet.getCell(Math.max(0, problem.row - 1), col).select();
        await context.sync();
      });
    });
  }

  fixAll(): Promise<number> {
    return this.action("修正", async () => {
      this.requireList();
      return this.applyEdits(safeFixEdits(this.checker.problems(), (k) => this.colOf(k)));
    });
  }

  fillOffsite(): Promise<number> {
    return this.action("填写邮寄信息", async () => {
      this.requireList();
      return this.applyEdits(offsiteFillEdits(this.checker));
    });
  }

  prepareSheet(): Promise<void> {
    return this.action("整理工作表", async () => {
      const checked = this.requireList();
      const header = this.checker.header!;
      await this.deps.Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(checked.sheetId);
        queuePrepare(sheet, header, this.prepareOptions());
        await context.sync();
      });
    });
  }

  insertTemplate(): Promise<void> {
    return this.action("插入空白模板", async () => {
      await this.deps.Excel.run(async (context) => {
        const sheets = context.workbook.worksheets.load("items/name");
        await context.sync();
        const name = uniqueSheetName(
          TEMPLATE_SHEET_NAME,
          sheets.items.map((s) => s.name),
        );
        const sheet = context.workbook.worksheets.add(name);
        queueTemplate(sheet, this.prepareOptions());
        sheet.activate();
        await context.sync();
      });
      await this.fullCheck();
    });
  }

  buildSubmission(opts: { skipInvalid: boolean; target: "sheet" | "workbook" }): Promise<BuildResult> {
    return this.action("生成提交名单", async () => {
      const outcome = buildSubmissionModel(this.checker, { skipInvalid: opts.skipInvalid });
      if (!outcome.ok) return refusal(outcome);
      const base = {
        ok: true as const,
        fileName: outcome.sheet.fileName,
        headCount: outcome.headCount,
        feeTotal: outcome.feeTotal,
        skippedRows: outcome.skippedRows,
      };
      if (opts.target === "workbook" && this.capabilities.createWorkbook) {
        const { writeSubmission } = await import("../files/writeWorkbook");
        const bytes = await writeSubmission(outcome.sheet);
        await this.deps.Excel.createWorkbook(toBase64(bytes));
        return { ...base, target: "workbook" as const };
      }
      const sheetName = await this.deps.Excel.run(async (context) => {
        const sheets = context.workbook.worksheets.load("items/name");
        await context.sync();
        const name = uniqueSheetName(
          SUBMISSION_SHEET_BASE,
          sheets.items.map((s) => s.name),
        );
        const sheet = context.workbook.worksheets.add(name);
        queueSubmissionSheet(sheet, outcome.sheet);
        if (atLeast(this.capabilities, "1.7")) sheet.freezePanes.freezeRows(1);
        sheet.activate();
        await context.sync();
        return name;
      });
      return { ...base, target: "sheet" as const, sheetName };
    });
  }

  submissionFile(opts: {
    skipInvalid: boolean;
  }): Promise<
    { fileName: string; bytes: Uint8Array; headCount: number; feeTotal: number } | { error: string }
  > {
    return this.action("生成提交文件", async () => {
      const outcome = buildSubmissionModel(this.checker, { skipInvalid: opts.skipInvalid });
      if (!outcome.ok) {
        const refused = refusal(outcome);
        return { error: refused.ok ? "" : refused.message };
      }
      const { writeSubmission } = await import("../files/writeWorkbook");
      const bytes = await writeSubmission(outcome.sheet);
      return {
        fileName: outcome.sheet.fileName,
        bytes,
        headCount: outcome.headCount,
        feeTotal: outcome.feeTotal,
      };
    });
  }

  setMarking(on: boolean): Promise<void> {
    return this.action("更新标记", async () => {
      if (on === this.marking) return;
      this.marking = on;
      if (on) {
        await this.fullCheck();
        return;
      }
      const marked = [...this.marks].filter(([, m]) => m.cells.size > 0);
      if (marked.length === 0) return;
      await this.deps.Excel.run(async (context) => {
        for (const [sheetId, m] of marked) {
          const sheet = context.workbook.worksheets.getItem(sheetId);
          queueMarkWrites(sheet, removeAll(m), new Map(), this.annotation);
        }
        await context.sync();
      });
      this.marks.clear();
    });
  }

  loadProfile(): Promise<SecretaryProfile | undefined> {
    return this.action("读取学院信息", async () => {
      if (!atLeast(this.capabilities, "1.4")) return this.fallbackProfile();
      return this.deps.Excel.run(async (context) => {
        const read = queueProfileRead(context);
        await context.sync();
        return read();
      });
    });
  }

  saveProfile(profile: SecretaryProfile): Promise<void> {
    return this.action("保存学院信息", async () => {
      if (!atLeast(this.capabilities, "1.4")) {
        this.memoryProfile = profile;
        this.deps.storage?.setItem(KEY_PROFILE_FALLBACK, serialiseProfile(profile));
        return;
      }
      await this.deps.Excel.run(async (context) => {
        queueProfileWrite(context, profile);
        await context.sync();
      });
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.queue.clear();
    const results = [this.handler?.result, this.activated].filter((r) => r !== undefined);
    this.handler = undefined;
    this.activated = undefined;
    for (const result of results) {
      try {
        await this.deps.Excel.run(result.context, async (context) => {
          result.remove();
          await context.sync();
        });
      } catch {
        // The pane is closing: a handler Excel already dropped needs no removal.
      }
    }
  }

  // ---- checking ------------------------------------------------------------------------------------

  private newChecker(): ListChecker {
    const { campaign, profile, roster, captured } = this.config;
    return new ListChecker({
      campaign,
      college: profile?.college || undefined,
      profile: profileOverride(profile),
      roster,
      captured,
    });
  }

  private colOf(key: string): number | undefined {
    return this.checker.header?.columns.get(key);
  }

  /** A full check of the active sheet: one read, then at most one read of original looks and one write. */
  private async fullCheck(): Promise<void> {
    if (this.disposed) return;
    const needHandler = this.capabilities.liveCheck && !this.handler;
    const read = await this.deps.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet().load("id,name");
      const used = atLeast(this.capabilities, "1.4")
        ? sheet.getUsedRangeOrNullObject(true)
        : sheet.getUsedRange();
      used.load("address,values,numberFormat");
      const fill = used.format.fill.load(this.tintAndShade ? "color,tintAndShade" : "color");
      const annotations = this.countAnnotations(sheet);
      const result = needHandler ? this.listen(sheet) : undefined;
      this.watchActivation(context);
      await context.sync();
      const empty = used.isNullObject === true;
      return {
        sheetId: sheet.id,
        sheetName: sheet.name,
        address: empty ? undefined : used.address,
        values: empty ? [] : used.values,
        formats: empty ? [] : (used.numberFormat as unknown[][]),
        clean: !empty && noFill(fill.color, this.tintAndShade ? fill.tintAndShade : undefined),
        annotations: annotations?.value,
        result,
      };
    });
    if (read.result) this.handler = { sheetId: read.sheetId, result: read.result };
    this.queue.clear();

    const rect = read.address ? parseRange(read.address) : undefined;
    const rows = rect ? gridFromBlock(rect.top, rect.left, read.values, read.formats) : [];
    const width = rows[0]?.length ?? 0;
    this.checked = { sheetId: read.sheetId, sheetName: read.sheetName, rows, width };
    const outcome = this.checker.load({ rows });
    const sheetMarks = this.marksOf(read.sheetId);
    const wanted = outcome.ok ? marksFromProblems(this.checker.problems(), (k) => this.colOf(k)) : [];
    const diff = sheetMarks.diff(wanted);
    const clean = read.clean && (read.annotations ?? 0) === annotationsOf(sheetMarks, this.annotation);
    const moveHandler = this.capabilities.liveCheck && read.sheetId !== this.handler?.sheetId;
    await this.writeMarks(read.sheetId, diff, clean ? () => true : undefined, moveHandler);
    this.publish();
  }

  /** Queues a count of the sheet's notes/comments: more than ours means someone else's are there. */
  private countAnnotations(sheet: Excel.Worksheet): OfficeExtension.ClientResult<number> | undefined {
    if (this.annotation === "note") return sheet.notes.getCount();
    if (this.annotation === "comment") return sheet.comments.getCount();
    return undefined;
  }

  private listen(
    sheet: Excel.Worksheet,
  ): OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> {
    return sheet.onChanged.add((args) => this.onChanged(args));
  }

  /** Re-check when another sheet is activated (worksheets.onActivated, 1.7; not on every host). */
  private watchActivation(context: Excel.RequestContext): void {
    if (!this.capabilities.liveCheck || this.activated) return;
    const event = (context.workbook.worksheets as Partial<Excel.WorksheetCollection>).onActivated;
    if (!event) return;
    this.activated = event.add(async () => {
      await this.checkNow();
    });
  }

  private marksOf(sheetId: string): SheetMarks {
    let m = this.marks.get(sheetId);
    if (!m) {
      m = new SheetMarks();
      this.marks.set(sheetId, m);
    }
    return m;
  }

  /**
   * Writes a marks diff (and `extra` writes, e.g. fixed values) in one batch. Cells marked for the
   * first time need their original look: read in one round trip before, unless `knownClean(row)` says
   * the same check already saw that row without fills or foreign notes.
   */
  private async writeMarks(
    sheetId: string,
    diff: MarkDiff,
    knownClean?: (row: number) => boolean,
    moveHandler = false,
    extra?: (sheet: Excel.Worksheet) => void,
  ): Promise<void> {
    const sheetMarks = this.marksOf(sheetId);
    const marking = this.marking && !isEmptyDiff(diff);
    if (!marking && !extra && !moveHandler) return;
    if (moveHandler && this.handler && this.handler.sheetId !== sheetId) {
      const old = this.handler.result;
      this.handler = undefined;
      await this.deps.Excel.run(old.context, async (context) => {
        old.remove();
        await context.sync();
      });
    }
    const addHandler = moveHandler && this.capabilities.liveCheck && !this.handler;
    const originals = new Map<string, Original>();
    await this.deps.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetId);
      if (marking) {
        const unknown = diff.add.filter((m) => !knownClean?.(m.row));
        for (const m of diff.add) if (knownClean?.(m.row)) originals.set(cellKey(m.row, m.col), NO_ORIGINAL);
        if (unknown.length > 0) {
          const count = this.countAnnotations(sheet);
          let request = queueOriginals(sheet, unknown, {
            tintAndShade: this.tintAndShade,
            annotation: this.annotation,
          });
          await context.sync();
          if (this.annotation === "comment" && (count?.value ?? 0) > sheetMarks.annotationCount()) {
            const comments = await readCommentCells(context, sheet);
            request = queueOriginals(sheet, unknown, {
              tintAndShade: this.tintAndShade,
              annotation: "comment",
              comments,
            });
            await context.sync();
          }
          for (const [k, o] of request.read()) originals.set(k, o);
        }
      }
      extra?.(sheet);
      if (marking) queueMarkWrites(sheet, diff, originals, this.annotation);
      if (addHandler) this.handler = { sheetId, result: this.listen(sheet) };
      await context.sync();
    });
    if (marking) sheetMarks.apply(diff, originals);
  }

  // ---- live checking -------------------------------------------------------------------------------

  private async onChanged(args: Excel.WorksheetChangedEventArgs): Promise<void> {
    if (this.disposed) return;
    const event: ChangeEvent = {
      worksheetId: args.worksheetId,
      address: args.address,
      triggerSource: args.triggerSource,
      details: args.details,
    };
    if (this.guard.isOwn(event)) return;
    this.queue.push(event);
    await this.kick();
  }

  /** Starts (or joins) the pump: events that arrive while a check runs are merged into the next round. */
  private kick(): Promise<void> {
    if (!this.pumping) {
      this.pumping = this.serial(async () => {
        while (this.queue.size > 0 && !this.disposed) await this.incrementalCheck();
      }, "检查改动").finally(() => {
        this.pumping = undefined;
        if (this.queue.size > 0 && !this.disposed) void this.kick();
      });
    }
    return this.pumping;
  }

  private async incrementalCheck(): Promise<void> {
    const checked = this.checked;
    const header = this.checker.header;
    if (!checked) {
      this.queue.clear();
      return;
    }
    const batch = this.queue.take(checked.sheetId, header?.row, (col, type) => {
      if (type !== "Double") return true;
      // A number outside the ID-like columns may be a date: re-read it with its number format.
      for (const [key, c] of header?.columns ?? []) if (c === col) return NUMERIC_KEYS.has(key);
      return false;
    });
    if (batch.full) return this.fullCheck();
    const changed = new Set<number>();
    for (const { row, col, value } of batch.cells) {
      setCell(checked, row, col, value);
      changed.add(row);
    }
    let cleanRows: Rect | undefined;
    if (batch.rows.size > 0) {
      const top = Math.min(...batch.rows);
      const bottom = Math.max(...batch.rows);
      const sheetMarks = this.marksOf(checked.sheetId);
      const block: Rect = {
        top: top - 1,
        bottom: bottom - 1,
        left: 0,
        right: Math.max(checked.width, 1) - 1,
      };
      const read = await this.deps.Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(checked.sheetId);
        const range = sheet.getRange(rectAddress(block)).load("values,numberFormat");
        const fill = range.format.fill.load(this.tintAndShade ? "color,tintAndShade" : "color");
        const count = this.countAnnotations(sheet);
        await context.sync();
        return {
          values: range.values,
          formats: range.numberFormat as unknown[][],
          clean:
            noFill(fill.color, this.tintAndShade ? fill.tintAndShade : undefined) &&
            (count?.value ?? 0) === annotationsOf(sheetMarks, this.annotation),
        };
      });
      const fresh = gridFromBlock(0, 0, read.values, read.formats);
      fresh.forEach((cells, i) => {
        const row = top + i;
        if (!batch.rows.has(row)) return;
        checked.rows[row - 1] = cells;
        changed.add(row);
      });
      if (read.clean) cleanRows = block;
    }
    if (changed.size === 0) return;
    const delta = this.checker.update(
      [...changed].sort((a, b) => a - b).map((row) => ({ row, cells: checked.rows[row - 1] ?? [] })),
    );
    if (delta.needsReload) return this.fullCheck();
    const wanted = marksFromProblems(delta.problems, (k) => this.colOf(k));
    const diff = this.marksOf(checked.sheetId).diff(wanted, new Set(delta.rows));
    const clean = cleanRows;
    await this.writeMarks(
      checked.sheetId,
      diff,
      clean ? (row) => row - 1 >= clean.top && row - 1 <= clean.bottom : undefined,
    );
    this.publish();
  }

  // ---- edits ---------------------------------------------------------------------------------------

  /** Writes engine edits (text format first where Excel would coerce), re-checks, marks: one batch. */
  private async applyEdits(edits: readonly CellEdit[]): Promise<number> {
    const checked = this.checked;
    if (!checked || edits.length === 0) return 0;
    const textCols = new Set(
      this.checker.template.columns
        .filter((c) => c.text)
        .map((c) => this.colOf(c.key))
        .filter((c) => c !== undefined),
    );
    const rows = new Set<number>();
    for (const e of edits) {
      setCell(checked, e.row, e.col, e.value === "" ? null : e.value);
      rows.add(e.row);
    }
    const delta = this.checker.update(
      [...rows].sort((a, b) => a - b).map((row) => ({ row, cells: checked.rows[row - 1] ?? [] })),
    );
    const diff = delta.needsReload
      ? { add: [], change: [], remove: [] }
      : this.marksOf(checked.sheetId).diff(
          marksFromProblems(delta.problems, (k) => this.colOf(k)),
          new Set(delta.rows),
        );
    this.guard.record(
      checked.sheetId,
      edits.map((e) => ({ top: e.row - 1, bottom: e.row - 1, left: e.col, right: e.col })),
    );
    await this.writeMarks(checked.sheetId, diff, undefined, false, (sheet) => {
      for (const e of edits) {
        const cell = sheet.getCell(e.row - 1, e.col);
        if (textCols.has(e.col) || COERCIBLE.test(e.value)) cell.numberFormat = [["@"]];
        cell.values = [[e.value]];
      }
    });
    if (delta.needsReload) await this.fullCheck();
    else this.publish();
    return edits.length;
  }

  // ---- plumbing ------------------------------------------------------------------------------------

  private requireList(): Checked {
    if (!this.checked || !this.checker.header) {
      throw new HostError("当前工作表中没有找到采集名单的表头。请打开名单所在的工作表，或插入空白模板。");
    }
    return this.checked;
  }

  private prepareOptions() {
    return {
      template: this.checker.template,
      campaign: this.config.campaign,
      college: this.config.profile?.college || undefined,
      dropDowns: this.capabilities.dropDowns,
      freeze: atLeast(this.capabilities, "1.7"),
    };
  }

  private fallbackProfile(): SecretaryProfile | undefined {
    if (this.memoryProfile) return this.memoryProfile;
    const stored = this.deps.storage?.getItem(KEY_PROFILE_FALLBACK);
    return stored ? parseProfile(stored) : undefined;
  }

  private publish(): void {
    const checked = this.checked;
    const header = this.checker.header;
    if (!checked) return;
    if (!header) {
      this.emit({ kind: "noList", sheetName: checked.sheetName }, [], undefined);
      return;
    }
    const problems = this.checker.problems();
    this.emit(
      { kind: "ready", sheetName: checked.sheetName, headerRow: header.row },
      problems,
      this.checker.summary(),
      this.rowNames(problems),
    );
  }

  /** 姓名 of each row with problems, for the pane's group headings ("第 8 行 · 杨博文"). */
  private rowNames(problems: readonly Problem[]): Map<number, string> {
    const names = new Map<number, string>();
    for (const p of problems) {
      if (names.has(p.row)) continue;
      const name = this.checker.rowAt(p.row)?.value.get("name");
      if (name) names.set(p.row, name);
    }
    return names;
  }

  private emit(
    status: HostStatus,
    problems: Problem[],
    summary: HostUpdate["summary"],
    rowNames?: ReadonlyMap<number, string>,
  ): void {
    try {
      this.listener?.({ status, problems, summary, rowNames });
    } catch {
      // A failing listener must not break checking.
    }
  }

  /** Runs checks one at a time; a failure becomes an error status, never an exception for the pane. */
  private serial(task: () => Promise<void>, action: string): Promise<void> {
    const run = this.chain.then(task).catch((e: unknown) => {
      this.emit({ kind: "error", message: userMessage(action, e) }, this.safeProblems(), undefined);
    });
    this.chain = run;
    return run;
  }

  /** Runs a pane action in turn with the checks; a failure rejects with a Chinese message. */
  private action<T>(name: string, task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined);
    return run.catch((e: unknown) => {
      throw toHostError(name, e);
    });
  }

  private safeProblems(): Problem[] {
    try {
      return this.checker.header ? this.checker.problems() : [];
    } catch {
      return [];
    }
  }
}

function setCell(checked: Checked, row: number, col: number, value: CellValue): void {
  while (checked.rows.length < row) checked.rows.push(new Array<CellValue>(checked.width).fill(null));
  const cells = checked.rows[row - 1];
  while (cells.length <= col) cells.push(null);
  cells[col] = value;
  if (col + 1 > checked.width) checked.width = col + 1;
}

/** Excel reads a range without any fill as "#FFFFFF" (tintAndShade null from 1.9); mixed fills read null. */
function noFill(color: string | null | undefined, tintAndShade: number | null | undefined): boolean {
  return typeof color === "string" && color.toUpperCase() === "#FFFFFF" && (tintAndShade ?? null) === null;
}

function annotationsOf(marks: SheetMarks, annotation: Annotation): number {
  return annotation === "none" ? 0 : marks.annotationCount();
}

function removeAll(marks: SheetMarks): MarkDiff {
  return { add: [], change: [], remove: [...marks.cells.values()] };
}

function refusal(outcome: Exclude<SubmissionOutcome, { ok: true }>): BuildResult {
  switch (outcome.reason) {
    case "errors":
      return {
        ok: false,
        message: `第 ${rowList(outcome.errorRows)} 行还有错误。请先改正，或选择“跳过有错误的行”。`,
        errorRows: outcome.errorRows,
      };
    case "headerErrors":
      return { ok: false, message: "表头有错误（缺少必填列或列名重复），请先改正表头。" };
    case "empty":
      return { ok: false, message: "名单中没有可以提交的行。" };
    default:
      return { ok: false, message: "当前工作表中没有找到采集名单的表头。" };
  }
}

function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 20).join("、");
  return rows.length > 20 ? `${shown} 等 ${rows.length}` : shown;
}
