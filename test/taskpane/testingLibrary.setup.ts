/**
 * Jest setup (jest.config.js setupFilesAfterEnv) for every test file; acts only under jsdom.
 * Pane tests wait on explicit promises and page states, never on the clock. Testing Library's default
 * 1 s budget for waitFor/findBy is a wall-clock limit that a busy 2-core machine overruns, so it is
 * raised here, once, as a safety net: a wait that never holds still fails, with Testing Library's
 * description of the DOM, before jest's per-test timeout (raised too, for the same reason) would.
 */
if (typeof document !== "undefined") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configure } = require("@testing-library/react") as typeof import("@testing-library/react");
  configure({ asyncUtilTimeout: 20_000 });
  // A pane test renders the whole pane (Fluent UI in jsdom), often several times over: with other
  // work on both cores one such test has taken over 30 s of wall time while waiting on nothing.
  jest.setTimeout(120_000);
}
