import { useCallback, useRef, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import type { DeskApi } from "../deskApi";
import { formatChinaTime } from "../format";
import { SCHOOL_LIST_NAMES, type SchoolListKind, type SchoolLists } from "../schoolListsApi";
import { useLoad } from "../useLoad";
import { Notice, type Outcome } from "./Notice";

const useStyles = makeStyles({
  list: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
    marginBlockEnd: tokens.spacingVerticalS,
  },
  name: { fontWeight: tokens.fontWeightSemibold, minWidth: "7em" },
  heading: {
    margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase400,
  },
  hidden: { display: "none" },
});

/** Rows drawn at once: a wrong roster could flag every row of every college; the rest are counted. */
const SHOWN = 500;
const KINDS: readonly SchoolListKind[] = ["roster", "captured"];

function ListLine(props: {
  kind: SchoolListKind;
  lists: SchoolLists | undefined;
  busy: boolean;
  onUpload(kind: SchoolListKind, file: File): void;
  onRemove(kind: SchoolListKind): void;
}) {
  const s = useStyles();
  const { kind, lists } = props;
  const input = useRef<HTMLInputElement>(null);
  const name = SCHOOL_LIST_NAMES[kind];
  const info = lists?.[kind];
  return (
    <div className={s.list} role="group" aria-label={name}>
      <span className={s.name}>{name}</span>
      <span>
        {info
          ? `${info.fileName || "已上传"}，${info.students} 人（${info.by} 于 ${formatChinaTime(info.uploadedAt)} 上传）`
          : "未上传"}
      </span>
      <input
        ref={input}
        type="file"
        className={s.hidden}
        aria-label={`选择${name}文件`}
        accept=".xlsx,.xls,.csv"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) props.onUpload(kind, file);
        }}
      />
      <Button disabled={props.busy} onClick={() => input.current?.click()}>
        {info ? `替换${name}…` : `上传${name}…`}
      </Button>
      {info && (
        <Button disabled={props.busy} onClick={() => props.onRemove(kind)}>
          删除{name}
        </Button>
      )}
    </div>
  );
}

/**
 * The school-wide roster and already-captured lists (optional): upload, replace, remove (after a
 * confirmation: the roster holds every student's ID number), and every college's latest rows the
 * engine flags against them. The table shows no ID number; the engine's messages name only a 学号 or
 * the last digits of an ID.
 */
export function SchoolListsPanel({ api }: { api: DeskApi }) {
  const s = useStyles();
  const calls = api.schoolLists;
  const loadLists = useCallback(() => calls.lists(), [calls]);
  const loadChecks = useCallback(() => calls.checks(), [calls]);
  const lists = useLoad(loadLists);
  const checks = useLoad(loadChecks);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [removing, setRemoving] = useState<SchoolListKind | undefined>();

  function reloadAll() {
    lists.reload();
    checks.reload();
  }

  async function upload(kind: SchoolListKind, file: File) {
    setBusy(true);
    setOutcome(undefined);
    const answer = await calls.upload(kind, file, file.name);
    setBusy(false);
    setOutcome(
      answer.ok
        ? { intent: "success", text: `${SCHOOL_LIST_NAMES[kind]}已上传：${answer.value.students} 人` }
        : { intent: "error", text: answer.message },
    );
    if (answer.ok) reloadAll();
  }

  async function remove(kind: SchoolListKind) {
    setBusy(true);
    const answer = await calls.remove(kind);
    setBusy(false);
    setRemoving(undefined);
    setOutcome(
      answer.ok
        ? { intent: "success", text: `${SCHOOL_LIST_NAMES[kind]}已删除` }
        : { intent: "error", text: answer.message },
    );
    if (answer.ok) reloadAll();
  }

  const current = lists.loaded.state === "ok" ? lists.loaded.value : undefined;
  const found = checks.loaded.state === "ok" ? checks.loaded.value : undefined;
  const anyList = !!current && (!!current.roster || !!current.captured);
  return (
    <div>
      <p>
        可选：上传全校学籍名单和已采集名单（.xlsx、.xls 或
        .csv），用与学院端相同的规则核对各学院最新提交的名单。
      </p>
      {lists.loaded.state === "error" && <Notice outcome={{ intent: "error", text: lists.loaded.message }} />}
      {KINDS.map((kind) => (
        <ListLine
          key={kind}
          kind={kind}
          lists={current}
          busy={busy || lists.loaded.state === "loading"}
          onUpload={(k, f) => void upload(k, f)}
          onRemove={setRemoving}
        />
      ))}
      {busy && <Spinner size="small" label="正在处理…" />}
      <Notice outcome={outcome} />

      <h3 className={s.heading}>核对结果</h3>
      <div className={s.list}>
        <Button onClick={checks.reload} disabled={checks.loaded.state === "loading"}>
          重新核对
        </Button>
        {found && (
          <span role="status">
            {!anyList
              ? "尚未上传全校名单"
              : found.length
                ? `发现 ${found.length} 处与全校名单不符`
                : "各学院名单与全校名单一致"}
          </span>
        )}
      </div>
      {checks.loaded.state === "loading" && <Spinner size="small" label="正在核对各学院名单…" />}
      {checks.loaded.state === "error" && (
        <Notice outcome={{ intent: "error", text: checks.loaded.message }} />
      )}
      {found && found.length > 0 && (
        <Table size="small" aria-label="全校名单核对结果">
          <TableHeader>
            <TableRow>
              {["学院", "名单行号", "学号", "姓名", "问题"].map((h) => (
                <TableHeaderCell key={h} scope="col">
                  {h}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {found.slice(0, SHOWN).map((c, i) => (
              <TableRow key={i}>
                <TableCell>{c.college}</TableCell>
                <TableCell>{c.row}</TableCell>
                <TableCell>{c.studentNo || "—"}</TableCell>
                <TableCell>{c.name || "—"}</TableCell>
                <TableCell>{c.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {found && found.length > SHOWN && <p>另有 {found.length - SHOWN} 处未列出。</p>}

      <Dialog open={!!removing} onOpenChange={(_, d) => !d.open && setRemoving(undefined)}>
        <DialogSurface aria-describedby={undefined}>
          <DialogBody>
            <DialogTitle>删除{removing ? SCHOOL_LIST_NAMES[removing] : ""}</DialogTitle>
            <DialogContent>
              <p>
                删除后服务器上不再保存这份名单（其中有全体学生的身份证号），核对结果也不再包括它。需要时可重新上传。确定删除吗？
              </p>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setRemoving(undefined)}>
                取消
              </Button>
              <Button appearance="primary" disabled={busy} onClick={() => removing && void remove(removing)}>
                确定删除
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
