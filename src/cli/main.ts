import { runCli } from "./run";
import type { CliIO } from "./io";

const io: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
  // `npm run cli` runs in the project root; file names the user typed are relative to where they typed them.
  cwd: (process.env.npm_lifecycle_event === "cli" && process.env.INIT_CWD) || process.cwd(),
  env: process.env,
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
