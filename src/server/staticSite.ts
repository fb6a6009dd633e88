import { promises as fs } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * The add-in's files (dist/) over @fastify/static, for the host server and the preview. The path is
 * resolved here first — decoded once, no dot-segments or hidden files, and a symlink must not lead out of
 * the root — and only then handed to sendFile (content type, Last-Modified, ranges, HEAD).
 */

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".csv": "text/csv; charset=utf-8",
};

/** Our content type for the files the add-in ships (charset stated); others are left to @fastify/send. */
export function contentTypeFor(file: string): string | undefined {
  return CONTENT_TYPES[path.extname(file).toLowerCase()];
}

/**
 * Maps a URL path to a file under `root`, or undefined when it would leave it: decoded once,
 * no NUL, no backslash, no dot-segments after normalisation, no hidden files.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const segments = decoded.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === ".." || s.startsWith("."))) return undefined;
  const rel = segments.length ? segments.join("/") : "index.html";
  const full = path.resolve(root, rel);
  const base = path.resolve(root);
  if (full !== base && !full.startsWith(base + path.sep)) return undefined;
  return full;
}

/** The file to send (path relative to the real root), or undefined: missing, a directory without index, outside. */
async function findFile(root: string, urlPath: string): Promise<string | undefined> {
  let file = resolveStaticPath(root, urlPath);
  if (!file) return undefined;
  try {
    let stat = await fs.stat(file);
    if (stat.isDirectory()) {
      file = path.join(file, "index.html");
      stat = await fs.stat(file);
    }
    if (!stat.isFile()) return undefined;
    const [real, realRoot] = await Promise.all([fs.realpath(file), fs.realpath(root)]);
    if (!real.startsWith(realRoot + path.sep)) return undefined;
    return path.relative(realRoot, real);
  } catch {
    return undefined;
  }
}

export interface StaticSiteOptions {
  root: string;
  /** The page "/" shows (default index.html). */
  index?: string;
  /** Paths under this prefix are never files (the API's own 404). */
  exceptPrefix?: string;
}

/** GET/HEAD of every path not taken by another route; a miss goes to the app's not-found handler. */
export async function registerStaticSite(app: FastifyInstance, opts: StaticSiteOptions): Promise<void> {
  const root = path.resolve(opts.root);
  await app.register(fastifyStatic, {
    root,
    serve: false,
    cacheControl: false,
    etag: false,
    lastModified: true,
    serveDotFiles: false,
    setHeaders: (reply, file) => {
      const type = contentTypeFor(file);
      if (type) reply.header("Content-Type", type);
      reply.header("Cache-Control", "no-cache");
      reply.header("X-Content-Type-Options", "nosniff");
    },
  });
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const urlPath = req.url.split("?")[0].split("#")[0];
    if (opts.exceptPrefix && urlPath.startsWith(opts.exceptPrefix)) return reply.callNotFound();
    const rel = await findFile(root, urlPath === "/" && opts.index ? opts.index : urlPath);
    if (!rel) return reply.callNotFound();
    return reply.sendFile(rel, await fs.realpath(root));
  };
  app.get("/*", handler);
  app.get("/", handler);
}
