import type { PollDelay } from "../../src/taskpane/useSend";

/**
 * The send flow's wait between status polls, stepped by the test: the pane's delay stays pending until
 * release(), and `waiting()` resolves as soon as the pane has asked for one. No timer is involved.
 */
export class ManualDelay {
  /** Every interval the pane asked for, in order. */
  readonly requested: number[] = [];
  private readonly pending: (() => void)[] = [];
  private readonly waiters: (() => void)[] = [];

  readonly delay: PollDelay = (ms) =>
    new Promise<void>((resolve) => {
      this.requested.push(ms);
      this.pending.push(resolve);
      for (const w of this.waiters.splice(0)) w();
    });

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Resolves once the pane is waiting (at once if it already is). */
  waiting(): Promise<void> {
    if (this.pending.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Ends the oldest pending wait. */
  release(): void {
    const next = this.pending.shift();
    if (!next) throw new Error("the pane is not waiting between polls");
    next();
  }
}
