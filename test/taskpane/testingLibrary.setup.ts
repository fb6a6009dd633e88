/**
 * Jest setup (jest.config.js setupFilesAfterEnv) for every test file; acts only under jsdom.
 * Pane tests wait on explicit promises and page states, never on the clock. Testing Library's default
 * 1 s budget for waitFor/findBy is a wall-clock limit that a busy 2-core machine overruns, so it is
 * raised here, once, as a safety net below jest's own per-test timeout: a wait that never holds still
 * fails, with Testing Library's description of the DOM, rather than jest's bare timeout.
 */
if (typeof document !== "undefined") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configure } = require("@testing-library/react") as typeof import("@testing-library/react");
  configure({ asyncUtilTimeout: 20_000 });
}
