import { defaultModeNote, type Campaign, type ListChecker, type Problem, type Summary } from "../domain";
import { escapeControls } from "./escape";

/** The JSON report of SPEC §6: exactly these keys. */
export function jsonReport(summary: Summary, problems: readonly Problem[]): string {
  return JSON.stringify({
    summary: {
      rows: summary.rows,
      errors: summary.errors,
      warnings: summary.warnings,
      ...(summary.defaultMode !== undefined ? { defaultMode: summary.defaultMode } : {}),
    },
    problems: problems.map((p) => {
      const out: Problem = {
        row: p.row,
        column: p.column,
        code: p.code,
        severity: p.severity,
        message: p.message,
      };
      if (p.fix !== undefined) out.fix = p.fix;
      return out;
    }),
  });
}

function counts(record: Record<string, number>): string {
  return Object.entries(record)
    .map(([k, n]) => `${k} ${n}`)
    .join("，");
}

/**
 * A readable Chinese report: the summary, then each row's problems under the row. Cell text reaches the
 * terminal escaped (escape.ts): a line of the report is always one line, and never a terminal command.
 */
export function textReport(opts: {
  source: string;
  sheetName: string;
  checker: ListChecker;
  campaign: Campaign;
  rosterSize?: number;
  capturedSize?: number;
  /** Where the campaign came from, when it was not the user's own file (--server). */
  campaignNote?: string;
}): string {
  const { checker, campaign } = opts;
  const summary = checker.summary();
  const problems = checker.problems();
  const header = checker.header;
  const lines: string[] = [];
  lines.push(`名单：${opts.source}（工作表“${opts.sheetName}”，表头在第${header?.row ?? "?"}行）`);
  if (opts.campaignNote) lines.push(opts.campaignNote);
  lines.push(
    `共 ${summary.rows} 行：错误 ${summary.errors} 个，警告 ${summary.warnings} 个；没有错误、可以提交的 ${summary.readyRows} 行。`,
  );
  if (summary.rows > 0) {
    lines.push(`培养层次：${counts(summary.byLevel)}`);
    lines.push(`采集方式：${counts(summary.byMode)}`);
    if (summary.defaultMode !== undefined) lines.push(defaultModeNote(summary.defaultMode));
    lines.push(`毕业时间：${counts(summary.byBatch)}`);
    lines.push(`采集费：${summary.rows} 人 × ${campaign.feePerPerson} 元 = ${summary.feeTotal} 元`);
  }
  lines.push(
    opts.rosterSize === undefined
      ? "未提供学籍名单（--roster）：没有核对学号与身份证号、姓名、培养层次是否和学籍一致。"
      : `已对照学籍名单（${opts.rosterSize} 人）。`,
  );
  if (opts.capturedSize !== undefined) lines.push(`已对照已采集名单（${opts.capturedSize} 人）。`);

  const columnHeader = checker.env.columnByKey;
  let current = -1;
  for (const p of problems) {
    if (p.row !== current) {
      current = p.row;
      const r = checker.rowAt(p.row);
      const who = r
        ? [r.value.get("name"), r.value.get("studentNo")].filter(Boolean).join("，学号 ")
        : "表头";
      lines.push("");
      lines.push(`第 ${p.row} 行${who ? `（${who}）` : ""}`);
    }
    const mark = p.severity === "error" ? "错误" : "警告";
    const fix = p.fix !== undefined ? `  → 建议：${p.fix}` : "";
    lines.push(`  [${mark}] ${columnHeader.get(p.column)?.header ?? p.column}：${p.message}${fix}`);
  }
  if (problems.length === 0) lines.push("", "没有发现问题。");
  return lines.map(escapeControls).join("\n") + "\n";
}
