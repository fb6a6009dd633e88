import type { CliIO } from "../../src/cli/io";

/** A CliIO that records what a command prints, for running commands in-process. */
export function fakeIO(cwd: string): CliIO & { out: string; err: string } {
  const r = {
    out: "",
    err: "",
    isTTY: false,
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
