/** The production build makes desk.html from its own template, with only the desk's scripts. */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

test("webpack builds desk.html from src/desk with the desk entry only", async () => {
  const load = createRequire(__filename);
  const factory = load(join(ROOT, "webpack.config.js")) as (
    env: Record<string, unknown>,
    argv: Record<string, unknown>,
  ) => Promise<{
    entry: Record<string, string>;
    plugins: {
      constructor: { name: string };
      userOptions?: { filename?: string; template?: string; chunks?: string[] };
    }[];
  }>;
  const config = await factory({ quiet: true }, { mode: "production" });
  expect(config.entry.desk).toBe("./src/desk/main.tsx");
  const page = config.plugins.find(
    (p) => p.constructor.name === "HtmlWebpackPlugin" && p.userOptions?.filename === "desk.html",
  );
  expect(page?.userOptions).toMatchObject({ template: "./src/desk/desk.html", chunks: ["desk"] });
  expect(existsSync(join(ROOT, "src/desk/desk.html"))).toBe(true);
  expect(existsSync(join(ROOT, "src/desk/main.tsx"))).toBe(true);
});
