import type { FastifyInstance, FastifyRequest } from "fastify";
import { normalizeIP } from "@fastify/rate-limit";
import type { AccessKeyStore } from "./accessKeys";
import { HttpError, tooMany } from "./httpErrors";

/**
 * Who may use the API and how often, with three separate buckets (@fastify/rate-limit stores):
 * - per client address (X-Forwarded-For only through a trusted proxy, see TRUST_PROXY): key checks that
 *   need an scrypt and failed requests, AUTH_FAILURE_LIMIT a minute. It is consulted *before* an scrypt,
 *   so junk keys cannot keep the CPU busy; a key verified in the last minutes skips it, so junk from the
 *   same proxy address cannot lock out a college that is already working.
 * - per college, after its key was verified: RATE_LIMIT submissions (and retries) a minute.
 * - per college, after its key was verified: STATUS_READS_PER_MINUTE status reads.
 */

export const KEY_HEADER = "x-access-key";
const MAX_KEY_LENGTH = 256;
/** The pane polls a queued submission's status every few seconds; far above that is a loop gone wrong. */
export const STATUS_READS_PER_MINUTE = 120;
const MINUTE = 60_000;

type Limiter = ReturnType<FastifyInstance["createRateLimit"]>;

export function accessKeyOf(req: FastifyRequest): string | undefined {
  const v = req.headers[KEY_HEADER];
  const key = Array.isArray(v) ? v[0] : v;
  return key === undefined || key === "" ? undefined : key;
}

const MISSING_KEY = "缺少访问密钥：请在设置中填写本学院的访问密钥";
const WRONG_KEY = "访问密钥不对：请核对本学院的访问密钥（密钥与所选学院不符也会被拒绝）";

export class AccessGuard {
  private readonly failures: Limiter;
  private readonly submissions: Limiter;
  private readonly reads: Limiter;

  constructor(
    app: FastifyInstance,
    private readonly keys: AccessKeyStore,
    limits: { perCollege: number; failuresPerAddress: number },
  ) {
    const address = (req: FastifyRequest) => `addr:${normalizeIP(req.ip)}`;
    this.failures = app.createRateLimit({
      max: limits.failuresPerAddress,
      timeWindow: MINUTE,
      keyGenerator: address,
    });
    const college = (req: FastifyRequest) => `college:${req.college ?? "?"}`;
    this.submissions = app.createRateLimit({
      max: limits.perCollege,
      timeWindow: MINUTE,
      keyGenerator: college,
    });
    this.reads = app.createRateLimit({
      max: STATUS_READS_PER_MINUTE,
      timeWindow: MINUTE,
      keyGenerator: (req) => `read:${req.college ?? "?"}`,
    });
  }

  /**
   * Before any scrypt (and before an upload's body is read): a request whose key was not verified
   * recently must find its address's failure bucket not yet full.
   */
  async screen(req: FastifyRequest): Promise<void> {
    const key = accessKeyOf(req);
    if (key && key.length <= MAX_KEY_LENGTH && this.keys.recentlyVerified(key)) return;
    const r = await this.failures(req, { increment: false });
    if (!r.isAllowed && r.remaining <= 0) throw tooMany("失败的请求过多", r.ttlInSeconds);
    if (!key) {
      await this.failed(req);
      throw new HttpError(401, MISSING_KEY);
    }
  }

  /** Counts a failed (unauthenticated) request against the client's address. */
  async failed(req: FastifyRequest): Promise<void> {
    await this.failures(req);
  }

  /** Verifies the key for `college` (cache, else scrypt); a wrong key is counted and answered 401. */
  async authorize(req: FastifyRequest, college: string): Promise<void> {
    const key = accessKeyOf(req);
    if (!key) {
      await this.failed(req);
      throw new HttpError(401, MISSING_KEY);
    }
    if (this.keys.recentlyVerified(key) !== college) {
      // A burst of distinct wrong keys from one address stops here once its bucket is full.
      const r = await this.failures(req);
      if (!r.isAllowed && r.isExceeded) throw tooMany("失败的请求过多", r.ttlInSeconds);
    }
    if (key.length > MAX_KEY_LENGTH || !(await this.keys.verify(college, key)))
      throw new HttpError(401, WRONG_KEY);
    req.college = college;
  }

  /** One submission (or retry) of the authenticated college. */
  async countSubmission(req: FastifyRequest): Promise<void> {
    const r = await this.submissions(req);
    if (!r.isAllowed && r.isExceeded) throw tooMany("提交过于频繁", r.ttlInSeconds);
  }

  /** One status read of the authenticated college. */
  async countRead(req: FastifyRequest): Promise<void> {
    const r = await this.reads(req);
    if (!r.isAllowed && r.isExceeded) throw tooMany("查询过于频繁", r.ttlInSeconds);
  }
}

declare module "fastify" {
  interface FastifyRequest {
    /** The college whose access key this request carried, once verified. */
    college?: string;
  }
}
