// Flat config: TypeScript rules + Prettier as a lint rule, so formatting drift fails `npm test`.
import tseslint from "typescript-eslint";
import prettier from "eslint-plugin-prettier/recommended";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "build/", "coverage/", "data/", "test/fixtures/", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The rule engine is pure: it must run unchanged in the pane, the CLI and the server.
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*", "fs", "path", "os", "crypto", "buffer", "child_process"], message: "src/domain is pure: no Node APIs." },
            { group: ["exceljs", "@e965/xlsx", "iconv-lite", "react", "react-dom", "@fluentui/*"], message: "src/domain is pure: adapters live elsewhere." },
            { group: ["../files/*", "../excel/*", "../cli/*", "../server/*", "../taskpane/*"], message: "src/domain must not depend on adapters." },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Office", "Excel", "document", "window", "process", "Buffer"],
    },
  },
);
