// Compiles the command line (src/cli/main.ts) into build/cli/ with esbuild: ES modules split per command,
// packages left in node_modules, so `--help` loads one small file and `check` never loads ExcelJS.
// Run by `npm ci` (the "prepare" script), by jest's global setup and by scripts/cli.mjs when a source
// file is newer than the build. Writes build/cli/inputs.json: the sources the build was made from.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join, relative } from "node:path";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CLI_DIR = join(ROOT, "build", "cli");
export const CLI_MAIN = join(CLI_DIR, "main.mjs");

export async function buildCli() {
  const esbuild = await import("esbuild");
  const staging = `${CLI_DIR}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: "src/cli/main.ts" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    splitting: true,
    outdir: staging,
    outExtension: { ".js": ".mjs" },
    packages: "external",
    metafile: true,
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(ROOT, p)));
  await writeFile(join(staging, "inputs.json"), JSON.stringify(inputs));
  // Swap the whole directory in, so a concurrent run never sees half of one build and half of another.
  await mkdir(dirname(CLI_DIR), { recursive: true });
  const old = `${CLI_DIR}.${process.pid}.old`;
  const { rename } = await import("node:fs/promises");
  await rename(CLI_DIR, old).catch(() => undefined);
  await rename(staging, CLI_DIR);
  await rm(old, { recursive: true, force: true });
  return inputs.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const n = await buildCli();
    if (!process.argv.includes("--quiet")) console.log(`build/cli: ${n} sources compiled`);
  } catch (e) {
    // A production install without devDependencies has no esbuild: say so, do not fail the install.
    console.error(`命令行未能编译 (could not compile the CLI): ${e instanceof Error ? e.message : e}`);
    process.exitCode = e?.code === "ERR_MODULE_NOT_FOUND" ? 0 : 1;
  }
}
