import { buildSubmission, marksFromProblems } from "../../domain";
import type { CliArgs } from "../args";
import { escapeControls } from "../escape";
import { EXIT_ERRORS, EXIT_OK, type CliIO } from "../io";
import { rowsText } from "../messages";
import { checkOutputs, commitOutputs, requireOutput, type OutputFile } from "../output";
import { jsonReport } from "../report";
import { checkListFile, copySource } from "../session";
import { reportFormat } from "./check";

/**
 * `build`: the submission workbook (SPEC §5), refused while rows have errors unless --skip-invalid.
 * The annotated copy is written even when the submission is refused (it shows what to fix); both are
 * written together, or neither when a write fails (exit 2).
 */
export async function buildCommand(args: CliArgs, io: CliIO): Promise<number> {
  const out = requireOutput(args.values.output, "提交名单");
  const annotated = args.values.annotated;
  const format = reportFormat(args.values.format);
  const v = args.values;
  await checkOutputs(
    io,
    [{ path: out, what: "提交名单" }, ...(annotated ? [{ path: annotated, what: "标注副本" }] : [])],
    [args.positionals[0], v.roster, v.captured, v.config],
  );
  const checked = await checkListFile(io, args.positionals[0], v);
  const { checker } = checked;
  const problems = checker.problems();
  // ExcelJS is loaded only now, by a command that writes.
  const writers = await import("../../files/writeWorkbook");
  const files: OutputFile[] = [];

  if (annotated) {
    const header = checker.header;
    const marks = marksFromProblems(problems, (key) => header?.columns.get(key));
    const college = checker.env.chosenCollege?.name;
    const print = {
      headerRow: header?.row,
      pageHeader: { left: `${college ? `${college} ` : ""}名单（标注副本）` },
    };
    files.push({
      path: annotated,
      data: await writers.writeAnnotated(copySource(checked.list), marks, print),
    });
  }

  const outcome = buildSubmission(checker, { skipInvalid: v["skip-invalid"] });
  if (format === "json") io.stdout(jsonReport(checker.summary(), problems) + "\n");
  if (!outcome.ok) {
    await commitOutputs(io, files);
    if (annotated) io.stderr(`已写出标注副本：${annotated}\n`);
    const why =
      outcome.reason === "errors"
        ? `${rowsText(outcome.errorRows)}有错误。请改正后再生成，或加 --skip-invalid 只提交没有错误的行。`
        : outcome.reason === "headerErrors"
          ? "表头有错误（缺少必需的列或列名重复），请先用 check 查看。"
          : "名单中没有可以提交的行。";
    io.stderr(`没有生成提交名单：${why}\n`);
    return EXIT_ERRORS;
  }
  files.push({ path: out, data: await writers.writeSubmission(outcome.sheet) });
  await commitOutputs(io, files);
  if (annotated) io.stderr(`已写出标注副本：${annotated}\n`);
  const skipped = outcome.skippedRows.length ? `；已略去有错误的${rowsText(outcome.skippedRows)}` : "";
  if (checked.source.note) {
    const note = `${escapeControls(checked.source.note)}\n`;
    if (format === "json") io.stderr(note);
    else io.stdout(note);
  }
  const line = `已生成提交名单 ${out}：${outcome.college} ${outcome.headCount} 人，采集费 ${outcome.feeTotal} 元${skipped}。建议的文件名：${outcome.sheet.fileName}\n`;
  if (format === "json") io.stderr(line);
  else io.stdout(line);
  return EXIT_OK;
}
