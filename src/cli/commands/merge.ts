import { readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import {
  checkSubmissionGrid,
  collegeFromFileName,
  mergeSubmissions,
  type Campaign,
  type CollegeSubmission,
} from "../../domain";
import type { CliArgs } from "../args";
import { escapeControls } from "../escape";
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, UnusableInputError, type CliIO } from "../io";
import { loadCampaign, loadSheet } from "../load";
import { checkOutputs, commitOutputs, requireOutput, type OutputFile, type OutputTarget } from "../output";
import { progress, progressDone } from "../session";
import {
  duplicateLines,
  fileLine,
  problemLines,
  refusedFile,
  sameCollegeFiles,
  totalsLines,
} from "./mergeReport";

/**
 * `merge <folder> -o OUT.xlsx [--csv OUT.csv] [--config campaign.json]`: the graduate school's merged
 * list without the server. Every .xlsx/.xls/.csv in the folder is one college's submission (the
 * college from the §5 file name, else from its 学院 column), checked with the engine; rows with errors
 * are left out and listed. Exit 0: clean; 1: rows left out, a file refused, a college with two files
 * or a student in two colleges; 2: bad invocation, or a file could not be read (the rest still merge).
 */

const LIST_FILE = /\.(?:xlsx|xls|csv)$/i;
/** Excel's lock file (~$name.xlsx) and hidden files are never submissions. */
const NOT_A_LIST = /^(?:~\$|\.)/;

async function listFolder(io: CliIO, folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(resolve(io.cwd, folder), { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new UnusableInputError(`找不到文件夹：${folder}`, `no such directory: ${folder}`);
    if (code === "ENOTDIR")
      throw new UnusableInputError(
        `${folder} 不是文件夹：请给出存放各学院名单的文件夹`,
        `not a directory: ${folder}`,
      );
    throw new UnusableInputError(`无法读取文件夹：${folder}`, `cannot read ${folder} (${code ?? "error"})`);
  }
  return entries
    .filter((e) => !e.isDirectory() && LIST_FILE.test(e.name) && !NOT_A_LIST.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * An output inside the folder would be read as a college's list by the next run (and one named like a
 * submission would overwrite it): refused before any work, as an output naming an input is.
 */
function refuseOutputsInFolder(io: CliIO, folder: string, outputs: readonly OutputTarget[]): void {
  const dir = resolve(io.cwd, folder);
  for (const out of outputs) {
    if (dirname(resolve(io.cwd, out.path)) === dir)
      throw new UnusableInputError(
        `${out.what}的输出文件 ${out.path} 在名单文件夹 ${folder} 中，下次合并时会被当作学院的名单：请写到别的文件夹`,
        "output inside the folder of submission files",
      );
  }
}

interface Collected {
  submissions: CollegeSubmission[];
  filesOf: Map<string, string[]>;
  unreadable: number;
  problems: number;
}

async function collect(io: CliIO, folder: string, names: string[], campaign: Campaign): Promise<Collected> {
  const out: Collected = { submissions: [], filesOf: new Map(), unreadable: 0, problems: 0 };
  const say = (line: string) => io.stdout(escapeControls(line) + "\n");
  for (const [i, name] of names.entries()) {
    progress(io, `正在检查 ${i + 1}/${names.length}：${name} …`);
    let grid;
    try {
      grid = (await loadSheet(io.cwd, join(folder, name), "名单")).grid;
    } catch (e) {
      if (!(e instanceof UnusableInputError)) throw e;
      progressDone(io);
      io.stderr(`${escapeControls(`未并入：${e.zh}`)}\n`);
      out.unreadable++;
      continue;
    }
    const checked = checkSubmissionGrid(grid, campaign, { college: collegeFromFileName(campaign, name) });
    progressDone(io);
    if (!checked.ok && checked.reason === "noHeader") {
      // As for check: a sheet with no header is input that cannot be used (exit 2).
      io.stderr(`${escapeControls(refusedFile(name, checked.reason))}\n`);
      out.unreadable++;
      continue;
    }
    if (!checked.ok) {
      say(refusedFile(name, checked.reason));
      out.problems++;
      continue;
    }
    const { submission, leftOutRows, summary } = checked;
    say(fileLine(name, submission.college, submission.rows.length, leftOutRows, summary.warnings));
    const headers = new Map<string, string>();
    for (const c of submission.columns) if (c.header) headers.set(c.key, c.header);
    for (const line of problemLines(checked.problems, (k) => headers.get(k) ?? k)) say(line);
    if (summary.errors > 0) out.problems++;
    out.submissions.push(submission);
    out.filesOf.set(submission.college, [...(out.filesOf.get(submission.college) ?? []), name]);
  }
  return out;
}

export async function mergeCommand(args: CliArgs, io: CliIO): Promise<number> {
  const v = args.values;
  const folder = args.positionals[0];
  if (!folder)
    throw new UnusableInputError("请指定存放各学院提交名单的文件夹", "no folder of submission files given");
  const out = requireOutput(v.output, "合并名单");
  const outputs: OutputTarget[] = [{ path: out, what: "合并名单" }];
  if (v.csv) outputs.push({ path: v.csv, what: "CSV 合并名单" });
  const campaign = await loadCampaign(io.cwd, v.config);
  refuseOutputsInFolder(io, folder, outputs);
  const names = await listFolder(io, folder);
  if (names.length === 0)
    throw new UnusableInputError(
      `文件夹 ${folder} 中没有 .xlsx、.xls 或 .csv 名单文件`,
      `no .xlsx, .xls or .csv file in ${folder}`,
    );
  await checkOutputs(io, outputs, [v.config, ...names.map((n) => join(folder, n))]);

  const found = await collect(io, folder, names, campaign);
  const say = (line: string) => io.stdout(escapeControls(line) + "\n");
  if (found.submissions.length === 0) {
    io.stderr("没有可以合并的名单，没有写出文件。\n");
    return found.unreadable > 0 ? EXIT_UNUSABLE : EXIT_ERRORS;
  }
  let problems = found.problems;
  for (const [college, files] of found.filesOf) {
    if (files.length < 2) continue;
    say(sameCollegeFiles(college, files));
    problems++;
  }

  const merged = mergeSubmissions(campaign, found.submissions);
  progress(io, "正在写出合并名单 …");
  // ExcelJS and iconv-lite are loaded only now, by the command that writes.
  const { writeMergedWorkbook, groupSheetName } = await import("../../files/mergedWorkbook");
  const files: OutputFile[] = [{ path: out, data: await writeMergedWorkbook(merged, campaign) }];
  if (v.csv) {
    const { writeMergedCsv } = await import("../../files/mergedCsv");
    files.push({ path: v.csv, data: writeMergedCsv(merged) });
  }
  await commitOutputs(io, files);
  progressDone(io);

  const split = campaign.gradBatches.length > 1;
  say("");
  for (const line of totalsLines(
    merged,
    campaign.feePerPerson,
    merged.groups.map((g) => groupSheetName(g, split)),
  ))
    say(line);
  say(`已写出：${[out, ...(v.csv ? [v.csv] : [])].join("、")}`);
  say("");
  for (const line of duplicateLines(merged.duplicates)) say(line);
  if (merged.duplicates.length > 0) problems++;
  if (found.unreadable > 0) return EXIT_UNUSABLE;
  return problems > 0 ? EXIT_ERRORS : EXIT_OK;
}
