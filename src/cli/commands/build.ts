import { buildSubmission, marksFromProblems } from "../../domain";
import { writeAnnotated, writeSubmission } from "../../files/writeWorkbook";
import type { CliArgs } from "../args";
import { EXIT_ERRORS, EXIT_OK, type CliIO } from "../io";
import { requireOutput, writeOutput } from "../output";
import { jsonReport } from "../report";
import { checkListFile, copySource } from "../session";
import { reportFormat } from "./check";

function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 20).join("、");
  return rows.length > 20 ? `${shown} 等 ${rows.length} 行` : shown;
}

/** `build`: the submission workbook (SPEC §5), refused while rows have errors unless --skip-invalid. */
export async function buildCommand(args: CliArgs, io: CliIO): Promise<number> {
  const out = requireOutput(args.values.output, "提交名单");
  const format = reportFormat(args.values.format);
  const checked = await checkListFile(io, args.positionals[0], args.values);
  const { checker } = checked;
  const problems = checker.problems();

  if (args.values.annotated) {
    const header = checker.header;
    const marks = marksFromProblems(problems, (key) => header?.columns.get(key));
    const bytes = await writeAnnotated(copySource(checked.list), marks);
    await writeOutput(args.values.annotated, bytes);
    io.stderr(`已写出标注副本：${args.values.annotated}\n`);
  }

  const outcome = buildSubmission(checker, { skipInvalid: args.values["skip-invalid"] });
  if (format === "json") io.stdout(jsonReport(checker.summary(), problems) + "\n");
  if (!outcome.ok) {
    const why =
      outcome.reason === "errors"
        ? `第 ${rowList(outcome.errorRows)} 行有错误。请改正后再生成，或加 --skip-invalid 只提交没有错误的行。`
        : outcome.reason === "headerErrors"
          ? "表头有错误（缺少必需的列或列名重复），请先用 check 查看。"
          : "名单中没有可以提交的行。";
    io.stderr(`没有生成提交名单：${why}\n`);
    return EXIT_ERRORS;
  }
  await writeOutput(out, await writeSubmission(outcome.sheet));
  const skipped = outcome.skippedRows.length ? `；已略去有错误的第 ${rowList(outcome.skippedRows)} 行` : "";
  const line = `已生成提交名单 ${out}：${outcome.college} ${outcome.headCount} 人，拍照费 ${outcome.feeTotal} 元${skipped}。建议的文件名：${outcome.sheet.fileName}\n`;
  if (format === "json") io.stderr(line);
  else io.stdout(line);
  return EXIT_OK;
}
