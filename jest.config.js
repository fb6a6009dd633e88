/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  // @fastify/static requires content-disposition 3, an ES module Jest cannot require (Node 20 can): see the shim.
  moduleNameMapper: { "^content-disposition$": "<rootDir>/test/server/contentDisposition.cjs" },
  testTimeout: 30000,
  // Testing Library's wait budget for pane tests (jsdom only): see the file.
  setupFilesAfterEnv: ["<rootDir>/test/taskpane/testingLibrary.setup.ts"],
};
