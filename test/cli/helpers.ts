import { join } from "node:path";
import type { CliIO } from "../../src/cli/io";
import { runCli } from "../../src/cli/run";

export const ROOT = join(__dirname, "..", "..");
export const FIX = join(ROOT, "test", "fixtures");

/** A CliIO that records what a command prints, for running commands in-process. */
export function fakeIO(cwd: string, opts: { isTTY?: boolean } = {}): CliIO & { out: string; err: string } {
  const r = {
    out: "",
    err: "",
    isTTY: opts.isTTY ?? false,
    cwd,
    env: {},
    stdout(t: string) {
      r.out += t;
    },
    stderr(t: string) {
      r.err += t;
    },
  };
  return r;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], opts: { cwd?: string; isTTY?: boolean }): Promise<CliRun> {
  const io = fakeIO(opts.cwd ?? ROOT, { isTTY: opts.isTTY });
  const code = await runCli(argv, io);
  return { code, stdout: io.out, stderr: io.err };
}

/** The command line in-process, as `npm run --silent cli -- …` runs it (working directory: the root). */
export const cli = Object.assign((...argv: string[]) => run(argv, {}), {
  /** With stderr on a terminal (progress lines shown). */
  tty: (...argv: string[]) => run(argv, { isTTY: true }),
  /** From another working directory (relative paths resolve against it). */
  in: (cwd: string, ...argv: string[]) => run(argv, { cwd }),
});

export interface JsonReport {
  summary: { rows: number; errors: number; warnings: number };
  problems: { row: number; column: string; code: string; severity: string; message: string; fix?: string }[];
}

export function json(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}
