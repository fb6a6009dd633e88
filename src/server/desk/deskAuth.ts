import type { FastifyInstance, FastifyRequest } from "fastify";
import { normalizeIP } from "@fastify/rate-limit";
import { accessKeyOf, type AccessGuard } from "../accessGuard";
import { DESK_PREFIX, type AccessKeyStore } from "../accessKeys";
import { HttpError, tooMany } from "../httpErrors";

/**
 * Who may use the desk endpoints: a desk key (keygen --desk), never a college's key. The same
 * per-address failure bucket as the college endpoints is consulted before any scrypt; a verified desk
 * key has its own bucket of requests a minute.
 */

const MISSING = "缺少访问密钥：请输入研究生院工作台的密钥";
const WRONG = "密钥不对：工作台只接受研究生院的工作台密钥（学院的提交密钥不能用于工作台）";
const MAX_KEY_LENGTH = 256;
export const DESK_REQUESTS_PER_MINUTE = 300;

export interface DeskUser {
  /** The name given at keygen --desk --name (the audit log's "who"). */
  name: string;
  /** The client's address, as the server sees it (through TRUST_PROXY). */
  address: string;
}

export class DeskGuard {
  private readonly requests: ReturnType<FastifyInstance["createRateLimit"]>;

  constructor(
    app: FastifyInstance,
    private readonly keys: AccessKeyStore,
    private readonly guard: AccessGuard,
  ) {
    this.requests = app.createRateLimit({
      max: DESK_REQUESTS_PER_MINUTE,
      timeWindow: 60_000,
      keyGenerator: (req) => `desk:${req.deskUser?.name ?? "?"}`,
    });
  }

  async authorize(req: FastifyRequest): Promise<DeskUser> {
    const key = accessKeyOf(req);
    if (!key) {
      await this.guard.failed(req);
      throw new HttpError(401, MISSING);
    }
    await this.guard.screen(req);
    const cached = this.keys.recentlyVerified(key);
    let entry = cached?.startsWith(DESK_PREFIX) ? cached : undefined;
    if (!entry) {
      // An scrypt follows (or a college's key at the desk): counted against the client's address.
      await this.guard.failed(req);
      entry = key.length <= MAX_KEY_LENGTH ? await this.keys.verifyDesk(key) : undefined;
      if (!entry) throw new HttpError(401, WRONG);
    }
    const user = { name: entry.slice(DESK_PREFIX.length), address: normalizeIP(req.ip) };
    req.deskUser = user;
    const r = await this.requests(req);
    if (!r.isAllowed && r.isExceeded) throw tooMany("请求过于频繁", r.ttlInSeconds);
    return user;
  }
}

declare module "fastify" {
  interface FastifyRequest {
    /** The desk key's user, once verified. */
    deskUser?: DeskUser;
  }
}
