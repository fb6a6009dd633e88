/**
 * Builds the Excel add-in (taskpane.html), the browser preview (preview.html), the web version
 * (web.html), the graduate school's desk (desk.html) and the secretaries' guide (guide.html) into dist/.
 *
 *   npm run build       production: minified, office.js from Microsoft's CDN, URLs → ADDIN_BASE_URL
 *   npm run build:dev   development: readable, office.js copied from @microsoft/office-js
 *   npm start           dev server on https://localhost:3000 (http when no dev certificate exists)
 *
 * `--env outputPath=DIR` builds elsewhere (the e2e test), `--env quiet` skips the size report.
 * ExcelJS stays out of the initial chunks: the adapter imports src/files/writeWorkbook dynamically.
 */
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const ROOT = __dirname;
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_LOCAL = "office-js/office.js";
const OFFICE_JS_DIR = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const DEV_PORT = 3000;

/** scripts/addinUrls.ts: jest resolves .ts itself; plain Node needs tsx to load it. */
function loadAddinUrls() {
  try {
    return require("./scripts/addinUrls");
  } catch {
    return require("tsx/cjs/api").require("./scripts/addinUrls.ts", __filename);
  }
}

/** src/guide/renderGuide.ts renders guide.html from the engine's messages (tsx where plain Node runs this). */
function loadGuide() {
  try {
    return require("./src/guide/renderGuide");
  } catch {
    return require("tsx/cjs/api").require("./src/guide/renderGuide.ts", __filename);
  }
}

/** The preview page's <style> (layout and emulated worksheet): web.html reuses it instead of a copy. */
function previewStyles() {
  const html = fs.readFileSync(path.join(ROOT, "src", "preview", "preview.html"), "utf8");
  const match = /<style>([\s\S]*?)<\/style>/.exec(html);
  if (!match) throw new Error("src/preview/preview.html has no <style> block for web.html");
  return match[1];
}

/** office-addin-dev-certs is optional (installing its CA needs admin rights): http when it is absent. */
async function devHttpsOptions() {
  try {
    const certs = require("office-addin-dev-certs");
    return await certs.getHttpsServerOptions();
  } catch {
    return undefined;
  }
}

