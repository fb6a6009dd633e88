/** What a command may touch besides files: injected so tests can run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr is a terminal: progress lines are shown only then. */
  isTTY: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

/**
 * Unusable input or a bad invocation: exit status 2 with one line on stderr, Chinese then English,
 * and nothing written.
 */
export class UnusableInputError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
    this.name = "UnusableInputError";
  }
}

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_UNUSABLE = 2;
