import type { Campaign } from "../../domain";
import type { StoredSubmission } from "../db/deskQueries";
import type { PaymentTotal } from "../db/paymentStore";
import type { SubmissionStatus } from "../outbox";
import type { DeskCollege, DeskStatus } from "./deskTypes";

/** The desk's table: one entry per college of the campaign, from their latest submissions and payments. */

export function deskStatus(status: SubmissionStatus): Exclude<DeskStatus, "none"> {
  return status === "sending" ? "queued" : status;
}

/** Money to the fen (no 0.1 + 0.2 noise in a balance). */
export function yuan(x: number): number {
  return Math.round(x * 100) / 100;
}

export function collegeTable(
  campaign: Campaign,
  latest: ReadonlyMap<string, StoredSubmission>,
  counts: ReadonlyMap<string, number>,
  paid: ReadonlyMap<string, PaymentTotal>,
  withProfile: ReadonlySet<string>,
): DeskCollege[] {
  return campaign.colleges.map(({ name }) => {
    const sub = latest.get(name);
    const payment = paid.get(name);
    const feeDue = sub ? sub.meta.feeTotal : 0;
    const feePaid = yuan(payment?.amount ?? 0);
    const entry: DeskCollege = {
      college: name,
      status: sub ? deskStatus(sub.state.status) : "none",
      students: sub?.meta.headCount ?? 0,
      feeDue,
      feePaid,
      balance: yuan(feeDue - feePaid),
      vouchers: payment?.vouchers ?? 0,
      submissions: counts.get(name) ?? 0,
      byLevel: sub?.meta.byLevel ?? {},
      byMode: sub?.meta.byMode ?? {},
      byBatch: sub?.meta.byBatch ?? {},
      hasProfile: withProfile.has(name),
    };
    if (sub) {
      entry.submittedAt = sub.meta.createdAt;
      entry.submissionId = sub.meta.id;
      if (sub.state.lastError && sub.state.status !== "sent") entry.error = sub.state.lastError;
    }
    return entry;
  });
}
