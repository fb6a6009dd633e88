import type { IncomingMessage } from "node:http";

/**
 * A small multipart/form-data parser (RFC 7578) that takes the body in chunks of any size, keeps at most
 * one delimiter's worth of look-behind between chunks, and fails as soon as a limit is passed — so a
 * client cannot make the server hold more than the limits allow.
 */

export interface MultipartLimits {
  /** Bytes of one file part. */
  maxFileBytes: number;
  /** Bytes of one text field. */
  maxFieldBytes: number;
  /** Parts in the whole form. */
  maxParts: number;
  /** Bytes of one part's header block. */
  maxHeaderBytes: number;
}

export const DEFAULT_LIMITS: MultipartLimits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxFieldBytes: 4096,
  maxParts: 20,
  maxHeaderBytes: 8192,
};

export interface UploadedFile {
  fileName: string;
  contentType?: string;
  data: Buffer;
}

export interface MultipartForm {
  fields: Map<string, string>;
  files: Map<string, UploadedFile>;
}

export type MultipartFailure = "tooLarge" | "malformed" | "duplicate" | "tooManyParts";

export class MultipartError extends Error {
  constructor(
    readonly kind: MultipartFailure,
    message: string,
  ) {
    super(message);
    this.name = "MultipartError";
  }

  get status(): 400 | 413 {
    return this.kind === "tooLarge" ? 413 : 400;
  }
}

/** The boundary parameter of a multipart/form-data Content-Type, or undefined when it is something else. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const [type, ...params] = contentType.split(";");
  if (type.trim().toLowerCase() !== "multipart/form-data") return undefined;
  for (const p of params) {
    const m = /^\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s";]{1,70}))\s*$/i.exec(p);
    if (m) return m[1] ?? m[2];
  }
  return undefined;
}

type State = "preamble" | "afterDelimiter" | "headers" | "body" | "done";

interface PartHeaders {
  name: string;
  fileName?: string;
  contentType?: string;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
/** Bytes of preamble tolerated before the first boundary (browsers send none). */
const MAX_PREAMBLE = 1024;

export class MultipartParser {
  private readonly delimiter: Buffer;
  private state: State = "preamble";
  // A virtual CRLF lets the first boundary (which may open the body) match the same "\r\n--b" delimiter.
  private pending: Buffer = Buffer.from(CRLF);
  private preambleBytes = 0;
  private part?: PartHeaders;
  private chunks: Buffer[] = [];
  private partBytes = 0;
  private parts = 0;
  readonly form: MultipartForm = { fields: new Map(), files: new Map() };

