/**
 * The pane's entry inside Office: wait for office.js, then render the pane on the Office adapter.
 * Features are detected with Office.context.requirements.isSetSupported (SPEC §7), never assumed.
 * Opened outside Excel (a browser tab, Word), the page says where it belongs instead of failing.
 */
import { createExcelHost } from "../excel/excelHost";
import { pageOrigin, renderPane } from "./index";
import { localPaneStorage } from "./storage";

function showMessage(container: HTMLElement, text: string, link?: { href: string; label: string }): void {
  const box = document.createElement("div");
  box.className = "boot";
  box.setAttribute("role", "alert");
  box.textContent = text;
  if (link) {
    const a = document.createElement("a");
    a.href = link.href;
    a.textContent = link.label;
    box.append(document.createElement("br"), a);
  }
  container.replaceChildren(box);
}

function start(container: HTMLElement): void {
  if (typeof Office === "undefined") {
    showMessage(container, "无法加载 Office 脚本（office.js）。请检查网络连接后重新打开任务窗格。");
    return;
  }
  Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) {
      showMessage(container, "采集名单助手需要在 Excel 中打开：在 Excel 的“开始”选项卡点击“检查名单”。", {
        href: "preview.html",
        label: "没有 Excel？打开浏览器预览",
      });
      return;
    }
    // One storage for the pane and the host: below ExcelApi 1.4 (no workbook.settings) the host keeps
    // the college profile there, so Office 2016 remembers it between sessions.
    const storage = localPaneStorage();
    const host = createExcelHost({
      Excel,
      isSetSupported: (name: string, version?: string) =>
        Office.context.requirements.isSetSupported(name, version),
      storage: storage.kv,
    });
    container.replaceChildren();
    // Served by the host server (`npm run serve`): the campaign and profiles come from the same origin.
    renderPane(container, host, { storage, serverOrigin: pageOrigin() });
  }).catch(() => showMessage(container, "Office 初始化失败，请关闭任务窗格后重新打开。"));
}

const container = document.getElementById("container");
if (container) start(container);
