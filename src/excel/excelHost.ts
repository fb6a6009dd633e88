/// <reference types="office-js" />
import {
  DEFAULT_CAMPAIGN,
  ListChecker,
  buildSubmission as buildSubmissionModel,
  offsiteFillEdits,
  type Problem,
} from "../domain";
import { applyEdits, fixAllEdits, suggestionEdit } from "./applyEdits";
import { atLeast, detectCapabilities, type IsSetSupported } from "./capabilities";
import { HostError, toHostError, userMessage } from "./errors";
import { fullCheck } from "./fullCheck";
import type {
  BuildResult,
  CaptureHost,
  CheckConfig,
  HostCapabilities,
  HostStatus,
  HostUpdate,
  SecretaryProfile,
  SubmissionFile,
} from "./hostApi";
import { profileOverride } from "./hostApi";
import { colOf, type Checked, type ExcelNamespace, type HostState } from "./hostState";
import { ChangeQueue, OwnWriteGuard, incrementalCheck, queueChange } from "./liveCheck";
import { clearMarks } from "./markWriter";
import { TEMPLATE_SHEET_NAME, queuePrepare, queueTemplate, uniqueSheetName } from "./prepare";
import {
  parseProfile,
  queueProfileRead,
  queueProfileWrite,
  serialiseProfile,
  type KeyValueStorage,
} from "./settings";
import { removeHandler } from "./sheetEvents";
import { refusal } from "./submissionRefusal";
import { SUBMISSION_SHEET_BASE, queueSubmissionSheet, toBase64 } from "./submissionSheet";

/**
 * The pane's CaptureHost over Office.js: the public methods, running every task one at a time, and
 * publishing what the engine holds. The checks, the mark writer and the edits live beside it.
 */

export type { ExcelNamespace } from "./hostState";

export interface ExcelHostDeps {
  Excel: ExcelNamespace;
  isSetSupported: IsSetSupported;
  /** Where the profile goes on clients without workbook settings (Office 2016): the pane's localStorage. */
  storage?: KeyValueStorage;
  now?: () => Date;
}

const KEY_PROFILE_FALLBACK = "captureListAssistant.profile";

export function createExcelHost(deps: ExcelHostDeps): CaptureHost {
  return new ExcelHost(deps);
}

class ExcelHost implements CaptureHost {
  readonly capabilities: HostCapabilities;
  private readonly state: HostState;
  private listener?: (update: HostUpdate) => void;
  private chain: Promise<unknown> = Promise.resolve();
  private pumping?: Promise<void>;
  private memoryProfile?: SecretaryProfile;

  constructor(private readonly deps: ExcelHostDeps) {
    const capabilities = detectCapabilities(deps.isSetSupported);
    const now = deps.now ?? (() => new Date());
    const config: CheckConfig = { campaign: DEFAULT_CAMPAIGN };
    this.capabilities = capabilities;
    this.state = {
      Excel: deps.Excel,
      capabilities,
      annotation: capabilities.notes ? "note" : capabilities.comments ? "comment" : "none",
      tintAndShade: atLeast(capabilities, "1.9"),
      config,
      checker: newChecker(config),
      marks: new Map(),
      marking: true,
      queue: new ChangeQueue(),
      guard: new OwnWriteGuard(() => now().getTime()),
      disposed: false,
      onChanged: (args) => this.onChanged(args),
      onActivated: () => this.checkNow(),
      publish: () => this.publish(),
    };
  }

  // ---- the pane's API ------------------------------------------------------------------------------

  async start(listener: (update: HostUpdate) => void): Promise<void> {
    this.listener = listener;
    this.state.disposed = false;
    this.emit({ kind: "starting" }, [], undefined);
    await this.serial(() => fullCheck(this.state), "检查名单");
  }

  async configure(config: CheckConfig): Promise<void> {
    await this.serial(async () => {
      this.state.config = config;
      this.state.checker = newChecker(config);
      await fullCheck(this.state);
    }, "检查名单");
  }

  async checkNow(): Promise<void> {
    await this.serial(() => fullCheck(this.state), "检查名单");
  }

  async selectProblem(problem: Problem): Promise<void> {
    await this.action("定位单元格", async () => {
      const checked = this.requireList();
      const col = colOf(this.state, problem.column) ?? 0;
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
      const edits = fixAllEdits(this.state.checker.problems(), (k) => colOf(this.state, k));
      return applyEdits(this.state, edits);
    });
  }

