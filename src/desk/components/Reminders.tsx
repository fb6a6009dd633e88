import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import type { DeskApi, ReminderPreview } from "../deskApi";
import { Notice, type Outcome } from "./Notice";

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0`, paddingInlineStart: tokens.spacingHorizontalXL },
});

/**
 * Reminders to the colleges that have not submitted: the server's dry run (who would get one, and who
 * has no stored e-mail) is shown first; only the confirmation sends.
 */
export function Reminders(props: { api: DeskApi; onOutcome(outcome: Outcome): void }) {
  const s = useStyles();
  const restoreFocus = useRestoreFocusTarget();
  const [preview, setPreview] = useState<ReminderPreview | undefined>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();

  async function open() {
    if (busy) return;
    setBusy(true);
    const answer = await props.api.previewReminders();
    setBusy(false);
    if (!answer.ok) {
      props.onOutcome({ intent: "error", text: answer.message });
      return;
    }
    setFailure(undefined);
    setPreview(answer.value);
  }

  async function send() {
    if (busy) return;
    setBusy(true);
    const answer = await props.api.sendReminders();
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.message);
      return;
    }
    setPreview(undefined);
    const { queued, alreadyToday } = answer.value;
    const skipped = alreadyToday.length ? `；${alreadyToday.join("、")}今天已提醒过，未重复发送` : "";
    props.onOutcome({ intent: "success", text: `已排队发送 ${queued} 封催交提醒邮件${skipped}` });
  }

  const count = preview?.recipients.length ?? 0;
  return (
    <>
      <Button {...restoreFocus} disabled={busy && !preview} onClick={() => void open()}>
        {busy && !preview ? "正在查看收件人…" : "催交提醒…"}
      </Button>
      <Dialog open={!!preview} onOpenChange={(_, d) => !d.open && setPreview(undefined)}>
        <DialogSurface aria-describedby={undefined}>
          <DialogBody>
            <DialogTitle>催交提醒</DialogTitle>
            <DialogContent>
              {preview && count === 0 && <p>没有可以发送提醒的学院。</p>}
              {preview && count > 0 && (
                <>
                  <p>将给以下 {count} 个未提交的学院发送提醒（发往学院保存的邮箱）：</p>
                  <ul className={s.list} aria-label="提醒收件人">
                    {preview.recipients.map((r) => (
                      <li key={r.college}>
                        {r.college}：{r.email}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {preview && preview.missing.length > 0 && (
                <>
                  <p>以下 {preview.missing.length} 个未提交的学院没有保存邮箱，无法提醒，请电话联系：</p>
                  <ul className={s.list} aria-label="没有邮箱的学院">
                    {preview.missing.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </>
              )}
              <Notice outcome={failure ? { intent: "error", text: failure } : undefined} />
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setPreview(undefined)}>
                取消
              </Button>
              <Button appearance="primary" disabled={busy || count === 0} onClick={() => void send()}>
                {busy ? "正在发送…" : `确认发送 ${count} 封提醒`}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
