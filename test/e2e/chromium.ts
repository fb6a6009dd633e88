import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import type { CapturePreview } from "../../src/preview/session";

/**
 * Debian's headless Chromium for the end-to-end tests (playwright-core brings no browser). Outside CI
 * a machine without /usr/bin/chromium skips these tests with a message; in CI a missing browser fails.
 */

export const CHROMIUM = "/usr/bin/chromium";

const canRun = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!canRun) {
  console.warn(
    `end-to-end tests skipped: ${CHROMIUM} is missing (install Debian's chromium package to run them)`,
  );
}

/** `describe` when Chromium can run, `describe.skip` otherwise. */
export const describeE2e: jest.Describe = canRun ? describe : describe.skip;

/** The flags every test starts Chromium with: no sandbox (root in CI), no GPU, no background traffic. */
export const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

declare global {
  interface Window {
    capturePreview?: CapturePreview;
  }
}
