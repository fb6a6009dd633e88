import { rowsText } from "../domain/messages.zh-CN";
import type { SubmissionOutcome } from "../domain";
import type { BuildResult } from "./hostApi";

/** Why a submission cannot be built, in the secretary's words. */
export function refusal(outcome: Exclude<SubmissionOutcome, { ok: true }>): BuildResult {
  switch (outcome.reason) {
    case "errors":
      return {
        ok: false,
        message: `${rowsText(outcome.errorRows)}还有错误。请先改正，或选择“跳过有错误的行”。`,
        errorRows: outcome.errorRows,
      };
    case "headerErrors":
      return { ok: false, message: "表头有错误（缺少必填列或列名重复），请先改正表头。" };
    case "empty":
      return { ok: false, message: "名单中没有可以提交的行。" };
    default:
      return { ok: false, message: "当前工作表中没有找到采集名单的表头。" };
  }
}
