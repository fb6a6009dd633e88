/**
 * `npm run preview`: builds the add-in in development mode when dist/ is missing or older than its
 * sources, then serves dist/ over plain HTTP on PORT (default 3001) — /preview.html runs the real pane
 * beside an emulated workbook in any browser. Also used by the e2e test (startStaticServer).
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import Fastify from "fastify";
import { registerStaticSite } from "../server/staticSite";
import { buildAddin, isBuildStale, ROOT } from "./build";

export interface StaticServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** dist/ through the host server's static site (safe path resolution, content types), "/" → the preview. */
export async function startStaticServer(opts: {
  root: string;
  port?: number;
  host?: string;
}): Promise<StaticServer> {
  const app = Fastify({ logger: false });
  await registerStaticSite(app, { root: resolve(opts.root), index: "/preview.html" });
  app.setNotFoundHandler((req, reply) =>
    req.method === "GET" || req.method === "HEAD"
      ? reply.code(404).type("text/plain; charset=utf-8").send("找不到该文件")
      : reply.code(405).type("text/plain; charset=utf-8").send("只支持 GET 请求"),
  );
  await app.listen({ port: opts.port ?? 0, host: opts.host ?? "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  const host = opts.host && opts.host !== "0.0.0.0" ? opts.host : "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    server: app.server,
    close: () => app.close(),
  };
}

async function main(): Promise<void> {
  const dist = join(ROOT, "dist");
  if (isBuildStale(dist)) {
    console.log("正在构建预览（开发模式）… / building the preview (development mode)");
    const { durationMs } = await buildAddin({ mode: "development", quiet: true });
    console.log(`构建完成，用时 ${(durationMs / 1000).toFixed(1)} 秒`);
  }
  const port = process.env.PORT ? Number(process.env.PORT) : 3001;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT 不是有效的端口号：${process.env.PORT} (invalid PORT)`);
    process.exit(2);
  }
  const { url } = await startStaticServer({ root: dist, port, host: process.env.HOST ?? "127.0.0.1" });
  console.log(`预览已启动：${url}/preview.html  (Ctrl+C 停止)`);
  console.log(`网页版（打开自己的名单）：${url}/web.html`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    const busy = (e as NodeJS.ErrnoException)?.code === "EADDRINUSE";
    console.error(busy ? `端口已被占用，请用 PORT=… 换一个端口 (${message})` : `预览无法启动 (${message})`);
    process.exit(1);
  });
}