/** Prints each entry's initial JavaScript, raw and gzip; writes the same figures to sizes.json. */
class InitialSizeReport {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("InitialSizeReport", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "InitialSizeReport", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const report = {};
          for (const [name, entry] of compilation.entrypoints) {
            const files = new Set();
            for (const chunk of entry.chunks)
              for (const f of chunk.files) if (f.endsWith(".js")) files.add(f);
            let raw = 0;
            let gzip = 0;
            for (const file of files) {
              const source = compilation.getAsset(file).source.buffer();
              raw += source.length;
              gzip += zlib.gzipSync(source, { level: 9 }).length;
            }
            report[name] = { files: [...files], raw, gzip };
          }
          compilation.emitAsset("sizes.json", new sources.RawSource(JSON.stringify(report, null, 2)));
          const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
          const lines = Object.entries(report).map(
            ([name, r]) =>
              `  ${name.padEnd(9)} ${kb(r.gzip).padStart(10)} gzip  (${kb(r.raw)} raw, ${r.files.length} files)`,
          );
          console.log(
            `\nInitial JavaScript per entry (${compiler.options.mode} build):\n${lines.join("\n")}\n`,
          );
        },
      );
    });
  }
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || env.mode || "production";
  const production = mode === "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const outputPath = env.outputPath ? path.resolve(env.outputPath) : path.join(ROOT, "dist");
  const { DEV_BASE_URL, productionBaseUrl, rewriteManifest } = loadAddinUrls();

  const baseUrl = production ? productionBaseUrl(process.env) : undefined;
  if (production && !baseUrl && !env.quiet) {
    console.warn(
      `ADDIN_BASE_URL is not set: dist/manifest.xml keeps ${DEV_BASE_URL}. ` +
        "Set it to the HTTPS address the add-in is served from, e.g. ADDIN_BASE_URL=https://addin.example.edu.cn npm run build",
    );
  }
  const rewrite = (text) => (baseUrl ? rewriteManifest(text, baseUrl) : text);

  const https = serving ? await devHttpsOptions() : undefined;

  // The preview and tests always use the packaged office.js; a development taskpane does too.
  // Production needs only office.js and its string tables for the preview page; the Excel host
  // scripts (several MB) are copied for development builds only, where a sideloaded pane uses them.
  const officeJsPatterns = [
    { from: path.join(OFFICE_JS_DIR, "office.js"), to: "office-js/office.js" },
    {
      from: path.join(OFFICE_JS_DIR, "zh-cn"),
      to: "office-js/zh-cn",
      globOptions: { ignore: ["**/*.debug.js"] },
    },
    {
      from: path.join(OFFICE_JS_DIR, "en-us"),
      to: "office-js/en-us",
      globOptions: { ignore: ["**/*.debug.js"] },
    },
  ];
  if (!production) {
    officeJsPatterns.push({
      from: "*.js",
      context: OFFICE_JS_DIR,
      to: "office-js/[name][ext]",
      globOptions: {
        ignore: ["**/*.debug.js", "**/office.js", "**/office-vsdoc.js", "**/outlook*", "**/word*"],
      },
    });
    for (const dir of ["telemetry", "ariatelemetry"]) {
      if (fs.existsSync(path.join(OFFICE_JS_DIR, dir))) {
        officeJsPatterns.push({ from: path.join(OFFICE_JS_DIR, dir), to: `office-js/${dir}` });
      }
    }
  }

  /** @type {import('webpack').Configuration} */
  const config = {
    mode,
    context: ROOT,
    target: ["web", "es2017"],
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
    entry: {
      taskpane: "./src/taskpane/office.tsx",
      preview: "./src/preview/main.tsx",
      desk: "./src/desk/main.tsx",
      web: "./src/web/main.tsx",
    },
    output: {
      path: outputPath,
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".tsx", ".ts", ".js", ".mjs", ".json"],
      // ExcelJS resolves to its self-contained browser bundle and SheetJS maps these to false itself;
      // nothing else in the browser code needs a Node core module, so none is polyfilled.
      fallback: {
        fs: false,
        path: false,
        os: false,
        crypto: false,
        stream: false,
        buffer: false,
        process: false,
      },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              configFile: path.join(ROOT, "tsconfig.json"),
              // ES modules so that import() becomes a lazily loaded chunk instead of a require.
              compilerOptions: {
                module: "esnext",
                moduleResolution: "bundler",
                target: "es2017",
                sourceMap: true,
              },
            },
          },
        },
      ],
    },
    performance: {
      // The pane's goal is 300 KB gzip of initial JavaScript (printed after each build); the lazily
      // loaded ExcelJS chunk is expected to be large.
      hints: false,
    },
    optimization: {
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          // React and Fluent change rarely: a long-cached chunk shared by the pane and the preview.
          ui: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel|tabster|keyborg|@floating-ui|@swc|tslib|use-sync-external-store|@emotion)[\\/]/,
            name: "ui",
            chunks: "initial",
            priority: 20,
          },
          // ExcelJS only ever loads on demand (the submission file).
          exceljs: {
            test: /[\\/]node_modules[\\/]exceljs[\\/]/,
            name: "exceljs",
            chunks: "async",
            priority: 30,
            enforce: true,
          },
        },
      },
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        // The page's ES5 check loads the bundles itself, only where the web view can run them.
        inject: false,
        templateParameters: { officeJs: production ? OFFICE_JS_CDN : OFFICE_JS_LOCAL },
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/preview/preview.html",
        chunks: ["preview"],
        templateParameters: { officeJs: OFFICE_JS_LOCAL },
      }),
      // The add-in's SupportUrl: a page without script, in Chinese.
      new HtmlWebpackPlugin({
        filename: "support.html",
        template: "./src/support/support.html",
        inject: false,
      }),
      // The secretaries' guide (issue 11 §5): rendered at build time from the message module, no script.
      new HtmlWebpackPlugin({
        filename: "guide.html",
        templateContent: () => loadGuide().renderGuide(),
        inject: false,
      }),
      // The graduate school's desk (issue 10), served by the host server beside the add-in.
      new HtmlWebpackPlugin({ filename: "desk.html", template: "./src/desk/desk.html", chunks: ["desk"] }),
      // The web version (issue 11 §1): the pane without Excel, styled like the preview it grows from.
      new HtmlWebpackPlugin({
        filename: "web.html",
        template: "./src/web/web.html",
        chunks: ["web"],
        templateParameters: { previewStyles: previewStyles() },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => rewrite(content.toString("utf8")),
          },
          ...officeJsPatterns,
        ],
      }),
      ...(env.quiet ? [] : [new InitialSizeReport()]),
    ],
    devServer: {
      port: Number(process.env.PORT) || DEV_PORT,
      host: "localhost",
      static: { directory: outputPath, watch: false },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : "http",
      client: { overlay: { warnings: false, errors: true } },
      hot: false,
      open: false,
      onListening: (devServer) => {
        const port = devServer.server.address().port;
        const scheme = https ? "https" : "http";
        console.log(
          `\n采集名单助手 dev server: ${scheme}://localhost:${port}/taskpane.html (preview: /preview.html)`,
        );
        if (!https) {
          console.log(
            [
              "No trusted development certificate (office-addin-dev-certs) was found, so this server speaks plain HTTP.",
              "Excel loads add-ins only over HTTPS: install one with `npx office-addin-dev-certs install` (needs admin rights),",
              "then run `npm start` again. Without Excel, `npm run preview` runs the whole flow in any browser.",
            ].join("\n"),
          );
        }
        console.log("Sideloading manifest.xml into Excel is described in docs/ADDIN.md.\n");
      },
    },
  };
  return config;
};
