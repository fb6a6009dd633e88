import { buildSubmission, checkGrid, type Campaign, type Problem, type Summary } from "../domain";
import { FileReadError, readSheet } from "../files/readSheet";
import { writeSubmission } from "../files/writeWorkbook";
import { inspectZip } from "./zipCheck";

/**
 * The server's re-check of an uploaded workbook with the same engine as the pane and the CLI, and the
 * building of the §5 attachment from it.
 */

/** Declared inflated size of an upload's zip entries, as a multiple of the upload limit. */
const MAX_INFLATION = 40;

export type UploadVerdict =
  | {
      ok: true;
      summary: Summary;
      fileName: string;
      headCount: number;
      feeTotal: number;
      build: () => Promise<Uint8Array>;
    }
  | {
      ok: false;
      status: 413 | 415 | 422;
      /** Chinese, for the secretary. */
      message: string;
      /** For the log: why, without any cell content. */
      reason: string;
      problems?: Problem[];
      summary?: Summary;
    };

export async function checkUpload(
  bytes: Buffer,
  college: string,
  campaign: Campaign,
  maxUploadBytes: number,
  maxRows = 20_000,
): Promise<UploadVerdict> {
  const notXlsx = "不是 Excel 工作簿（.xlsx）文件：请上传“生成报送名单”得到的 .xlsx 文件";
  const zip = inspectZip(bytes, maxUploadBytes * MAX_INFLATION);
  if (!zip.ok) return { ok: false, status: 415, message: notXlsx, reason: zip.reason };
  let grid;
  try {
    // The name is ours, not the client's: the content decides, and it must be an xlsx.
    const read = await readSheet(
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      "upload.xlsx",
    );
    if (read.format !== "xlsx") return { ok: false, status: 415, message: notXlsx, reason: read.format };
    grid = read.grid;
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    if (err.reason === "empty")
      return { ok: false, status: 422, message: "名单是空的，没有可报送的行", reason: "empty", problems: [] };
    return { ok: false, status: 415, message: `无法读取上传的工作簿：${err.zh}`, reason: err.reason };
  }
  const { checker, outcome } = checkGrid(grid, { campaign, college });
  if (!outcome.ok) {
    return {
      ok: false,
      status: 422,
      message: "名单中找不到表头（前 10 行中至少要有三个模板列名）",
      reason: "noHeader",
      problems: [],
    };
  }
  const summary = checker.summary();
  // Checking is cheap; building the attachment of a huge list is not (memory, a blocked server).
  if (summary.rows > maxRows) {
    return {
      ok: false,
      status: 413,
      message: `名单超过 ${maxRows} 行，服务器不受理：请按学院分别提交`,
      reason: "tooManyRows",
    };
  }
  const built = buildSubmission(checker);
  if (!built.ok || summary.errors > 0) {
    const hasErrors = summary.errors > 0;
    return {
      ok: false,
      status: 422,
      message: hasErrors
        ? `名单有 ${summary.errors} 个错误，服务器未予受理，请改正后再提交`
        : "名单中没有可报送的行",
      reason: hasErrors ? "errors" : built.ok ? "unknown" : built.reason,
      problems: checker.problems(),
      summary,
    };
  }
  return {
    ok: true,
    summary,
    fileName: built.sheet.fileName,
    headCount: built.headCount,
    feeTotal: built.feeTotal,
    build: () => writeSubmission(built.sheet),
  };
}

/** Builds the §5 attachment from a stored upload (re-checked: it was accepted, so it passes). */
export async function buildAttachment(
  bytes: Buffer,
  college: string,
  campaign: Campaign,
  maxUploadBytes: number,
): Promise<Uint8Array> {
  // Accepted already: the row cap was checked then, and must not strand a queued submission now.
  const verdict = await checkUpload(bytes, college, campaign, maxUploadBytes, Number.MAX_SAFE_INTEGER);
  if (!verdict.ok) throw new Error(`stored upload no longer passes the check (${verdict.reason})`);
  return verdict.build();
}

/** At most `limit` tasks at once: workbook parsing is memory-heavy, so concurrent uploads wait their turn. */
export class Gate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
