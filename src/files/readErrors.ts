/** What readSheet refuses and why: one line for a secretary (Chinese), one for the logs (English). */

export type FileReadReason =
  "empty" | "corrupt" | "unsupported" | "tooLarge" | "tooManyRows" | "sheetNotFound" | "notFound";

/** An unusable input file. `message` is one line, "中文原因 (English reason)", safe to show a user. */
export class FileReadError extends Error {
  constructor(
    readonly reason: FileReadReason,
    /** The reason for a secretary (the pane and the server show only this). */
    readonly zh: string,
    /** The same for the IT staff's logs and the CLI's "中文 (English)" line. */
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
    this.name = "FileReadError";
  }
}

/** Refuse anything bigger: a capture list is a few hundred rows, and SheetJS inflates everything in memory. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/**
 * No sheet this product reads is longer: a college's list is hundreds of rows and the whole university's
 * roster a few tens of thousands. Beyond it a file is refused before it is parsed (a 1,048,576-row sheet
 * would otherwise take gigabytes).
 */
export const MAX_SHEET_ROWS = 100_000;
/** Grid size guard (rows × columns after trimming): a stray cell at XFD1048576 must not allocate billions. */
export const MAX_GRID_CELLS = 5_000_000;

export const readErrors = {
  empty: () => new FileReadError("empty", "文件是空的", "empty file"),
  noCells: (sheet: string) =>
    new FileReadError("empty", `工作表“${sheet}”中没有任何数据`, "no cells in the sheet"),
  corrupt: () => new FileReadError("corrupt", "文件已损坏或不完整", "corrupt or truncated file"),
  unsupported: () =>
    new FileReadError(
      "unsupported",
      "不支持的文件格式，请使用 .xlsx、.xls 或 .csv 文件",
      "unsupported file format",
    ),
  otherSpreadsheet: (kind: string) =>
    new FileReadError(
      "unsupported",
      `不支持 ${kind} 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再试`,
      `unsupported spreadsheet format ${kind}`,
    ),
  password: () =>
    new FileReadError("unsupported", "文件设有打开密码，请先取消密码再导入", "password-protected file"),
  tooLarge: () =>
    new FileReadError("tooLarge", `文件过大（超过 ${MAX_FILE_BYTES / 1024 / 1024} MB）`, "file too large"),
  tooManyCells: () => new FileReadError("tooLarge", "表格范围过大，无法读取", "sheet too large"),
  tooManyRows: (limit: number) =>
    new FileReadError(
      "tooManyRows",
      `表格超过 ${limit} 行，不予读取：请确认选对了文件和工作表`,
      `more than ${limit} rows`,
    ),
  sheetNotFound: (name: string) =>
    new FileReadError("sheetNotFound", `找不到名为“${name}”的工作表`, `no sheet named "${name}"`),
};

/** Exposed for the CLI's path helpers, which report a missing file the same way. */
export function fileNotFoundError(path: string): FileReadError {
  return new FileReadError("notFound", `找不到文件：${path}`, "file not found");
}

export function fileTooLargeError(): FileReadError {
  return readErrors.tooLarge();
}
