import { DEFAULT_TEMPLATE } from "../../src/domain/template";
import { EventEmitter } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import pino from "pino";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { idCheckCharacter } from "../../src/domain";
import { createAccessKey } from "../../src/server/accessKeys";
import { startServer, type RunningServer } from "../../src/server/app";
import { loadConfig } from "../../src/server/config";
import type { SubmissionState, SubmissionStatus } from "../../src/server/outbox";
import type { AttemptOutcome } from "../../src/server/sender";

export const COLLEGE = "信息科学与工程学院";
export const OTHER_COLLEGE = "数学与统计学院";
export const HEADERS = DEFAULT_TEMPLATE.columns.map((c) => c.header);
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
/** County codes of several provinces: with the date and sequence cycles they keep 126,000 IDs apart. */
const REGIONS = [
  "620102",
  "110101",
  "310101",
  "440103",
  "510104",
  "420102",
  "320102",
  "330102",
  "370102",
  "610102",
  "210102",
  "350102",
];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"];

export interface TestRow {
  name: string;
  gender: "男" | "女";
  studentNo: string;
  idNumber: string;
}

/** Deterministic valid students: mainland IDs with a correct check character and matching sex digit. */
export function validRows(n: number, seed = 1): TestRow[] {
  const rows: TestRow[] = [];
  for (let i = 0; i < n; i++) {
    const k = i + seed * 100_000;
    const gender = k % 2 === 0 ? "女" : "男";
    const month = String(1 + (k % 12)).padStart(2, "0");
    const day = String(1 + (k % 28)).padStart(2, "0");
    // Sequence digit parity encodes the sex: odd for men, even for women.
    const seq = String((k * 2 + (gender === "男" ? 1 : 0)) % 1000).padStart(3, "0");
    const region = REGIONS[Math.floor(k / 10_500) % REGIONS.length];
    const body = `${region}${1990 + (k % 6)}${month}${day}${seq}`;
    rows.push({
      name: SURNAMES[k % SURNAMES.length] + GIVEN[(k >> 1) % GIVEN.length] + GIVEN[(k >> 3) % GIVEN.length],
      gender,
      studentNo: String(220170000000 + k),
      idNumber: body + idCheckCharacter(body),
    });
  }
  return rows;
}

/** A capture list as the secretary would save it, built with exceljs (ID and 学号 as text cells). */
export async function listXlsx(
  rows: TestRow[],
  college = COLLEGE,
  extra?: (r: string[][]) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  const data: string[][] = rows.map((r, i) => [
    String(i + 1),
    college,
    r.name,
    r.gender,
    r.studentNo,
    r.idNumber,
    i % 3 === 0 ? "博士研究生" : "硕士研究生",
    "2018年6月",
    "现场采集",
    "",
    "",
    "",
    "",
    "",
  ]);
  extra?.(data);
  ws.addRow(HEADERS);
  for (const d of data) {
    const row = ws.addRow(d.map((v, c) => (c === 0 ? Number(v) : v === "" ? null : v)));
    row.getCell(5).numFmt = "@";
    row.getCell(6).numFmt = "@";
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads an xlsx back: header and data rows as text. */
export async function readXlsxRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(v === null || v === undefined ? "" : String(v));
    }
    out.push(cells);
  });
  return out;
}

export function tempDir(prefix = "capture-server-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Everything the server logged, as raw text (for scanning) and as parsed lines. */
export class LogCapture {
  text = "";
  readonly stream = new Writable({
    write: (chunk: Buffer, _enc, cb) => {
      this.text += chunk.toString("utf8");
      cb();
    },
  });
  readonly logger = pino({ level: "debug" }, this.stream);

  lines(): Record<string, unknown>[] {
    return this.text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
}

/** Resolves when `count()` reaches `n`, checked now and on every `event` of `emitter`. */
function untilCount(emitter: EventEmitter, event: string, count: () => number, n: number): Promise<void> {
  if (count() >= n) return Promise.resolve();
  return new Promise((resolve) => {
    const on = () => {
      if (count() < n) return;
      emitter.off(event, on);
      resolve();
    };
    emitter.on(event, on);
  });
}

/**
 * A real SMTP server on loopback that records messages; `refuse` makes it answer DATA with a 451.
 * Tests wait on its events ("message", "refusal"), never on the clock.
 */
export class TestSmtp {
  readonly messages: CapturedMail[] = [];
  readonly events = new EventEmitter();
  refuse = false;
  /** The SMTP reply code of a refusal: 451 (try again later) or a permanent 5xx. */
  refuseCode = 451;
  refusals = 0;
  private server?: SMTPServer;
  port = 0;

  async start(port = 0): Promise<void> {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          if (this.refuse) {
            this.refusals++;
            setImmediate(() => this.events.emit("refusal"));
            const err = Object.assign(new Error("Mailbox temporarily unavailable"), {
              responseCode: this.refuseCode,
            });
            return callback(err);
          }
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
          this.events.emit("message");
        });
      },
    };
    this.server = new SMTPServer(options);
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.server.address() as { port: number }).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resolves once `n` messages were accepted in all. */
  untilMessages(n: number): Promise<void> {
    return untilCount(this.events, "message", () => this.messages.length, n);
  }

  /** Resolves once `n` messages were refused in all. */
  untilRefusals(n: number): Promise<void> {
    return untilCount(this.events, "refusal", () => this.refusals, n);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

export interface Harness {
  server: RunningServer;
  logs: LogCapture;
  dataDir: string;
  keysFile: string;
  key: string;
  otherKey: string;
}

/** Keys for two colleges in a fresh keys file. */
export async function makeKeys(dir: string): Promise<{ keysFile: string; key: string; otherKey: string }> {
  const keysFile = path.join(dir, "keys.json");
  const key = await createAccessKey(keysFile, COLLEGE);
  const otherKey = await createAccessKey(keysFile, OTHER_COLLEGE);
  return { keysFile, key, otherKey };
}

export async function startTestServer(
  dataDir: string,
  keysFile: string,
  env: Record<string, string> = {},
): Promise<{ server: RunningServer; logs: LogCapture }> {
  const logs = new LogCapture();
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    ACCESS_KEYS: keysFile,
    RETRY_BASE_MS: "50",
    RETRY_MAX_MS: "400",
    MAIL_FROM: "名单助手 <capture@example.edu.cn>",
    ...env,
  });
  const server = await startServer(config, { logger: logs.logger });
  return { server, logs };
}

