/**
 * The web version's left side: a toolbar (open, the two downloads, what stays in the browser), the
 * emulated worksheet or, on a blank start, the welcome, and a drop target over the whole page.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import {
  Button,
  Checkbox,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { MemoryWorkbook } from "../excel/memory";
import { SheetGrid } from "../preview/SheetGrid";
import type { WorkbookShelf } from "../preview/workbookShelf";
import type { ActionOutcome } from "../taskpane/useAction";
import { ACCEPT, pickListFile } from "./fileOpen";
import type { WebDocument } from "./webDocument";
import { Welcome } from "./Welcome";

const useStyles = makeStyles({
  root: { position: "relative", display: "flex", flexDirection: "column", flex: "1 1 auto", minHeight: 0 },
  toolbar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  file: { color: tokens.colorNeutralForeground3, marginRight: "auto" },
  privacy: {
    padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXS}`,
    color: tokens.colorNeutralForeground3,
  },
  body: { flex: "1 1 auto", minHeight: 0, display: "flex", flexDirection: "column", overflow: "auto" },
  drop: {
    position: "fixed",
    inset: 0,
    zIndex: 10,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    fontSize: tokens.fontSizeBase500,
    color: "#0e5c2f",
    background: "rgba(211, 240, 224, 0.92)",
    border: "3px dashed #107c41",
    pointerEvents: "none",
  },
});

const ON_PANE = "要打开名单，请把文件拖到左侧的表格区域；学籍名单和已采集名单请在右侧窗格的“名单”页中导入。";
const REPLACE_QUESTION = "当前名单的修改还没有下载。打开另一份名单后，这些修改将丢失。仍然打开吗？";

function useDocumentState(doc: WebDocument, workbook: MemoryWorkbook) {
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const bump = () => {
        version.current++;
        onChange();
      };
      const a = doc.subscribe(bump);
      const b = workbook.subscribe(bump);
      return () => {
        a();
        b();
      };
    },
    [doc, workbook],
  );
  useSyncExternalStore(subscribe, () => version.current);
  return { blank: doc.blank, dirty: doc.dirty, fileName: doc.fileName };
}

export function WebPage(props: {
  doc: WebDocument;
  workbook: MemoryWorkbook;
  /** The list and the workbooks the pane created (新工作簿), each with a tab over the grid. */
  workbooks?: WorkbookShelf;
}) {
  const s = useStyles();
  const { doc, workbook } = props;
  const state = useDocumentState(doc, workbook);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [dragDepth, setDragDepth] = useState(0);

  // Closing the tab with edits not yet downloaded: the browser asks first (its own wording).
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!doc.dirty) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [doc]);

  const run = async (label: string, action: () => Promise<ActionOutcome>) => {
    if (busy) return;
    setBusy(label);
    setOutcome(undefined);
    try {
      setOutcome(await action());
    } catch {
      setOutcome({ intent: "error", text: `${label}没有完成，请再试一次；名单仍在表格中，没有丢失。` });
    } finally {
      setBusy(undefined);
    }
  };
  const open = (file: File | undefined) => {
    if (!file) {
      setOutcome({ intent: "error", text: "只能打开 .xlsx、.xls 或 .csv 格式的名单文件。" });
      return;
    }
    if (doc.dirty && !window.confirm(REPLACE_QUESTION)) return;
    void run("打开名单", () => doc.open(file));
  };

  // The whole page is the drop target: a file dropped anywhere is opened (never navigated to) — but on the pane, see drop.
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    const isFileDrag = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
    const enter = (e: DragEvent) => {
      if (!isFileDrag(e)) return;
      e.preventDefault();
      setDragDepth((d) => d + 1);
    };
    const over = (e: DragEvent) => {
      if (!isFileDrag(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    };
    const leave = (e: DragEvent) => {
      if (isFileDrag(e)) setDragDepth((d) => Math.max(0, d - 1));
    };
    const drop = (e: DragEvent) => {
      if (!isFileDrag(e)) return;
      e.preventDefault();
      setDragDepth(0);
      // Onto the pane she may mean her roster: say where each file goes rather than replace the list.
      if (e.target instanceof Element && e.target.closest("#pane")) {
        setOutcome({ intent: "info", text: ON_PANE });
        return;
      }
      openRef.current(pickListFile(e.dataTransfer?.files ?? []));
    };
    window.addEventListener("dragenter", enter);
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragenter", enter);
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
  }, []);

  return (
    <div className={s.root}>
      <div className={s.toolbar} role="toolbar" aria-label="名单文件">
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          hidden
          aria-label="选择名单文件"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = "";
            if (file) open(pickListFile([file]));
          }}
        />
        <Button appearance="primary" disabled={!!busy} onClick={() => input.current?.click()}>
          打开名单…
        </Button>
        <Button
          disabled={!!busy || state.blank}
          onClick={() => void run("下载改好的名单", () => doc.downloadList())}
        >
          下载改好的名单
        </Button>
        <Button
          disabled={!!busy || state.blank}
          onClick={() => void run("下载提交名单", () => doc.downloadSubmission(skipInvalid))}
        >
          下载提交名单
        </Button>
        <Checkbox
          checked={skipInvalid}
          onChange={(_, d) => setSkipInvalid(d.checked === true)}
          label="跳过有错误的行"
        />
        <Text size={200} className={s.file}>
          {state.fileName ? `当前文件：${state.fileName}${state.dirty ? "（有未下载的修改）" : ""}` : ""}
        </Text>
        <Link href="guide.html" target="_blank" rel="noopener">
          使用说明
        </Link>
      </div>
      <Text as="p" size={200} className={s.privacy}>
        名单只在本机浏览器中处理：打开、检查、修改和下载都不会上传到任何地方。只有在窗格的“提交”中点击“发送到研究生院”时，提交名单才会发送到本网站的服务器。
      </Text>
      <div aria-live="polite">
        {busy && (
          <Text size={200} className={s.privacy} role="status">
            正在{busy}…
          </Text>
        )}
        {outcome && (
          <MessageBar
            layout="multiline"
            intent={outcome.intent}
            role={outcome.intent === "error" ? "alert" : "status"}
          >
            <MessageBarBody>{outcome.text}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" appearance="transparent" onClick={() => setOutcome(undefined)}>
                关闭
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
      </div>
      <div className={s.body}>
        {state.blank ? (
          <Welcome onOpen={() => input.current?.click()} />
        ) : (
          <SheetGrid workbook={workbook} workbooks={props.workbooks} />
        )}
      </div>
      {dragDepth > 0 && (
        <div className={s.drop} aria-hidden="true">
          松开鼠标即可打开名单
        </div>
      )}
    </div>
  );
}
