import {
  buildSubmission,
  checkGrid,
  DEFAULT_TEMPLATE,
  noHeaderText,
  type Campaign,
  type Problem,
  type SecretaryProfile,
  type Summary,
} from "../domain";
import type { SubmissionSheet } from "../domain/submission";
import { inflateWithZlib } from "../files/node";
import { FileReadError, readSheet } from "../files/readSheet";
import { inspectZip } from "./zipCheck";

/**
 * The server's re-check of an uploaded workbook with the same engine as the pane and the CLI. Runs in a
 * worker thread (uploadWorker.ts): everything it returns crosses a thread, so it is plain data.
 */

/** Declared inflated size of an upload's zip entries, as a multiple of the upload limit. */
const MAX_INFLATION = 40;
/** The header may sit anywhere in the first rows (listChecker looks at the first 10). */
const HEADER_ZONE = 10;
/** An accepted upload being rebuilt is read whole (it passed the cap when it was accepted). */
const EXCEL_MAX_ROWS = 1_048_576;

export interface CheckLimits {
  maxUploadBytes: number;
  /** The college's server-held profile: the recipient the 异地采集 mailing rules expect. */
  profile?: SecretaryProfile;
  /** Data rows accepted (MAX_ROWS); undefined: no cap (an accepted upload being rebuilt). */
  maxRows?: number;
}

export type UploadVerdict =
  | { ok: true; summary: Summary; fileName: string; headCount: number; feeTotal: number }
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

type Checked = { verdict: UploadVerdict; sheet?: SubmissionSheet };

const NOT_XLSX = "不是 Excel 工作簿（.xlsx）文件：请上传“生成报送名单”得到的 .xlsx 文件";

function tooManyRows(maxRows: number): UploadVerdict {
  return {
    ok: false,
    status: 413,
    message: `名单超过 ${maxRows} 行，服务器不受理：请按学院分别提交`,
    reason: "tooManyRows",
  };
}

/** Checks an upload; on success also returns the clean §5 sheet (kept in the worker, never posted). */
export async function checkUploadBytes(
  bytes: Uint8Array,
  college: string,
  campaign: Campaign,
  limits: CheckLimits,
): Promise<Checked> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = inspectZip(buf, limits.maxUploadBytes * MAX_INFLATION);
  if (!zip.ok) return { verdict: { ok: false, status: 415, message: NOT_XLSX, reason: zip.reason } };
  const { maxRows } = limits;
  const rowCap = maxRows === undefined ? EXCEL_MAX_ROWS : maxRows + HEADER_ZONE;
  let grid;
  try {
    // The shared reader (pane, CLI, server) counts rows while inflating and stops past the cap, so a
    // huge list never becomes a grid. The name is ours, not the client's: the content decides.
    const read = await readSheet(bytes, "upload.xlsx", { maxRows: rowCap, inflate: inflateWithZlib });
    if (read.format !== "xlsx")
      return { verdict: { ok: false, status: 415, message: NOT_XLSX, reason: read.format } };
    grid = read.grid;
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    if (err.reason === "tooManyRows" && maxRows !== undefined) return { verdict: tooManyRows(maxRows) };
    if (err.reason === "empty")
      return {
        verdict: {
          ok: false,
          status: 422,
          message: "名单是空的，没有可报送的行",
          reason: "empty",
          problems: [],
        },
      };
    return {
      verdict: { ok: false, status: 415, message: `无法读取上传的工作簿：${err.zh}`, reason: err.reason },
    };
  }
  const { profile } = limits;
  const { checker, outcome } = checkGrid(grid, {
    campaign,
    college,
    ...(profile
      ? {
          profile: {
            mailAddress: profile.mailAddress,
            recipient: profile.secretaryName,
            recipientPhone: profile.mobile,
          },
        }
      : {}),
  });
  if (!outcome.ok) {
    return {
      verdict: {
        ok: false,
        status: 422,
        message: `名单${noHeaderText(DEFAULT_TEMPLATE)}`,
        reason: "noHeader",
        problems: [],
      },
    };
  }
  const summary = checker.summary();
  if (maxRows !== undefined && summary.rows > maxRows) return { verdict: tooManyRows(maxRows) };
  const built = buildSubmission(checker);
  if (!built.ok || summary.errors > 0) {
    const hasErrors = summary.errors > 0;
    return {
      verdict: {
        ok: false,
        status: 422,
        message: hasErrors
          ? `名单有 ${summary.errors} 个错误，服务器未予受理，请改正后再提交`
          : "名单中没有可报送的行",
        reason: hasErrors ? "errors" : built.ok ? "unknown" : built.reason,
        problems: checker.problems(),
        summary,
      },
    };
  }
  return {
    verdict: {
      ok: true,
      summary,
      fileName: built.sheet.fileName,
      headCount: built.headCount,
      feeTotal: built.feeTotal,
    },
    sheet: built.sheet,
  };
}
