import { promises as fs } from "node:fs";
import http from "node:http";
import path from "node:path";
import { contentTypeFor, resolveStaticPath } from "../../src/server/staticSite";
import type { RunningServer } from "../../src/server/app";
import { makeKeys, removeDir, startTestServer, tempDir } from "./helpers";

test("paths that would leave the root are refused", () => {
  const root = "/srv/dist";
  expect(resolveStaticPath(root, "/taskpane.html")).toBe("/srv/dist/taskpane.html");
  expect(resolveStaticPath(root, "/")).toBe("/srv/dist/index.html");
  for (const bad of [
    "/../etc/passwd",
    "/%2e%2e/etc/passwd",
    "/a/%2E%2E/%2E%2E/x",
    "/..%2fsecret",
    "/a%5c..%5cb",
    "/x%00.html",
    "/.env",
    "/%E0%A4%A",
  ]) {
    expect(resolveStaticPath(root, bad)).toBeUndefined();
  }
  expect(contentTypeFor("a.js")).toBe("text/javascript; charset=utf-8");
  expect(contentTypeFor("a.HTML")).toBe("text/html; charset=utf-8");
  expect(contentTypeFor("a.bin")).toBeUndefined();
});

describe("serving dist/", () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = tempDir();
    const dist = path.join(dir, "dist");
    await fs.mkdir(path.join(dist, "assets"), { recursive: true });
    await fs.writeFile(path.join(dist, "taskpane.html"), "<!doctype html><title>名单助手</title>");
    await fs.writeFile(path.join(dist, "assets", "app.js"), "console.log(1)");
    await fs.writeFile(path.join(dir, "secret.txt"), "top secret");
    await fs.symlink(path.join(dir, "secret.txt"), path.join(dist, "link.txt"));
    const { keysFile } = await makeKeys(dir);
    ({ server } = await startTestServer(path.join(dir, "data"), keysFile, { STATIC_DIR: dist }));
  });
  afterAll(async () => {
    await server.close();
    removeDir(dir);
  });

  test("files with their content types; 404 outside dist/", async () => {
    const page = await fetch(`${server.url}/taskpane.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain("名单助手");
    const js = await fetch(`${server.url}/assets/app.js`);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect((await fetch(`${server.url}/link.txt`)).status).toBe(404);
    expect((await fetch(`${server.url}/nothing.html`)).status).toBe(404);
    // A raw request line, so no client normalises the dot-segments away.
    const raw = await new Promise<number>((resolve) => {
      const req = http.request({ host: "127.0.0.1", port: server.port, path: "/../secret.txt" }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.end();
    });
    expect(raw).toBe(404);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", mail: "outbox" });
  });
});

describe("the API's basics", () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = tempDir();
    const { keysFile } = await makeKeys(dir);
    ({ server } = await startTestServer(path.join(dir, "data"), keysFile, {
      STATIC_DIR: path.join(dir, "dist"),
    }));
  });
  afterAll(async () => {
    await server.close();
    removeDir(dir);
  });

  test("CORS preflight, 404 and 405 in Chinese, HEAD of health, no-store", async () => {
    const pre = await fetch(`${server.url}/api/submissions`, { method: "OPTIONS" });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-headers")).toBe("Content-Type, X-Access-Key");
    const unknown = await fetch(`${server.url}/api/nothing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ status: 404, message: "没有这个接口" });
    for (const [method, url] of [
      ["PUT", "/api/submissions"],
      ["GET", "/api/submissions"],
      ["DELETE", `/api/submissions/${"a".repeat(24)}`],
      ["POST", "/index.html"],
    ]) {
      const res = await fetch(`${server.url}${url}`, { method });
      expect([method, url, res.status, await res.json()]).toEqual([
        method,
        url,
        405,
        { status: 405, message: "不支持的请求方法" },
      ]);
    }
    const head = await fetch(`${server.url}/api/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("cache-control")).toBe("no-store");
    const page = await fetch(`${server.url}/nothing.html`);
    expect(page.status).toBe(404);
    expect(await page.json()).toEqual({ status: 404, message: "找不到该页面" });
  });
});
