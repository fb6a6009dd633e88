import type { Problem } from "../domain/problems";

/**
 * The JSON bodies of the submissions API (SPEC §8), shared by the server, the pane's send client
 * and the CLI's `send`. Types only: the pane imports this without pulling in any server code.
 */

/** What a status answer (and a 202) says; "sending" is internal and shows as "queued". */
export interface SubmissionStatusBody {
  id: string;
  status: "queued" | "sent" | "failed";
  attempts: number;
  messageId?: string;
  error?: string;
  note?: string;
  delivery?: "smtp" | "outbox";
  college: string;
  headCount: number;
  feeTotal: number;
  fileName: string;
  submitTo: string;
}

/** A 202: the status plus whether this file was already submitted today, and a Chinese message. */
export interface AcceptedBody extends SubmissionStatusBody {
  duplicate: boolean;
  message: string;
}

/** Every refusal: a Chinese message; a 422 also carries the engine's problems. */
export interface ErrorBody {
  message: string;
  problems?: Problem[];
}

/** Any answer, as a client that has not looked at the status code yet must read it. */
export type AnyBody = Partial<AcceptedBody> & Partial<ErrorBody>;
