// `npm run cli -- …`: runs the compiled command line (build/cli/, made by `npm ci` through "prepare").
// When a source it was compiled from is newer than the build (an edited checkout), it is rebuilt first,
// so the command never runs stale code. The check is a stat per source file: about a millisecond.
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const MAIN = join(ROOT, "build", "cli", "main.mjs");

function isStale() {
  let built;
  let inputs;
  try {
    built = statSync(MAIN).mtimeMs;
    inputs = JSON.parse(readFileSync(join(ROOT, "build", "cli", "inputs.json"), "utf8"));
  } catch {
    return true;
  }
  for (const file of inputs) {
    try {
      if (statSync(join(ROOT, file)).mtimeMs > built) return true;
    } catch {
      return true;
    }
  }
  return false;
}

if (isStale()) {
  try {
    const { buildCli } = await import("./build-cli.mjs");
    await buildCli();
  } catch (e) {
    process.stderr.write(
      `命令行未能编译，请先运行 npm ci (could not compile the CLI: ${e instanceof Error ? e.message : e})\n`,
    );
    process.exit(2);
  }
}
await import(pathToFileURL(MAIN).href);
