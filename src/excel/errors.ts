/**
 * Every failure the pane sees is one Chinese sentence: Office errors are mapped by their code, never
 * shown as a stack or in English.
 */
const BY_CODE: Record<string, string> = {
  ItemNotFound: "要操作的工作表或单元格已不存在（可能刚被删除或改名）。",
  InvalidArgument: "Excel 拒绝了这次写入（参数无效）。",
  InvalidReference: "要操作的区域已不存在。",
  InvalidOperation: "Excel 此时不允许这项操作，请先退出单元格编辑状态再试。",
  InvalidOperationInCellEditMode: "Excel 正处于单元格编辑状态，请按回车或 Esc 结束编辑后再试。",
  AccessDenied: "工作簿受保护或为只读，无法写入。",
  ApiNotFound: "当前 Excel 版本不支持这项功能。",
  ItemAlreadyExists: "同名的工作表已存在。",
  InsertDeleteConflict: "与其他正在进行的编辑冲突，请稍后再试。",
  ResponsePayloadSizeLimitExceeded: "工作表数据太多，一次读不完。请删除名单以外的多余内容后再试。",
  RequestPayloadSizeLimitExceeded: "一次写入的内容太多。",
  GeneralException: "Excel 内部出错。",
};

function codeOf(e: unknown): string | undefined {
  if (e && typeof e === "object" && "code" in e && typeof (e as { code: unknown }).code === "string") {
    return (e as { code: string }).code;
  }
  return undefined;
}

/** "检查名单时出错：…" for any thrown value. */
export function userMessage(action: string, e: unknown): string {
  const code = codeOf(e);
  const detail = (code && BY_CODE[code]) ?? "请稍后重试；如果一再出现，请关闭任务窗格后重新打开。";
  return `${action}时出错：${detail}`;
}

/** An Error whose message is Chinese and safe to show. */
export class HostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HostError";
  }
}

export function toHostError(action: string, e: unknown): HostError {
  return e instanceof HostError ? e : new HostError(userMessage(action, e));
}
