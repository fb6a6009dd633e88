import type { PaymentInput } from "./deskApi";

/** The fee desk's form as typed, and its check: a payment the server receives is already well-formed. */

export interface PaymentDraft {
  amount: string;
  vouchers: string;
  by: string;
  note: string;
}

export type PaymentErrors = Partial<Record<keyof PaymentDraft, string>>;

export const EMPTY_PAYMENT: PaymentDraft = { amount: "", vouchers: "", by: "", note: "" };

/**
 * 元: an integer or up to 2 decimals, no thousands separators (a typo there changes the sum). A minus
 * corrects an earlier entry (the server keeps every entry; nothing is edited or deleted).
 */
const AMOUNT = /^(-?)(\d{1,9})(?:\.(\d{1,2}))?$/;
const MAX_AMOUNT_FEN = 10_000_000 * 100;
const MAX_BY = 40;
const MAX_NOTE = 200;

/** Full-width digits, point and minus (a Chinese input method's) read as ASCII. */
function ascii(s: string): string {
  return s
    .replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u2212/g, "-")
    .trim();
}

/** The payment to send, or the reason for each wrong field. */
export function checkPayment(draft: PaymentDraft): { payment: PaymentInput } | { errors: PaymentErrors } {
  const errors: PaymentErrors = {};
  const amountText = ascii(draft.amount);
  const m = AMOUNT.exec(amountText);
  let fen = 0;
  if (!amountText) errors.amount = "请填写金额";
  else if (!m) errors.amount = "金额应为数字，最多两位小数，如 1300 或 1300.50";
  else {
    fen = (Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"))) * (m[1] ? -1 : 1);
    if (fen === 0) errors.amount = "金额不能为 0";
    else if (Math.abs(fen) > MAX_AMOUNT_FEN) errors.amount = "金额超过 1000 万元，请核对";
  }

  const vouchersText = ascii(draft.vouchers);
  if (!vouchersText) errors.vouchers = "请填写发放的拍照凭证张数";
  else if (!/^-?\d{1,5}$/.test(vouchersText)) errors.vouchers = "凭证张数应为整数";

  const by = draft.by.trim();
  if (!by) errors.by = "请填写经办人";
  else if (by.length > MAX_BY) errors.by = `经办人不超过 ${MAX_BY} 个字`;

  const note = draft.note.trim();
  if (note.length > MAX_NOTE) errors.note = `备注不超过 ${MAX_NOTE} 个字`;

  if (Object.keys(errors).length) return { errors };
  const payment: PaymentInput = { amount: fen / 100, vouchers: Number(vouchersText), by };
  if (note) payment.note = note;
  return { payment };
}
