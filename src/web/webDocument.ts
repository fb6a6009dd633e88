/**
 * What the web version's own buttons do, apart from React: open a file into the emulated workbook
 * (through the session, so the pane re-opens on it), download the corrected list, download the
 * submission. Every outcome is one Chinese sentence; a file that cannot be read leaves the open
 * workbook as it was. Edits since the last open or download are tracked, so the page can warn before
 * they are lost.
 */
import type { MemoryWorkbook } from "../excel/memory";
import type { PreviewSession } from "../preview/session";
import { formatYuan, userMessage } from "../taskpane/format";
import type { ActionOutcome } from "../taskpane/useAction";
import { correctedFileName } from "./download";
import { fileBytes, isListFile } from "./fileOpen";

export interface WebDocumentDeps {
  session: PreviewSession;
  workbook: MemoryWorkbook;
  /** Hands a file to the browser (Blob + <a download> in the page). */
  save(bytes: Uint8Array, fileName: string): void;
}

export class WebDocument {
  private opened: string | undefined;
  private edited = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: WebDocumentDeps) {
    // Any change of values (typing, paste, 一键规范, the blank template) is an edit; marks are formats.
    deps.workbook.addHandler("workbook", () => {
      if (!this.edited) {
        this.edited = true;
        this.notify();
      }
    });
  }

  /** The name of the file opened last (undefined on a blank start). */
  get fileName(): string | undefined {
    return this.opened;
  }

  /** Values changed since the last open or download of the list. */
  get dirty(): boolean {
    return this.edited;
  }

  /** No sheet holds a value: the page shows its welcome. */
  get blank(): boolean {
    return this.deps.workbook.sheets.every((s) => s.cells.size === 0);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async open(file: File): Promise<ActionOutcome> {
    if (!isListFile(file.name)) {
      return { intent: "error", text: `无法打开“${file.name}”：只能打开 .xlsx、.xls 或 .csv 格式的名单。` };
    }
    try {
      const bytes = await fileBytes(file);
      await this.deps.session.loadBytes(bytes, file.name);
    } catch (e) {
      const why = userMessage(e, "文件无法读取");
      return { intent: "error", text: `无法打开“${file.name}”：${why}。当前表格没有改动。` };
    }
    // The session's reset fired no change event; whatever was pending belongs to the old workbook.
    await this.deps.workbook.whenIdle();
    this.opened = file.name;
    this.edited = false;
    this.notify();
    const sheet = this.deps.workbook.activeSheet.name;
    const opened = `已打开“${file.name}”（工作表“${sheet}”），右侧窗格正在检查。`;
    if (!this.deps.session.formatsUnread) return { intent: "success", text: opened };
    // The values are all there; only the look (text formats, fills, notes) could not be read.
    return {
      intent: "warning",
      text: `${opened}文件中的单元格格式未能读出：在身份证号、学号列输入的数字可能被当作数值，请核对。`,
    };
  }

  async downloadList(): Promise<ActionOutcome> {
    await this.deps.workbook.whenIdle();
    const { writeListWorkbook } = await import("./listWorkbook");
    const bytes = await writeListWorkbook(this.deps.workbook);
    const name = correctedFileName(this.opened);
    this.deps.save(bytes, name);
    this.edited = false;
    this.notify();
    return { intent: "success", text: `已下载改好的名单“${name}”（包括所有工作表和检查标记）。` };
  }

  async downloadSubmission(skipInvalid: boolean): Promise<ActionOutcome> {
    const host = this.deps.session.currentHost;
    if (!host) return { intent: "error", text: "窗格还没有准备好，请稍后再试。" };
    await this.deps.session.settle();
    const file = await host.submissionFile({ skipInvalid });
    if ("error" in file) return { intent: "error", text: file.error };
    this.deps.save(file.bytes, file.fileName);
    const summary = this.deps.session.lastUpdate?.summary;
    const left = summary ? leftOut(summary.rows, file.headCount) : "";
    return {
      intent: "success",
      text: `已下载提交名单“${file.fileName}”：${file.headCount} 人，采集费 ${formatYuan(file.feeTotal)}${left}。`,
    };
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}

function leftOut(rows: number, sent: number): string {
  return rows > sent ? `；有错误的 ${rows - sent} 行没有包括在内` : "";
}