  constructor(
    boundary: string,
    private readonly limits: MultipartLimits = DEFAULT_LIMITS,
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`, "latin1");
  }

  write(chunk: Buffer): void {
    if (this.state === "done") return; // the epilogue is ignored
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.step()) {
      /* step until it needs more bytes or the closing boundary was seen */
    }
  }

  /** The complete form; throws when the body ended before the closing boundary. */
  end(): MultipartForm {
    if (this.state !== "done") throw new MultipartError("malformed", "表单数据不完整");
    return this.form;
  }

  /** Consumes what it can from `pending`; false when it needs more bytes. */
  private step(): boolean {
    const buf = this.pending;
    switch (this.state) {
      case "preamble": {
        const at = buf.indexOf(this.delimiter);
        if (at < 0) {
          const keep = Math.min(buf.length, this.delimiter.length - 1);
          this.preambleBytes += buf.length - keep;
          if (this.preambleBytes > MAX_PREAMBLE) throw new MultipartError("malformed", "表单数据格式不对");
          this.pending = buf.subarray(buf.length - keep);
          return false;
        }
        this.pending = buf.subarray(at + this.delimiter.length);
        this.state = "afterDelimiter";
        return true;
      }
      case "afterDelimiter": {
        if (buf.length < 2) return false;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          this.state = "done";
          this.pending = Buffer.alloc(0);
          return false;
        }
        const eol = buf.indexOf(CRLF);
        if (eol < 0) {
          if (buf.length > 64) throw new MultipartError("malformed", "表单数据格式不对");
          return false;
        }
        // RFC 2046 allows linear white space after a boundary.
        if (!/^[ \t]*$/.test(buf.subarray(0, eol).toString("latin1"))) {
          throw new MultipartError("malformed", "表单数据格式不对");
        }
        this.pending = buf.subarray(eol + 2);
        this.state = "headers";
        return true;
      }
      case "headers": {
        const end = buf.indexOf(HEADER_END);
        // A part with no headers at all starts its body right after the boundary line.
        const empty = buf.length >= 2 && buf[0] === 0x0d && buf[1] === 0x0a;
        if (end < 0 && !empty) {
          if (buf.length > this.limits.maxHeaderBytes)
            throw new MultipartError("malformed", "表单分段的头部过长");
          return false;
        }
        const headerEnd = empty ? 0 : end;
        if (headerEnd > this.limits.maxHeaderBytes)
          throw new MultipartError("malformed", "表单分段的头部过长");
        this.startPart(buf.subarray(0, headerEnd).toString("utf8"));
        this.pending = buf.subarray(empty ? 2 : end + 4);
        this.state = "body";
        return true;
      }
      case "body": {
        const at = buf.indexOf(this.delimiter);
        if (at < 0) {
          const safe = buf.length - (this.delimiter.length - 1);
          if (safe > 0) {
            this.addData(buf.subarray(0, safe));
            this.pending = buf.subarray(safe);
          }
          return false;
        }
        this.addData(buf.subarray(0, at));
        this.finishPart();
        this.pending = buf.subarray(at + this.delimiter.length);
        this.state = "afterDelimiter";
        return true;
      }
      default:
        return false;
    }
  }

  private startPart(headerText: string): void {
    if (++this.parts > this.limits.maxParts) throw new MultipartError("tooManyParts", "表单分段过多");
    let disposition: string | undefined;
    let contentType: string | undefined;
    for (const line of headerText.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === "content-disposition") disposition = value;
      else if (name === "content-type") contentType = value;
    }
    const params = disposition ? parseDisposition(disposition) : undefined;
    if (!params || params.type !== "form-data" || params.name === undefined) {
      throw new MultipartError("malformed", "表单分段缺少 Content-Disposition 名称");
    }
    const name = params.name;
    if (this.form.fields.has(name) || this.form.files.has(name)) {
      throw new MultipartError("duplicate", `表单字段 ${name.slice(0, 40)} 出现了不止一次`);
    }
    this.part = { name, fileName: params.fileName, contentType };
    this.chunks = [];
    this.partBytes = 0;
  }

  private addData(data: Buffer): void {
    if (data.length === 0 || !this.part) return;
    this.partBytes += data.length;
    const isFile = this.part.fileName !== undefined;
    if (isFile && this.partBytes > this.limits.maxFileBytes)
      throw new MultipartError("tooLarge", "上传的文件过大");
    if (!isFile && this.partBytes > this.limits.maxFieldBytes)
      throw new MultipartError("tooLarge", "表单字段过长");
    // Copy: `data` is a view of a buffer that the next chunk's concat will drop.
    this.chunks.push(Buffer.from(data));
  }

  private finishPart(): void {
    const part = this.part;
    if (!part) return;
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    if (part.fileName !== undefined) {
      this.form.files.set(part.name, { fileName: part.fileName, contentType: part.contentType, data });
    } else {
      this.form.fields.set(part.name, data.toString("utf8"));
    }
    this.part = undefined;
    this.chunks = [];
  }
}

/** `form-data; name="a"; filename="b.xlsx"` (with RFC 5987 `filename*=` preferred when present). */
function parseDisposition(value: string): { type: string; name?: string; fileName?: string } {
  const semi = value.indexOf(";");
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const out: { type: string; name?: string; fileName?: string } = { type };
  const re = /;\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  let star: string | undefined;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const key = m[1].toLowerCase();
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3].trim();
    if (key === "name") out.name = raw;
    else if (key === "filename") out.fileName = raw;
    else if (key === "filename*") star = raw;
  }
  if (star !== undefined) {
    const m = /^([A-Za-z0-9_-]+)'[^']*'(.*)$/.exec(star);
    if (m && m[1].toLowerCase() === "utf-8") {
      try {
        out.fileName = decodeURIComponent(m[2]);
      } catch {
        /* keep the plain filename */
      }
    }
  }
  return out;
}

/**
 * Reads a request body into a form, counting every byte as it arrives. On a limit it stops reading
 * (pauses the request, detaches) and rejects at once; the caller answers and closes the connection.
 */
export function readMultipart(
  req: IncomingMessage,
  boundary: string,
  limits: MultipartLimits,
  maxBodyBytes: number,
): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    const parser = new MultipartParser(boundary, limits);
    let total = 0;
    let settled = false;
    const finish = (err: Error | undefined, form?: MultipartForm) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
      if (err) {
        req.pause();
        reject(err);
      } else resolve(form as MultipartForm);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBodyBytes) return finish(new MultipartError("tooLarge", "上传内容超过大小限制"));
      try {
        parser.write(chunk);
      } catch (err) {
        finish(err as Error);
      }
    };
    const onEnd = () => {
      try {
        finish(undefined, parser.end());
      } catch (err) {
        finish(err as Error);
      }
    };
    const onError = (err: Error) => finish(err);
    const onAborted = () => finish(new Error("request aborted"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
  });
}
