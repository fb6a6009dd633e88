/**
 * Runs webpack.config.js through webpack's Node API (the preview server and the e2e test build with it),
 * and decides whether dist/ is older than its sources.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import webpack from "webpack";
import type { Configuration, Stats } from "webpack";

export const ROOT = resolve(__dirname, "..", "..");

type ConfigFactory = (
  env: Record<string, string | boolean | undefined>,
  argv: { mode?: string },
) => Promise<Configuration>;

export interface BuildOptions {
  mode: "development" | "production";
  /** Defaults to dist/ in the project root. */
  outputPath?: string;
  /** No size report on stdout. */
  quiet?: boolean;
}

export async function buildAddin(opts: BuildOptions): Promise<{ outputPath: string; durationMs: number }> {
  const load = createRequire(__filename);
  const factory = load(join(ROOT, "webpack.config.js")) as ConfigFactory;
  const outputPath = opts.outputPath ?? join(ROOT, "dist");
  const config = await factory({ outputPath, quiet: opts.quiet }, { mode: opts.mode });
  const started = Date.now();
  const stats = await new Promise<Stats>((done, fail) => {
    webpack(config, (err, result) => {
      if (err || !result) fail(err ?? new Error("webpack returned no stats"));
      else done(result);
    });
  });
  if (stats.hasErrors()) {
    const errors = stats.toJson({ all: false, errors: true }).errors ?? [];
    throw new Error(`webpack build failed:\n${errors.map((e) => e.message).join("\n\n")}`);
  }
  return { outputPath, durationMs: Date.now() - started };
}

/** Newest modification time under the given files and folders (0 when none exists). */
function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) visit(join(p, name));
    } else {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const p of paths) visit(p);
  return newest;
}

/** The sources a build depends on (not tests, not the server or the CLI). */
export const BUILD_INPUTS = [
  "src",
  "assets",
  "manifest.xml",
  "webpack.config.js",
  "scripts/addinUrls.ts",
].map((p) => join(ROOT, p));

/** True when `dir` has no preview page or any build input changed after it was written. */
export function isBuildStale(dir: string, inputs: readonly string[] = BUILD_INPUTS): boolean {
  const page = join(dir, "preview.html");
  if (!existsSync(page)) return true;
  return newestMtime(inputs) > statSync(page).mtimeMs;
}
