/**
 * The contract between the task pane (React, src/taskpane) and the Office adapter (src/excel).
 * The pane never touches `Excel`; it calls these methods and renders the updates it is given.
 * The adapter runs against real Excel (office.js) and against the in-memory Excel (tests, preview).
 */
import type { SecretaryProfile } from "../domain/profile";
import type { Campaign, CapturedIndex, CollegeProfile, Problem, RosterIndex, Summary } from "../domain";

export interface HostCapabilities {
  /** Highest ExcelApi minor version found with isSetSupported, e.g. "1.7". */
  apiVersion: string;
  /** worksheet.onChanged (ExcelApi 1.7): live checking; otherwise check on a button press. */
  liveCheck: boolean;
  /** Notes (1.18) or comments (1.10) carry the message on a marked cell. */
  notes: boolean;
  comments: boolean;
  /** Drop-down lists (data validation, 1.8). */
  dropDowns: boolean;
  /** Excel.createWorkbook (1.8): build the submission into a new workbook. */
  createWorkbook: boolean;
  /** Add-in writes keep the user's undo history only from ExcelApi 1.20. */
  undoableWrites: boolean;
}

/** What the college's secretary fills in once (kept on the server and in workbook.settings). */
export type { SecretaryProfile } from "../domain/profile";

export interface CheckConfig {
  campaign: Campaign;
  profile?: SecretaryProfile;
  roster?: RosterIndex;
  captured?: CapturedIndex;
}

export type HostStatus =
  | { kind: "starting" }
  | { kind: "noList"; sheetName: string }
  | { kind: "checking"; sheetName: string }
  | { kind: "ready"; sheetName: string; headerRow: number }
  | { kind: "error"; message: string };

/** Pushed to the pane after every check (full or incremental). */
export interface HostUpdate {
  status: HostStatus;
  problems: Problem[];
  summary: Summary | undefined;
  /** 姓名 of the rows that have problems, so the pane can head each group "第 8 行 · 杨博文". */
  rowNames?: ReadonlyMap<number, string>;
}

export type BuildTarget = "sheet" | "workbook";

/** The submission as .xlsx bytes, ready to send. */
export interface SubmissionFile {
  fileName: string;
  bytes: Uint8Array;
  headCount: number;
  feeTotal: number;
  /**
   * The list's worksheet row of each submitted row: the file's row r (header in row 1) came from
   * listRows[r - 2]. The server's refusal names the file's rows; the pane shows them at the list's.
   */
  listRows: number[];
  /** The list's rows left out because they have errors (skipInvalid), for the confirmation. */
  skippedRows: number[];
}

export type BuildResult =
  | {
      ok: true;
      fileName: string;
      headCount: number;
      feeTotal: number;
      skippedRows: number[];
      target: BuildTarget;
      sheetName?: string;
    }
  | { ok: false; message: string; errorRows?: number[] };

export interface CaptureHost {
  readonly capabilities: HostCapabilities;
  /** Registers the listener, reads the active sheet, checks it and (where supported) starts live checking. */
  start(listener: (update: HostUpdate) => void): Promise<void>;
  /** New campaign/profile/roster/captured list: a full re-check. */
  configure(config: CheckConfig): Promise<void>;
  /** A full re-check of the active sheet (the button on Office 2016). */
  checkNow(): Promise<void>;
  /** Selects the cell of a problem in the sheet. */
  selectProblem(problem: Problem): Promise<void>;
  /**
   * Applies every safe normalisation and the 15→18 upgrade of legacy IDs in one batch; returns the
   * number of cells written.
   */
  fixAll(): Promise<number>;
  /**
   * Writes one problem's suggestion (`problem.fix`: a roster's 姓名 or ID, the upgraded 18-digit ID, a
   * normalised value) into its cell. Returns the cells written: 0 when the sheet no longer has that
   * problem (it was fixed meanwhile), so nothing stale is written.
   */
  applyFix(problem: Problem): Promise<number>;
  /** Writes the college profile into 异地采集/补拍 mailing cells in one batch; returns cells written. */
  fillOffsite(): Promise<number>;
  /** Text format on ID/学号/phone, drop-down lists, frozen header (SPEC §7 "Preparing the sheet"). */
  prepareSheet(): Promise<void>;
  /** Inserts the prepared blank template as a new sheet and activates it. */
  insertTemplate(): Promise<void>;
  /** SPEC §5 sheet, as a new sheet or a new workbook. */
  buildSubmission(opts: { skipInvalid: boolean; target: BuildTarget }): Promise<BuildResult>;
  /** The submission as .xlsx bytes, for sending (ExcelJS is loaded only here). */
  submissionFile(opts: { skipInvalid: boolean }): Promise<SubmissionFile | { error: string }>;
  /** Marking cells clears Excel's undo history before ExcelApi 1.20: the secretary may switch it off. */
  setMarking(on: boolean): Promise<void>;
  loadProfile(): Promise<SecretaryProfile | undefined>;
  saveProfile(profile: SecretaryProfile): Promise<void>;
  /** Stops live checking (pane closing). */
  dispose(): Promise<void>;
}

/** The profile as the engine's CollegeProfile override. */
export function profileOverride(p: SecretaryProfile | undefined): Partial<CollegeProfile> | undefined {
  if (!p) return undefined;
  return { mailAddress: p.mailAddress, recipient: p.secretaryName, recipientPhone: p.mobile };
}
