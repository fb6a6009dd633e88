import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** The server as its own process (`npm run serve`'s entry), for SIGKILL and SIGTERM tests. */
export function spawnServer(env: Record<string, string>): {
  child: ChildProcess;
  port: Promise<number>;
  output: () => string;
  /** Resolves when the child logs a line matching `pattern` (its log is the only signal it gives). */
  untilLog: (pattern: RegExp) => Promise<void>;
} {
  // `node --import tsx` rather than `npx tsx`: one process, so SIGKILL hits the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const untilLog = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(out)) return;
        child.stdout!.off("data", check);
        resolve();
      };
      child.stdout!.on("data", check);
      child.once("exit", () => reject(new Error(`server exited before logging ${pattern}: ${out}`)));
      check();
    });
  const port = new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString("utf8");
      const m = /"port":(\d+).*"msg":"listening"/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr!.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return { child, port, output: () => out, untilLog };
}