  applyFix(problem: Problem): Promise<number> {
    return this.action("采用建议", async () => {
      this.requireList();
      const edit = suggestionEdit(this.state.checker.problems(), problem, (k) => colOf(this.state, k));
      return edit ? applyEdits(this.state, [edit]) : 0;
    });
  }

  fillOffsite(): Promise<number> {
    return this.action("填写邮寄信息", async () => {
      this.requireList();
      return applyEdits(this.state, offsiteFillEdits(this.state.checker));
    });
  }

  prepareSheet(): Promise<void> {
    return this.action("整理工作表", async () => {
      const checked = this.requireList();
      const header = this.state.checker.header!;
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
      await fullCheck(this.state);
    });
  }

  buildSubmission(opts: { skipInvalid: boolean; target: "sheet" | "workbook" }): Promise<BuildResult> {
    return this.action("生成提交名单", async () => {
      const outcome = buildSubmissionModel(this.state.checker, { skipInvalid: opts.skipInvalid });
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

  submissionFile(opts: { skipInvalid: boolean }): Promise<SubmissionFile | { error: string }> {
    return this.action("生成提交文件", async () => {
      const outcome = buildSubmissionModel(this.state.checker, { skipInvalid: opts.skipInvalid });
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
        listRows: outcome.sourceRows,
        skippedRows: outcome.skippedRows,
      };
    });
  }

  setMarking(on: boolean): Promise<void> {
    return this.action("更新标记", async () => {
      if (on === this.state.marking) return;
      this.state.marking = on;
      if (on) await fullCheck(this.state);
      else await clearMarks(this.state);
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
    const state = this.state;
    state.disposed = true;
    state.queue.clear();
    const results = [state.handler?.result, state.activated].filter((r) => r !== undefined);
    state.handler = undefined;
    state.activated = undefined;
    for (const result of results) {
      try {
        await removeHandler(this.deps.Excel, result);
      } catch {
        // The pane is closing: a handler Excel already dropped needs no removal.
      }
    }
  }

  // ---- live checking -------------------------------------------------------------------------------

  private async onChanged(args: Excel.WorksheetChangedEventArgs): Promise<void> {
    if (!queueChange(this.state, args)) return;
    await this.kick();
  }

  /** Starts (or joins) the pump: events that arrive while a check runs are merged into the next round. */
  private kick(): Promise<void> {
    const state = this.state;
    if (!this.pumping) {
      this.pumping = this.serial(async () => {
        while (state.queue.size > 0 && !state.disposed) await incrementalCheck(state);
      }, "检查改动").finally(() => {
        this.pumping = undefined;
        if (state.queue.size > 0 && !state.disposed) void this.kick();
      });
    }
    return this.pumping;
  }

  // ---- plumbing ------------------------------------------------------------------------------------

  private requireList(): Checked {
    if (!this.state.checked || !this.state.checker.header) {
      throw new HostError("当前工作表中没有找到采集名单的表头。请打开名单所在的工作表，或插入空白模板。");
    }
    return this.state.checked;
  }

  private prepareOptions() {
    const { checker, config } = this.state;
    return {
      template: checker.template,
      campaign: config.campaign,
      college: config.profile?.college || undefined,
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
    const checked = this.state.checked;
    const checker = this.state.checker;
    const header = checker.header;
    if (!checked) return;
    if (!header) {
      this.emit({ kind: "noList", sheetName: checked.sheetName }, [], undefined);
      return;
    }
    const problems = checker.problems();
    this.emit(
      { kind: "ready", sheetName: checked.sheetName, headerRow: header.row },
      problems,
      checker.summary(),
      this.rowNames(problems),
    );
  }

  /** 姓名 of each row with problems, for the pane's group headings ("第 8 行 · 杨博文"). */
  private rowNames(problems: readonly Problem[]): Map<number, string> {
    const names = new Map<number, string>();
    for (const p of problems) {
      if (names.has(p.row)) continue;
      const name = this.state.checker.rowAt(p.row)?.value.get("name");
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
      return this.state.checker.header ? this.state.checker.problems() : [];
    } catch {
      return [];
    }
  }
}

function newChecker(config: CheckConfig): ListChecker {
  const { campaign, profile, roster, captured } = config;
  return new ListChecker({
    campaign,
    college: profile?.college || undefined,
    profile: profileOverride(profile),
    roster,
    captured,
  });
}
