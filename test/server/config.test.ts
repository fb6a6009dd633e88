import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError, loadConfig } from "../../src/server/config";

const cwd = mkdtempSync(path.join(os.tmpdir(), "capture-config-"));

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, cwd);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("no error");
}

test("defaults follow SPEC §8", () => {
  const c = loadConfig({}, cwd);
  expect(c).toMatchObject({
    port: 3000,
    host: "127.0.0.1",
    dataDir: path.join(cwd, "data"),
    submitTo: "pyk@lzu.edu.cn",
    maxUploadBytes: 5 * 1024 * 1024,
    retentionDays: 30,
    retryBaseMs: 1000,
    retryMaxMs: 300_000,
  });
  expect(c.smtpUrl).toBeUndefined();
  expect(c.tls).toBeUndefined();
  expect(c.accessKeysPath).toBe(path.join(cwd, "data", "access-keys.json"));
});

test("values are read and empty variables count as unset", () => {
  const c = loadConfig(
    {
      PORT: "8443",
      SUBMIT_TO: "x@lzu.edu.cn",
      SMTP_URL: "smtps://u%40lzu.edu.cn:p@smtp.lzu.edu.cn:465",
      MAX_UPLOAD_BYTES: "",
      RATE_LIMIT: "5",
    },
    cwd,
  );
  expect(c.port).toBe(8443);
  expect(c.submitTo).toBe("x@lzu.edu.cn");
  expect(c.mailFrom).toBe("u@lzu.edu.cn");
  expect(c.maxUploadBytes).toBe(5 * 1024 * 1024);
  expect(c.rateLimit).toBe(5);
});

test.each([
  [{ PORT: "abc" }, "PORT"],
  [{ PORT: "65536" }, "PORT"],
  [{ SMTP_URL: "http://mail" }, "SMTP_URL"],
  [{ SUBMIT_TO: "not-an-address" }, "SUBMIT_TO"],
  [{ MAX_UPLOAD_BYTES: "5MB" }, "MAX_UPLOAD_BYTES"],
  [{ RETENTION_DAYS: "0" }, "RETENTION_DAYS"],
  [{ TLS_CERT: "cert.pem" }, "TLS_KEY"],
  [{ CAMPAIGN: "missing.json" }, "CAMPAIGN"],
  [{ SMTP_URL: "smtp://mail.example.edu.cn" }, "MAIL_FROM"],
  [{ TRUST_PROXY: "true" }, "TRUST_PROXY"],
  [{ TRUST_PROXY: "0" }, "TRUST_PROXY"],
  [{ TRUST_PROXY: "10.0.0.1,proxy.lzu.edu.cn" }, "TRUST_PROXY"],
  [{ TRUST_PROXY: "10.0.0.0/33" }, "TRUST_PROXY"],
  [{ AUTH_FAILURE_LIMIT: "0" }, "AUTH_FAILURE_LIMIT"],
])("a wrong setting %j names %s in Chinese", (env, variable) => {
  const err = errorOf(env as Record<string, string>);
  expect(err.variable).toBe(variable);
  expect(err.message).toContain(`环境变量 ${variable}`);
});

test("TRUST_PROXY: unset trusts nobody; a hop count, or the proxy's addresses and ranges", () => {
  expect(loadConfig({}, cwd).trustProxy).toBeUndefined();
  expect(loadConfig({ TRUST_PROXY: "2" }, cwd).trustProxy).toBe(2);
  expect(loadConfig({ TRUST_PROXY: "10.1.2.3, 192.168.0.0/16,::1" }, cwd).trustProxy).toEqual([
    "10.1.2.3",
    "192.168.0.0/16",
    "::1",
  ]);
  expect(loadConfig({}, cwd).authFailureLimit).toBe(10);
});

test("a campaign file with a bad key is refused naming CAMPAIGN; the SMTP password is never echoed", () => {
  writeFileSync(path.join(cwd, "campaign.json"), JSON.stringify({ feePerPerson: "13" }));
  expect(errorOf({ CAMPAIGN: "campaign.json" }).message).toMatch(/CAMPAIGN.*feePerPerson/);
  expect(errorOf({ SMTP_URL: "ftp://user:s3cret@host" }).message).not.toContain("s3cret");
  writeFileSync(path.join(cwd, "ok.json"), JSON.stringify({ submitTo: "grad@lzu.edu.cn", feePerPerson: 15 }));
  const c = loadConfig({ CAMPAIGN: "ok.json" }, cwd);
  expect(c.submitTo).toBe("grad@lzu.edu.cn");
  expect(c.campaign.feePerPerson).toBe(15);
});
