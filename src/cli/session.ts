import { basename } from "node:path";
import { ListChecker, noHeaderText, type Campaign } from "../domain";
import type { ReadResult } from "../files/readSheet";
import type { CopySource } from "../files/writeWorkbook";
import { escapeControls } from "./escape";
import { UnusableInputError, type CliIO } from "./io";
import { campaignSource, type CampaignSource, type SourceOptions } from "./campaignSource";
import { loadCaptured, loadRoster, loadSheet } from "./load";

export interface CheckedList {
  campaign: Campaign;
  college?: string;
  list: ReadResult & { bytes: Uint8Array; path: string };
  checker: ListChecker;
  rosterSize?: number;
  capturedSize?: number;
  /** Where the campaign came from (--config, --server, built-in), and the server's profile if any. */
  source: CampaignSource;
}

/**
 * What the file writers copy: an .xlsx's own bytes (its styles survive), otherwise the grid already
 * read (no second parse); always the sheet that was checked.
 */
export function copySource(list: CheckedList["list"]): CopySource {
  const sheetName = list.sheetName;
  return list.format === "xlsx"
    ? { bytes: list.bytes, format: list.format, sheetName }
    : { grid: list.grid, sheetName };
}

/** Progress goes to stderr only when it is a terminal: pipes and CI logs stay clean. */
export function progress(io: CliIO, text: string): void {
  if (io.isTTY) io.stderr(`\r\x1b[2K${escapeControls(text)}`);
}
export function progressDone(io: CliIO): void {
  if (io.isTTY) io.stderr("\r\x1b[2K");
}

/** Loads everything a check needs, then checks the list once. Unusable input throws (exit 2). */
export async function checkListFile(
  io: CliIO,
  path: string | undefined,
  opts: SourceOptions & { roster?: string; captured?: string },
): Promise<CheckedList> {
  if (!path) throw new UnusableInputError("请指定名单文件", "no list file given");
  if (opts.server !== undefined) progress(io, "正在从服务器读取活动配置 …");
  const source = await campaignSource(io, opts);
  const { campaign, college, profile } = source;
  progress(io, `正在读取名单 ${basename(path)} …`);
  const list = await loadSheet(io.cwd, path, "名单");
  if (opts.roster) progress(io, "正在读取学籍名单 …");
  const roster = await loadRoster(io.cwd, opts.roster, campaign);
  if (opts.captured) progress(io, "正在读取已采集名单 …");
  const captured = await loadCaptured(io.cwd, opts.captured);
  // No row count here: the report's "共 N 行" counts data rows, which only the check knows.
  progress(io, "正在检查 …");
  const checker = new ListChecker({ campaign, college, profile, roster, captured });
  const outcome = checker.load(list.grid);
  progressDone(io);
  if (!outcome.ok) {
    throw new UnusableInputError(
      `名单“${basename(path)}”的${noHeaderText(checker.template)}`,
      "no header row found",
    );
  }
  return {
    campaign,
    college,
    list,
    checker,
    rosterSize: roster?.size,
    capturedSize: captured?.size,
    source,
  };
}
