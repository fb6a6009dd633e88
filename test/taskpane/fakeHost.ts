import {
  DEFAULT_CAMPAIGN,
  makeProblem,
  type Problem,
  type ProblemCode,
  type ProblemParams,
  type Summary,
} from "../../src/domain";
import type {
  BuildResult,
  CaptureHost,
  CheckConfig,
  HostCapabilities,
  HostUpdate,
  SecretaryProfile,
} from "../../src/excel/hostApi";

/**
 * A CaptureHost for pane tests: records every call, answers from fields the test sets, pushes updates.
 * Every answer is an already-resolved promise (no timers); a test that waits for the pane to reach the
 * host awaits `called(name, n)`, which the host resolves when it records that call.
 */

export const MODERN: HostCapabilities = {
  apiVersion: "1.17",
  liveCheck: true,
  notes: false,
  comments: true,
  dropDowns: true,
  createWorkbook: true,
  undoableWrites: false,
};

export const OFFICE_2016: HostCapabilities = {
  apiVersion: "1.1",
  liveCheck: false,
  notes: false,
  comments: false,
  dropDowns: false,
  createWorkbook: false,
  undoableWrites: false,
};

export interface Call {
  name: keyof CaptureHost;
  args: unknown[];
}

export class FakeHost implements CaptureHost {
  readonly calls: Call[] = [];
  capabilities: HostCapabilities;
  /** What start() pushes first. */
  initial: HostUpdate;
  profile: SecretaryProfile | undefined;
  fixAllCount = 0;
  fillCount = 0;
  buildResult: BuildResult = { ok: false, message: "未设置" };
  file: Awaited<ReturnType<CaptureHost["submissionFile"]>> = { error: "未设置" };
  private listener?: (update: HostUpdate) => void;
  private readonly waiters: { name: keyof CaptureHost; count: number; resolve(): void }[] = [];

  constructor(
    opts: { capabilities?: HostCapabilities; initial?: HostUpdate; profile?: SecretaryProfile } = {},
  ) {
    this.capabilities = opts.capabilities ?? MODERN;
    this.initial = opts.initial ?? readyUpdate([], summaryOf(0, []));
    this.profile = opts.profile;
  }

  /** Arguments of every call to `name`, in order. */
  argsOf(name: keyof CaptureHost): unknown[][] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args);
  }

  /** Resolves once `name` has been called `count` times in all (at once if it already has been). */
  called(name: keyof CaptureHost, count = 1): Promise<void> {
    if (this.argsOf(name).length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ name, count, resolve }));
  }

  lastConfig(): CheckConfig | undefined {
    const all = this.argsOf("configure");
    return all.length ? (all[all.length - 1][0] as CheckConfig) : undefined;
  }

  push(update: HostUpdate): void {
    this.listener?.(update);
  }

  private record(name: keyof CaptureHost, ...args: unknown[]): void {
    this.calls.push({ name, args });
    if (this.waiters.length === 0) return;
    const made = this.argsOf(name).length;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      if (w.name === name && made >= w.count) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  async start(listener: (update: HostUpdate) => void): Promise<void> {
    this.record("start");
    this.listener = listener;
    listener(this.initial);
  }
  async configure(config: CheckConfig): Promise<void> {
    this.record("configure", config);
  }
  async checkNow(): Promise<void> {
    this.record("checkNow");
  }
  async selectProblem(problem: Problem): Promise<void> {
    this.record("selectProblem", problem);
  }
  async fixAll(): Promise<number> {
    this.record("fixAll");
    return this.fixAllCount;
  }
  /** What applyFix answers (cells written); a test sets it to 0 for a problem already gone. */
  applyFixCount = 1;
  async applyFix(problem: Problem): Promise<number> {
    this.record("applyFix", problem);
    return this.applyFixCount;
  }
  async fillOffsite(): Promise<number> {
    this.record("fillOffsite");
    return this.fillCount;
  }
  async prepareSheet(): Promise<void> {
    this.record("prepareSheet");
  }
  async insertTemplate(): Promise<void> {
    this.record("insertTemplate");
  }
  async buildSubmission(opts: { skipInvalid: boolean; target: "sheet" | "workbook" }): Promise<BuildResult> {
    this.record("buildSubmission", opts);
    return this.buildResult;
  }
  async submissionFile(opts: { skipInvalid: boolean }) {
    this.record("submissionFile", opts);
    return this.file;
  }
  async setMarking(on: boolean): Promise<void> {
    this.record("setMarking", on);
  }
  async loadProfile(): Promise<SecretaryProfile | undefined> {
    this.record("loadProfile");
    return this.profile;
  }
  async saveProfile(profile: SecretaryProfile): Promise<void> {
    this.record("saveProfile", profile);
    this.profile = profile;
  }
  async dispose(): Promise<void> {
    this.record("dispose");
  }
}

export function problem<C extends ProblemCode>(
  row: number,
  column: string,
  code: C,
  params: ProblemParams[C],
  fix?: string,
): Problem {
  return makeProblem(row, column, code, params, fix);
}

/** A summary consistent with the problems: rows with an error are not ready. */
export function summaryOf(rows: number, problems: readonly Problem[], extra: Partial<Summary> = {}): Summary {
  const errorRows = new Set(problems.filter((p) => p.severity === "error").map((p) => p.row));
  const errors = problems.filter((p) => p.severity === "error").length;
  return {
    rows,
    errors,
    warnings: problems.length - errors,
    readyRows: rows - errorRows.size,
    byLevel: {},
    byMode: {},
    byBatch: {},
    feeTotal: rows * DEFAULT_CAMPAIGN.feePerPerson,
    ...extra,
  };
}

export function readyUpdate(problems: Problem[], summary: Summary, sheetName = "名单"): HostUpdate {
  return { status: { kind: "ready", sheetName, headerRow: 2 }, problems, summary };
}

export const PROFILE: SecretaryProfile = {
  college: "信息科学与工程学院",
  secretaryName: "马晓燕",
  mobile: "13919312345",
  email: "mxy@lzu.edu.cn",
  mailAddress: "甘肃省兰州市城关区天水南路222号 兰州大学信息科学与工程学院",
};