export interface UploadOptions {
  key?: string;
  college?: string;
  extraFields?: Record<string, string>;
  fileName?: string;
  /** More request headers (X-Forwarded-For in the proxy tests). */
  headers?: Record<string, string>;
}

export async function upload(
  baseUrl: string,
  file: Buffer,
  opts: UploadOptions = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(file)]), opts.fileName ?? "名单.xlsx");
  form.append("college", opts.college ?? COLLEGE);
  form.append("senderName", "张秘书");
  form.append("senderEmail", "secretary@example.edu.cn");
  for (const [k, v] of Object.entries(opts.extraFields ?? {})) form.append(k, v);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key !== undefined) headers["X-Access-Key"] = opts.key;
  const res = await fetch(`${baseUrl}/api/submissions`, { method: "POST", body: form, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function status(
  baseUrl: string,
  id: string,
  key: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/api/submissions/${id}`, {
    headers: { ...headers, "X-Access-Key": key },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * The submission's state once an attempt left it in one of `statuses` (or at once, if it already is):
 * driven by the sender's "attempt" events, which fire after the state is on disk.
 */
export async function untilStatus(
  server: RunningServer,
  id: string,
  statuses: SubmissionStatus[],
): Promise<SubmissionState> {
  let on: ((o: AttemptOutcome) => void) | undefined;
  const reached = new Promise<void>((resolve) => {
    on = (o) => {
      if (o.id === id && statuses.includes(o.status)) resolve();
    };
    server.sender.events.on("attempt", on);
  });
  try {
    const now = await server.outbox.readState(id);
    if (!statuses.includes(now.status)) await reached;
    return await server.outbox.readState(id);
  } finally {
    server.sender.events.off("attempt", on!);
  }
}

/** The outcome of the `n`-th attempt at `id` (counting every attempt the submission ever had). */
export function untilAttempt(server: RunningServer, id: string, n: number): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    const on = (o: AttemptOutcome) => {
      if (o.id !== id || o.attempts < n) return;
      server.sender.events.off("attempt", on);
      resolve(o);
    };
    server.sender.events.on("attempt", on);
  });
}

/** Waits until the sender has nothing pending, then asserts every submission ended sent or failed. */
export async function settleOutbox(server: RunningServer): Promise<void> {
  await server.sender.idle();
  const states = await Promise.all((await server.outbox.ids()).map((id) => server.outbox.readState(id)));
  const open = states.filter((st) => st.status !== "sent" && st.status !== "failed");
  if (open.length) throw new Error(`the outbox did not settle: ${open.map((st) => st.status).join(", ")}`);
}

/** Minimal MIME reading for assertions: unfolded top-level headers and the parts of a multipart body. */
export interface MimePart {
  headers: Map<string, string>;
  body: string;
}

export function parseMime(raw: string): MimePart {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

export function mimeParts(part: MimePart): MimePart[] {
  const ct = part.headers.get("content-type") ?? "";
  const m = /boundary="?([^";]+)"?/i.exec(ct);
  if (!m) return [part];
  const pieces = part.body.split(`--${m[1]}`).slice(1, -1);
  return pieces.flatMap((p) => mimeParts(parseMime(p.replace(/^\r\n/, ""))));
}

/** Decodes an RFC 2047 encoded-word header (base64 or Q) into text. */
export function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text
            .replace(/_/g, " ")
            .replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

/** The file name of an attachment's Content-Disposition, decoding RFC 2231 (filename*0*=utf-8''…). */
export function dispositionFileName(disposition: string): string | undefined {
  const pieces: [number, string, boolean][] = [];
  const re = /filename\*(?:(\d+))?(\*)?=("?)([^";]*)\3/gi;
  for (let m = re.exec(disposition); m; m = re.exec(disposition))
    pieces.push([Number(m[1] ?? 0), m[4], !!m[2]]);
  if (pieces.length) {
    pieces.sort((a, b) => a[0] - b[0]);
    const joined = pieces
      .map(([, v, enc]) => (enc ? v : encodeURIComponent(v)))
      .join("")
      .replace(/^utf-8''/i, "");
    return decodeURIComponent(joined);
  }
  const plain = /filename="([^"]*)"/i.exec(disposition);
  return plain ? decodeWords(plain[1]) : undefined;
}
export { spawnServer } from "./spawnServer";
