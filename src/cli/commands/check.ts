import type { CliArgs } from "../args";
import { EXIT_ERRORS, EXIT_OK, UnusableInputError, type CliIO } from "../io";
import { jsonReport, textReport } from "../report";
import { checkListFile } from "../session";

export function reportFormat(value: string | undefined): "text" | "json" {
  if (value === undefined || value === "text") return "text";
  if (value === "json") return "json";
  throw new UnusableInputError(
    `--format 只能是 text 或 json，不是“${value}”`,
    `--format must be text or json`,
  );
}

export async function checkCommand(args: CliArgs, io: CliIO): Promise<number> {
  const format = reportFormat(args.values.format);
  const checked = await checkListFile(io, args.positionals[0], args.values);
  const { checker } = checked;
  const summary = checker.summary();
  if (format === "json") io.stdout(jsonReport(summary, checker.problems()) + "\n");
  else {
    io.stdout(
      textReport({
        source: checked.list.path,
        sheetName: checked.list.sheetName,
        checker,
        campaign: checked.campaign,
        rosterSize: checked.rosterSize,
        capturedSize: checked.capturedSize,
        campaignNote: checked.source.note,
      }),
    );
  }
  return summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}
