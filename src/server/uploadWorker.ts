import { parentPort, workerData } from "node:worker_threads";
import type { Campaign, SecretaryProfile } from "../domain";
import { mergeSubmissions, type CollegeSubmission } from "../domain/merge";
import { writeMergedCsv } from "../files/mergedCsv";
import { writeMergedWorkbook } from "../files/mergedWorkbook";
import { streamSubmission } from "./attachmentWriter";
import {
  countSchoolList,
  schoolListChecks,
  type DeskListCheck,
  type SchoolListKind,
  type StoredListFile,
} from "./desk/schoolListCheck";
import { checkUploadBytes, type UploadVerdict } from "./submissionFile";
import type { WorkerReply } from "./workerPool";

/**
 * The worker thread behind WorkerPool (see workerPool.ts): checks an upload, builds the §5 attachment
 * of an accepted one (or only its rows, for the desk), writes the desk's merged list, or reads and checks against the desk's school-wide lists. Started with { maxUploadBytes } as workerData; the campaign and the college's
 * profile travel with each task (the graduate school may change the campaign while the server runs, and
 * an accepted list is built with the campaign it was checked with).
 */

export interface UploadWorkerData {
  maxUploadBytes: number;
}

interface TaskContext {
  bytes: Uint8Array;
  college: string;
  campaign: Campaign;
  profile?: SecretaryProfile;
}

/** The desk's merged list: every college's latest rows, merged and written as a workbook or CSV. */
export interface MergeTask {
  kind: "merged";
  format: "xlsx" | "csv";
  campaign: Campaign;
  submissions: CollegeSubmission[];
  /** Fees registered per college, 元. */
  payments: [string, number][];
}

/** The desk's school-wide lists: one read to count it, or every college's latest rows checked against them. */
export type SchoolListTask =
  | { kind: "schoolList"; list: SchoolListKind; file: StoredListFile; campaign: Campaign }
  | {
      kind: "schoolListChecks";
      campaign: Campaign;
      roster?: StoredListFile;
      captured?: StoredListFile;
      submissions: CollegeSubmission[];
    };

export type UploadTask =
  | ({ kind: "check"; maxRows: number } & TaskContext)
  | SchoolListTask
  | ({ kind: "build" } & TaskContext)
  | ({ kind: "rows" } & TaskContext)
  | MergeTask;

/** A §5 sheet's columns and rows (what the merge and the desk's diff read). */
export interface SheetRows {
  columns: { key: string; header: string }[];
  rows: string[][];
}

export type UploadTaskResult =
  | { kind: "check"; verdict: UploadVerdict }
  | { kind: "build"; attachment: Uint8Array }
  | { kind: "rows"; sheet: SheetRows }
  | { kind: "merged"; bytes: Uint8Array }
  | { kind: "schoolList"; students: number }
  | { kind: "schoolListChecks"; checks: DeskListCheck[] };

const data = workerData as UploadWorkerData;

async function run(task: UploadTask): Promise<{ result: UploadTaskResult; transfer: ArrayBuffer[] }> {
  if (task.kind === "check") {
    const { verdict } = await checkUploadBytes(task.bytes, task.college, task.campaign, {
      maxUploadBytes: data.maxUploadBytes,
      maxRows: task.maxRows,
      ...(task.profile ? { profile: task.profile } : {}),
    });
    return { result: { kind: "check", verdict }, transfer: [] };
  }
  if (task.kind === "merged") {
    const merged = mergeSubmissions(task.campaign, task.submissions, { payments: new Map(task.payments) });
    const bytes =
      task.format === "xlsx" ? await writeMergedWorkbook(merged, task.campaign) : writeMergedCsv(merged);
    return { result: { kind: "merged", bytes }, transfer: [bytes.buffer as ArrayBuffer] };
  }
  if (task.kind === "schoolList") {
    const students = await countSchoolList(task.list, task.file, task.campaign);
    return { result: { kind: "schoolList", students }, transfer: [] };
  }
  if (task.kind === "schoolListChecks") {
    return { result: { kind: "schoolListChecks", checks: await schoolListChecks(task) }, transfer: [] };
  }
  // Accepted already: the row cap was checked then, and must not strand a queued submission now.
  const { verdict, sheet } = await checkUploadBytes(task.bytes, task.college, task.campaign, {
    maxUploadBytes: data.maxUploadBytes,
    ...(task.profile ? { profile: task.profile } : {}),
  });
  if (!verdict.ok || !sheet)
    throw Object.assign(
      new Error(`stored upload no longer passes the check (${verdict.ok ? "" : verdict.reason})`),
      {
        name: "NotBuildable",
      },
    );
  if (task.kind === "rows") {
    const columns = sheet.columns.map((c) => ({ key: c.key, header: c.header }));
    return { result: { kind: "rows", sheet: { columns, rows: sheet.rows } }, transfer: [] };
  }
  const attachment = await streamSubmission(sheet);
  return { result: { kind: "build", attachment }, transfer: [attachment.buffer as ArrayBuffer] };
}

const port = parentPort;
if (port) {
  port.on("message", (task: UploadTask) => {
    run(task).then(
      ({ result, transfer }) =>
        port.postMessage({ ok: true, result } satisfies WorkerReply<UploadTaskResult>, transfer),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        port.postMessage({
          ok: false,
          errorName: e.name,
          message: e.message,
        } satisfies WorkerReply<UploadTaskResult>);
      },
    );
  });
}
