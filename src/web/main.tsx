/**
 * web.html, the web version (网页版): the task pane without Excel, for secretaries on WPS or on
 * volume-licensed Office 2016/2019 (whose panes run in Internet Explorer). The same pane as in Excel
 * runs on the in-memory Excel beside an emulated worksheet (the preview's session and grid); the
 * secretary opens her own file, fixes it, downloads the corrected list and the submission, or sends
 * it to the server that served this page. Nothing else leaves the browser. `window.capturePreview`
 * is the preview's, for tests.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createExcelHost, type ExcelNamespace } from "../excel/excelHost";
import { createMemoryExcel } from "../excel/memory";
import { pageOrigin, renderPane } from "../taskpane/index";
import { localPaneStorage } from "../taskpane/storage";
import { base64ToBytes, PreviewSession, type CapturePreview } from "../preview/session";
import { saveBytes } from "./download";
import { rememberProfile } from "./rememberedProfile";
import { WebDocument } from "./webDocument";
import { WebPage } from "./WebPage";

declare global {
  interface Window {
    capturePreview?: CapturePreview;
  }
}

async function boot(): Promise<void> {
  const sheetEl = document.getElementById("sheet");
  const paneEl = document.getElementById("pane");
  if (!sheetEl || !paneEl) throw new Error("web.html lacks #sheet or #pane");

  const memory = createMemoryExcel({ authorName: "采集名单助手" });
  // Rosters, settings and the profile stay in this browser (localStorage of this site), as in the pane.
  const storage = localPaneStorage();
  const origin = pageOrigin();
  const session = new PreviewSession({
    memory,
    storage,
    createHost: (m) =>
      rememberProfile(
        createExcelHost({
          // The in-memory Excel implements the subset of the API the adapter uses, not all of Office's types.
          Excel: m.Excel as unknown as ExcelNamespace,
          isSetSupported: m.isSetSupported,
          storage: storage.kv,
        }),
        storage.kv,
      ),
    mountPane: (host, _campaign, paneStorage) => {
      const el = document.createElement("div");
      el.style.height = "100%";
      paneEl.replaceChildren(el);
      // The campaign, the profile on the server and the send: the server that served this page.
      const handle = renderPane(el, host, { storage: paneStorage, serverOrigin: origin });
      return { unmount: () => handle.unmount() };
    },
  });
  const doc = new WebDocument({
    session,
    workbook: memory.workbook,
    save: (bytes, name) => saveBytes(bytes, name),
  });

  // The pane's "生成到新工作簿": Excel would open the file in a window of its own; here it is also downloaded.
  memory.onWorkbookCreated((base64) => saveBytes(base64ToBytes(base64), "提交名单（新工作簿）.xlsx"));
  await session.mountPane();
  window.capturePreview = session.api();
  createRoot(sheetEl).render(
    <FluentProvider
      theme={webLightTheme}
      style={{ display: "flex", flexDirection: "column", height: "100%" }}
    >
      <WebPage doc={doc} workbook={memory.workbook} workbooks={session.workbooks} />
    </FluentProvider>,
  );
  document.body.dataset.webReady = "1";
}

boot().catch((e: unknown) => {
  console.error("[web]", e);
  const sheetEl = document.getElementById("sheet");
  if (sheetEl) {
    const box = document.createElement("div");
    box.className = "preview-error";
    box.setAttribute("role", "alert");
    box.textContent =
      "网页版无法启动。请刷新页面重试；如果仍然不行，请换用最新版的 Chrome、Edge、Firefox 或 Safari。";
    sheetEl.replaceChildren(box);
  }
});
