import type { Database, Statement } from "better-sqlite3";

/**
 * Fees registered at the desk (培养处): a college's payment, the number of 拍照凭证 handed out for it, who
 * registered it and when. Append only: a mistake is corrected by a further (negative) entry, so the
 * record of what was registered stays whole.
 */

export interface PaymentInput {
  college: string;
  /** 元; negative to correct an earlier entry. */
  amount: number;
  vouchers: number;
  /** Who took the payment at the desk. */
  paidBy: string;
  /** When it was paid (ISO 8601), as the desk says; defaults to recordedAt. */
  paidAt: string;
  note?: string;
}

export interface Payment extends PaymentInput {
  seq: number;
  recordedAt: string;
}

export interface PaymentTotal {
  amount: number;
  vouchers: number;
}

interface PaymentRow {
  seq: number;
  college: string;
  amount: number;
  vouchers: number;
  paid_by: string;
  paid_at: string;
  recorded_at: string;
  note: string | null;
}

function toPayment(r: PaymentRow): Payment {
  return {
    seq: r.seq,
    college: r.college,
    amount: r.amount,
    vouchers: r.vouchers,
    paidBy: r.paid_by,
    paidAt: r.paid_at,
    recordedAt: r.recorded_at,
    ...(r.note !== null ? { note: r.note } : {}),
  };
}

export class PaymentStore {
  private readonly insert: Statement;
  private readonly byCollege: Statement<[string], PaymentRow>;
  private readonly sums: Statement<[], { college: string; amount: number; vouchers: number }>;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO payments (college, amount, vouchers, paid_by, paid_at, recorded_at, note)
       VALUES (@college, @amount, @vouchers, @paidBy, @paidAt, @recordedAt, @note)`,
    );
    this.byCollege = db.prepare(`SELECT * FROM payments WHERE college = ? ORDER BY seq`);
    this.sums = db.prepare(
      `SELECT college, SUM(amount) AS amount, SUM(vouchers) AS vouchers FROM payments GROUP BY college`,
    );
  }

  add(input: PaymentInput, recordedAt: Date): Payment {
    const row = { ...input, note: input.note ?? null, recordedAt: recordedAt.toISOString() };
    const seq = Number(this.insert.run(row).lastInsertRowid);
    return { ...input, seq, recordedAt: row.recordedAt };
  }

  list(college: string): Payment[] {
    return this.byCollege.all(college).map(toPayment);
  }

  /** Sum of the amounts and vouchers registered, per college (one grouped pass over the table). */
  totals(): Map<string, PaymentTotal> {
    return new Map(this.sums.all().map((r) => [r.college, { amount: r.amount, vouchers: r.vouchers }]));
  }
}
