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
  Spinner,
  tokens,
} from "@fluentui/react-components";
import type { DeskApi, StudentBrief, SubmissionChanges, SubmissionEntry } from "../deskApi";
import { formatChinaTime, SUBMISSION_STATUS_LABELS } from "../format";
import { Notice, type Outcome } from "./Notice";

const useStyles = makeStyles({
  surface: { maxWidth: "min(56rem, 96vw)" },
  entry: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingBlock: tokens.spacingVerticalS,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { margin: `${tokens.spacingVerticalXS} 0`, paddingInlineStart: tokens.spacingHorizontalXL },
  fields: { borderCollapse: "collapse", "& th, & td": { textAlign: "start", paddingInlineEnd: "1rem" } },
});

/** Names per list in the dialog; a resubmission may add thousands of students, the rest is counted. */
const SHOWN = 100;

const who = (s: StudentBrief) => (s.studentNo ? `${s.name || "（无姓名）"}（${s.studentNo}）` : s.name);

function Names(props: { label: string; students: readonly StudentBrief[] }) {
  const s = useStyles();
  if (!props.students.length) return null;
  const shown = props.students.slice(0, SHOWN);
  const more = props.students.length - shown.length;
  return (
    <>
      <p>
        {props.label} {props.students.length} 人：
      </p>
      <ul className={s.list}>
        {shown.map((st, i) => (
          <li key={i}>{who(st)}</li>
        ))}
        {more > 0 && <li>另有 {more} 人未列出</li>}
      </ul>
    </>
  );
}

function Changes({ changes }: { changes: SubmissionChanges | undefined }) {
  const s = useStyles();
  if (!changes) return <p>首次提交</p>;
  const { added, removed, changed } = changes;
  if (!added.length && !removed.length && !changed.length) return <p>与上一次提交相同</p>;
  const shown = changed.slice(0, SHOWN);
  return (
    <>
      <Names label="新增" students={added} />
      <Names label="删除" students={removed} />
      {changed.length > 0 && (
        <>
          <p>修改 {changed.length} 人：</p>
          <table className={s.fields}>
            <thead>
              <tr>
                <th scope="col">学生</th>
                <th scope="col">项目</th>
                <th scope="col">原来</th>
                <th scope="col">现在</th>
              </tr>
            </thead>
            <tbody>
              {shown.flatMap((c, i) =>
                c.fields.map((f, j) => (
                  <tr key={`${i}-${j}`}>
                    <td>{j === 0 ? who(c) : ""}</td>
                    <td>{f.field}</td>
                    <td>{f.before || "（空）"}</td>
                    <td>{f.after || "（空）"}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          {changed.length > SHOWN && <p>另有 {changed.length - SHOWN} 人的修改未列出</p>}
        </>
      )}
    </>
  );
}

/** A college's submissions, newest first, each with what it changed against the one before. */
export function HistoryDialog(props: {
  api: DeskApi;
  college: string | undefined;
  saveFile(blob: Blob, fileName: string): void;
  onClose(): void;
}) {
  const s = useStyles();
  const { api, college } = props;
  const [entries, setEntries] = useState<SubmissionEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [downloading, setDownloading] = useState<string | undefined>();
  // The title stays while the dialog closes (its animation outlives the college).
  const shown = useRef(college);
  if (college) shown.current = college;

  useEffect(() => {
    if (!college) return;
    let live = true;
    setEntries(undefined);
    setError(undefined);
    setOutcome(undefined);
    void api.submissions(college).then((answer) => {
      if (!live) return;
      if (answer.ok) {
        const sorted = [...answer.value].sort(
          (a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt),
        );
        setEntries(sorted);
      } else setError(answer.message);
    });
    return () => {
      live = false;
    };
  }, [api, college]);

  /** The list as the college sent it (the server records the download: it holds every ID number). */
  async function download(entry: SubmissionEntry) {
    if (downloading || !college) return;
    setDownloading(entry.id);
    const answer = await api.downloadSubmission(entry.id, `${college}_${entry.students}人.xlsx`);
    setDownloading(undefined);
    if (!answer.ok) {
      setOutcome({ intent: "error", text: answer.message });
      return;
    }
    props.saveFile(answer.value.blob, answer.value.fileName);
    setOutcome({ intent: "success", text: `已下载 ${answer.value.fileName}` });
  }

  return (
    <Dialog open={!!college} onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface className={s.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{shown.current} · 提交历史</DialogTitle>
          <DialogContent>
            {error && <Notice outcome={{ intent: "error", text: error }} />}
            <Notice outcome={outcome} />
            {!error && !entries && <Spinner size="small" label="正在读取提交历史…" />}
            {entries && entries.length === 0 && <p>该学院还没有提交过名单</p>}
            {entries?.map((e, i) => (
              <section key={e.id} className={s.entry} aria-label={`${formatChinaTime(e.submittedAt)} 的提交`}>
                <h3 className={s.heading}>
                  {formatChinaTime(e.submittedAt)} · {e.students} 人 · {SUBMISSION_STATUS_LABELS[e.status]}
                  {i === 0 && entries.length > 1 ? "（最新，以此为准）" : ""}
                </h3>
                <Changes changes={e.changes} />
                <Button
                  size="small"
                  aria-label={`下载这份名单（${formatChinaTime(e.submittedAt)}）`}
                  disabled={!!downloading}
                  onClick={() => void download(e)}
                >
                  下载这份名单
                </Button>
              </section>
            ))}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={props.onClose}>
              关闭
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
