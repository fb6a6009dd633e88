import type { Problem } from "../domain";
import type { CaptureHost } from "../excel/hostApi";
import { columnHeader, rowHeading } from "./problemRows";
import type { ActionOutcome } from "./useAction";

/** The check tab's actions that write to the sheet (or re-read it), and what each says when done. */
export type ActionKind = "check" | "fixAll" | "fillOffsite" | "prepare";
export type PaneAction = ActionKind | { apply: Problem };

export const BUSY_TEXT: Record<ActionKind, string> = {
  check: "正在检查…",
  fixAll: "正在规范…",
  fillOffsite: "正在填写…",
  prepare: "正在准备…",
};

export async function applySuggestion(host: CaptureHost, problem: Problem): Promise<ActionOutcome> {
  const where = `${rowHeading(problem.row, undefined)}的${columnHeader(problem.column)}`;
  const written = await host.applyFix(problem);
  if (written === 0)
    return {
      intent: "info",
      text: `${where}已经改动过，这条建议不再适用，没有写入。请看最新的检查结果。`,
    };
  return {
    intent: "success",
    text: problem.fix ? `已把${where}改为“${problem.fix}”。` : `已清空${where}。`,
  };
}

export async function perform(
  action: PaneAction,
  host: CaptureHost,
  hasProfile: boolean,
): Promise<ActionOutcome> {
  if (typeof action === "object") return applySuggestion(host, action.apply);
  switch (action) {
    case "check":
      await host.checkNow();
      return { intent: "success", text: "已重新检查整张名单。" };
    case "fixAll": {
      const n = await host.fixAll();
      return n > 0
        ? {
            intent: "success",
            text: `已规范 ${n} 个单元格（空格、全角字符、小写 x、间隔号、简称，15 位旧身份证号升为 18 位）。`,
          }
        : { intent: "info", text: "没有需要规范的单元格。" };
    }
    case "fillOffsite": {
      if (!hasProfile)
        return { intent: "warning", text: "请先在“设置”中填写并保存学院资料（邮寄地址、秘书姓名、手机）。" };
      const n = await host.fillOffsite();
      return n > 0
        ? { intent: "success", text: `已为异地采集和补拍的行填写 ${n} 个邮寄信息单元格。` }
        : { intent: "info", text: "邮寄信息都已正确，没有需要填写的单元格。" };
    }
    case "prepare": {
      await host.prepareSheet();
      const dropDowns = host.capabilities.dropDowns ? "，性别、培养层次等列已加下拉列表" : "";
      return {
        intent: "success",
        text: `已准备工作表：学号、身份证号和电话列设为文本格式${dropDowns}，表头已冻结。`,
      };
    }
  }
}
