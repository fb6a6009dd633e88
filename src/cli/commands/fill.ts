import { extname } from "node:path";
import { offsiteFillEdits, type CellEdit, type Grid } from "../../domain";
import type { CliArgs } from "../args";
import { escapeControls } from "../escape";
import { EXIT_ERRORS, EXIT_OK, UnusableInputError, type CliIO } from "../io";
import { checkOutputs, commitOutputs, requireOutput } from "../output";
import { checkListFile, copySource } from "../session";

export function applyEdits(grid: Grid, edits: readonly CellEdit[]): Grid {
  const rows = grid.rows.map((r) => [...r]);
  for (const e of edits) {
    while (rows.length < e.row) rows.push([]);
    const row = rows[e.row - 1];
    while (row.length <= e.col) row.push(null);
    row[e.col] = e.value;
  }
  return { rows };
}

export function textColumnsOf(checked: {
  checker: {
    template: { columns: { key: string; text: boolean }[] };
    header?: { columns: Map<string, number> };
  };
}): number[] {
  const header = checked.checker.header;
  if (!header) return [];
  return checked.checker.template.columns
    .filter((c) => c.text)
    .map((c) => header.columns.get(c.key))
    .filter((c): c is number => c !== undefined);
}

/** Where the secretary's name and mobile are to be filled in, for the way this run got its campaign. */
function missingProfileHint(args: CliArgs): string {
  if (args.values.server !== undefined && args.values.key !== undefined)
    return "服务器上还没有本学院的秘书姓名或手机号，请在任务窗格的“设置”中保存学院资料后再填一次。";
  if (args.values.server !== undefined)
    return "没有读取学院资料：请加上 --key 本学院的访问密钥，用服务器上保存的秘书姓名和手机号再填一次。";
  return "学院资料中还没有秘书姓名或手机号，请在配置文件的 colleges 中填写 recipient 和 recipientPhone 后再填一次。";
}

/** `fill`: writes the college profile into the mailing cells of 异地采集/补拍 rows. */
export async function fillCommand(args: CliArgs, io: CliIO): Promise<number> {
  const out = requireOutput(args.values.output, "填好的名单");
  if (!args.values.college)
    throw new UnusableInputError("fill 需要 --college 学院", "fill needs --college NAME");
  await checkOutputs(io, [{ path: out, what: "填好的名单" }], [args.positionals[0], args.values.config]);
  const checked = await checkListFile(io, args.positionals[0], args.values);
  const { checker } = checked;
  const header = checker.header;
  for (const key of ["mailAddress", "recipient", "recipientPhone"]) {
    if (header && !header.columns.has(key)) {
      const h = checker.template.columns.find((c) => c.key === key)?.header ?? key;
      throw new UnusableInputError(`名单中没有“${h}”列，无法填写`, `the list has no ${key} column`);
    }
  }
  const profile = checker.env.profileFor(checker.env.chosenCollege);
  const edits = offsiteFillEdits(checker);
  const grid = applyEdits(checked.list.grid, edits);
  // ExcelJS is loaded only now, by a command that writes.
  const { toCsv, writeEdited } = await import("../../files/writeWorkbook");
  const bytes =
    extname(out).toLowerCase() === ".csv"
      ? toCsv(grid)
      : await writeEdited(copySource(checked.list), edits, {
          textColumns: textColumnsOf(checked),
        });
  await commitOutputs(io, [{ path: out, data: bytes }]);
  if (checked.source.note) io.stdout(`${escapeControls(checked.source.note)}\n`);
  const rows = new Set(edits.map((e) => e.row)).size;
  io.stdout(`已为 ${rows} 行“异地采集/补拍”的学生填写邮寄信息（${edits.length} 个单元格），写入 ${out}\n`);
  const missing = (["recipient", "recipientPhone"] as const).filter((k) => !profile[k]);
  if (missing.length) io.stdout(`提示：${missingProfileHint(args)}\n`);
  checker.update(
    [...new Set(edits.map((e) => e.row))].map((row) => ({ row, cells: grid.rows[row - 1] ?? [] })),
  );
  const after = checker.summary();
  if (after.errors > 0) io.stdout(`填写后名单仍有 ${after.errors} 个错误，请用 check 查看。\n`);
  return after.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}
