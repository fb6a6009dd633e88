import { useCallback, useRef, useState } from "react";
import { userMessage } from "./format";

export type ActionOutcome = { intent: "success" | "info" | "warning" | "error"; text: string };

/**
 * One button's life: busy while the host works, then its outcome in words. A second press while busy
 * is ignored (host writes are batched; two overlapping batches would only confuse the sheet).
 */
export function useAction<A extends unknown[]>(
  run: (...args: A) => Promise<ActionOutcome>,
  failure: string,
): {
  busy: boolean;
  outcome: ActionOutcome | undefined;
  trigger: (...args: A) => Promise<void>;
  clear(): void;
  /** Shows an outcome that did not come from `run` (a failed cell selection …), replacing the last. */
  report(outcome: ActionOutcome): void;
} {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();
  const running = useRef(false);
  const trigger = useCallback(
    async (...args: A) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setOutcome(undefined);
      try {
        setOutcome(await run(...args));
      } catch (e) {
        setOutcome({ intent: "error", text: userMessage(e, failure) });
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [run, failure],
  );
  const clear = useCallback(() => setOutcome(undefined), []);
  const report = useCallback((o: ActionOutcome) => setOutcome(o), []);
  return { busy, outcome, trigger, clear, report };
}
