import { useEffect, useRef, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import type { CollegeRow, DeskApi } from "../deskApi";
import { formatFen, toFen } from "../format";
import { checkPayment, EMPTY_PAYMENT, type PaymentDraft, type PaymentErrors } from "../paymentForm";
import { Notice } from "./Notice";

const useStyles = makeStyles({
  fields: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

/** The fee desk: one payment of one college (amount, vouchers handed out, who took it, a note). */
export function PaymentDialog(props: {
  api: DeskApi;
  row: CollegeRow | undefined;
  onClose(): void;
  /** The payment was registered: the page reloads the table and says so. */
  onSaved(text: string): void;
}) {
  const s = useStyles();
  const { row } = props;
  const [draft, setDraft] = useState<PaymentDraft>(EMPTY_PAYMENT);
  const [errors, setErrors] = useState<PaymentErrors>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const shown = useRef(row);
  if (row) shown.current = row;
  const college = shown.current?.college ?? "";

  useEffect(() => {
    if (!row) return;
    setDraft(EMPTY_PAYMENT);
    setErrors({});
    setFailure(undefined);
  }, [row]);

  async function submit() {
    if (busy || !row) return;
    const checked = checkPayment(draft);
    setFailure(undefined);
    if ("errors" in checked) {
      setErrors(checked.errors);
      setFailure("缴费没有登记：请改正标出的项");
      return;
    }
    setErrors({});
    setBusy(true);
    const answer = await props.api.registerPayment(row.college, checked.payment);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.message);
      return;
    }
    props.onSaved(
      `已为${row.college}登记缴费 ${formatFen(toFen(checked.payment.amount))} 元，发放凭证 ${checked.payment.vouchers} 张`,
    );
  }

  const field = (key: keyof PaymentDraft) => ({
    validationState: errors[key] ? ("error" as const) : ("none" as const),
    validationMessage: errors[key],
  });
  const set = (key: keyof PaymentDraft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const facts = shown.current;

  return (
    <Dialog open={!!row} onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form
          aria-label={`登记缴费：${college}`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>登记缴费 · {college}</DialogTitle>
            <DialogContent className={s.fields}>
              {facts && (
                <p>
                  {facts.students} 人，应缴 {formatFen(toFen(facts.feeDue))} 元，已登记{" "}
                  {formatFen(toFen(facts.feePaid))} 元。
                </p>
              )}
              <Field
                label="金额（元）"
                required
                hint="整数或两位小数，如 1300 或 1300.50；登记错了可填负数冲正"
                {...field("amount")}
              >
                <Input inputMode="decimal" value={draft.amount} onChange={(_, d) => set("amount")(d.value)} />
              </Field>
              <Field label="发放拍照凭证（张）" required {...field("vouchers")}>
                <Input
                  inputMode="numeric"
                  value={draft.vouchers}
                  onChange={(_, d) => set("vouchers")(d.value)}
                />
              </Field>
              <Field label="经办人" required {...field("by")}>
                <Input value={draft.by} onChange={(_, d) => set("by")(d.value)} />
              </Field>
              <Field label="备注" {...field("note")}>
                <Textarea resize="vertical" value={draft.note} onChange={(_, d) => set("note")(d.value)} />
              </Field>
              <Notice outcome={failure ? { intent: "error", text: failure } : undefined} />
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={props.onClose}>
                取消
              </Button>
              <Button type="submit" appearance="primary" disabled={busy}>
                {busy ? "正在登记…" : "登记"}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
