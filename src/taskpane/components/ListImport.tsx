import { useEffect, useRef, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from "@fluentui/react-components";
import { formatDateTime, userMessage } from "../format";
import { LIST_LABELS, type ListKind, type StoredList } from "../storedLists";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  line: { display: "flex", alignItems: "center", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hidden: { display: "none" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const ACCEPT = ".xlsx,.xls,.csv";

export function listLine(list: StoredList): string {
  return `${LIST_LABELS[list.kind]}：${list.count} 人（导入于 ${formatDateTime(list.importedAt)}）`;
}

/** One list (roster or already-captured) of the profile's college: import from disk, show, remove. */
export function ListImport(props: {
  kind: ListKind;
  list: StoredList | undefined;
  /** Without a college there is nowhere to keep the list. */
  disabled: boolean;
  description: string;
  onImport(kind: ListKind, file: File): Promise<StoredList>;
  onRemove(kind: ListKind): void;
}) {
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const label = LIST_LABELS[props.kind];
  const { list } = props;

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onImport(props.kind, file);
    } catch (e) {
      setError(userMessage(e, `无法导入${label}`));
    } finally {
      setBusy(false);
      // The same file may be picked again after it was fixed.
      if (input.current) input.current.value = "";
    }
  };

  // Focus back where the secretary was: on 移除 when she kept the list, on 导入 once 移除 is gone.
  const [closed, setClosed] = useState<"kept" | "removed" | undefined>();
  const closeConfirm = (removed: boolean) => {
    setConfirming(false);
    if (removed) props.onRemove(props.kind);
    setClosed(removed ? "removed" : "kept");
  };
  useEffect(() => {
    if (!closed) return;
    (closed === "removed" ? importButton : removeButton).current?.focus();
    setClosed(undefined);
  }, [closed]);

  return (
    <section className={s.root} aria-label={label}>
      <Text weight="semibold">{label}</Text>
      <Text size={200} className={s.muted}>
        {props.description}
      </Text>
      {list ? (
        <div className={s.line}>
          <Text size={200} title={list.fileName}>
            {listLine(list)}
          </Text>
          <Button ref={removeButton} size="small" appearance="subtle" onClick={() => setConfirming(true)}>
            移除
          </Button>
        </div>
      ) : (
        <Text size={200}>{label}：未导入</Text>
      )}
      {list?.kind === "roster" && list.duplicateStudentNos > 0 && (
        <Text size={200} className={s.muted}>
          文件中有 {list.duplicateStudentNos} 个重复的学号，只保留了第一次出现的。
        </Text>
      )}
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        aria-label={`选择${label}文件`}
        className={s.hidden}
        onChange={(e) => void onFile(e.currentTarget.files?.[0])}
      />
      <div className={s.line}>
        <Button
          ref={importButton}
          size="small"
          disabled={props.disabled || busy}
          onClick={() => input.current?.click()}
        >
          {busy ? "正在导入…" : list ? `重新导入${label}…` : `导入${label}…`}
        </Button>
      </div>
      <Dialog open={confirming} onOpenChange={(_, data) => !data.open && closeConfirm(false)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{`移除${label}？`}</DialogTitle>
            <DialogContent>
              {props.kind === "roster"
                ? "移除后本机不再保存这份学籍名单（含全体学生的身份证号），检查将不再核对学号、身份证号、姓名和培养层次，直到重新导入。"
                : "移除后本机不再保存这份已采集名单，检查将不再提示已采集过的学生，直到重新导入。"}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => closeConfirm(false)}>
                取消
              </Button>
              <Button appearance="primary" onClick={() => closeConfirm(true)}>
                移除
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {error && (
        <MessageBar layout="multiline" intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
