/**
 * preview.html: the emulated workbook on the left, the real task pane on the right, both over one
 * in-memory Excel. Opens the sample list from assets/ with the sample campaign, college profile,
 * roster and already-captured list, so a newcomer sees every kind of check within a minute.
 * `?api=1.1` emulates an older Excel (Office 2016: no live checking, no notes).
 * `?server=http://127.0.0.1:8080&key=…` points the pane at a host server (`npm run serve`): the pane then
 * checks with that server's campaign (GET /api/campaign) instead of the sample's, reads and saves the
 * college profile there with the key, and sends to it. The sample's roster and lists still load.
 */
import { createRoot } from "react-dom/client";
import { createExcelHost, type ExcelNamespace } from "../excel/excelHost";
import { createMemoryExcel, DEFAULT_API_VERSION, type MemoryExcel } from "../excel/memory";
import { findCollege, parseCampaign } from "../domain";
import type { HostUpdate } from "../excel/hostApi";
import { renderPane } from "../taskpane/index";
import { normalizeServerUrl } from "../taskpane/sendClient";
import { memoryPaneStorage } from "../taskpane/storage";
import { PreviewSession, type CapturePreview } from "./session";
import { SheetGrid } from "./SheetGrid";

declare global {
  interface Window {
    capturePreview?: CapturePreview;
  }
}

const SAMPLE = {
  list: "assets/sample-list.xlsx",
  campaign: "assets/sample-campaign.json",
  roster: "assets/sample-roster.csv",
  captured: "assets/sample-captured.csv",
  college: "信息科学与工程学院",
};

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function apiVersionFromUrl(): string {
  const requested = new URLSearchParams(location.search).get("api");
  return requested && /^1\.\d+$/.test(requested) ? requested : DEFAULT_API_VERSION;
}

/** `?server=` (and `?key=`): the host server the pane talks to, if any. */
function serverFromUrl(): { serverUrl: string; accessKey: string } | undefined {
  const params = new URLSearchParams(location.search);
  const serverUrl = normalizeServerUrl(params.get("server") ?? "");
  return serverUrl ? { serverUrl, accessKey: params.get("key") ?? "" } : undefined;
}

function Banner({ memory }: { memory: MemoryExcel }) {
  return (
    <div className="preview-banner">
      采集名单助手 · 预览
      <span className="hint">
        左侧是模拟的 Excel 工作表（点击单元格直接输入，回车确认），右侧是任务窗格。模拟 ExcelApi{" "}
        {memory.apiVersion}
      </span>
    </div>
  );
}

function recordFirstVerdict(update: HostUpdate): void {
  if (document.body.dataset.firstVerdictMs) return;
  if (update.status.kind === "starting" || update.status.kind === "checking") return;
  const ms = Math.round(performance.now());
  document.body.dataset.firstVerdictMs = String(ms);
  console.info(`[preview] first verdict after ${ms} ms (${update.problems.length} problems)`);
}

async function boot(): Promise<void> {
  const sheetEl = document.getElementById("sheet");
  const paneEl = document.getElementById("pane");
  if (!sheetEl || !paneEl) throw new Error("preview.html lacks #sheet or #pane");

  const memory = createMemoryExcel({ apiVersion: apiVersionFromUrl(), authorName: "采集名单助手" });
  const storage = memoryPaneStorage();
  const server = serverFromUrl();
  if (server) storage.saveSettings({ ...storage.loadSettings(), ...server });
  const session = new PreviewSession({
    memory,
    storage,
    // The in-memory Excel implements the subset of the API the adapter uses, not all of Office's types.
    createHost: (m) =>
      createExcelHost({ Excel: m.Excel as unknown as ExcelNamespace, isSetSupported: m.isSetSupported }),
    mountPane: (host, campaign, storage) => {
      const el = document.createElement("div");
      el.style.height = "100%";
      paneEl.replaceChildren(el);
      // With a server, its campaign rules (the sample's only seeds the lists and the college profile).
      const handle = renderPane(el, host, server ? { storage } : { campaign, storage });
      return { unmount: () => handle.unmount() };
    },
    onUpdate: recordFirstVerdict,
  });

  const [list, campaignJson, roster, captured] = await Promise.all([
    fetchBytes(SAMPLE.list),
    fetchBytes(SAMPLE.campaign).then((b) => JSON.parse(new TextDecoder().decode(b)) as unknown),
    fetchBytes(SAMPLE.roster),
    fetchBytes(SAMPLE.captured),
  ]);
  const campaign = parseCampaign(campaignJson);
  const college = findCollege(campaign, SAMPLE.college);
  await session.configure(
    {
      campaign: campaignJson,
      college: SAMPLE.college,
      profile: college && {
        mailAddress: college.mailAddress ?? "",
        recipient: college.recipient ?? "",
        recipientPhone: college.recipientPhone ?? "",
      },
      roster: toBase64(roster),
      captured: toBase64(captured),
    },
    { remount: false },
  );

  createRoot(sheetEl).render(
    <>
      <Banner memory={memory} />
      <SheetGrid workbook={memory.workbook} />
    </>,
  );
  window.capturePreview = session.api();
  await session.loadBytes(list, "sample-list.xlsx");
}

boot().catch((e: unknown) => {
  console.error("[preview]", e);
  const sheetEl = document.getElementById("sheet");
  if (sheetEl) {
    const box = document.createElement("div");
    box.className = "preview-error";
    box.textContent = "预览无法打开示例名单。请确认已运行 npm run preview，并刷新页面重试。";
    sheetEl.replaceChildren(box);
  }
});
