import type { SecretaryProfile } from "../domain/profile";
import type { ProfileAnswer, ProfileInput } from "../server/apiTypes";

/**
 * GET and PUT /api/colleges/:college/profile with the college's key: the profile the server's re-check
 * and its copy of the accepted mail use. Bodies: src/server/apiTypes.ts.
 */

export type ProfileRead =
  { ok: true; profile: SecretaryProfile | null; updatedAt?: string } | { ok: false; message: string };

type FetchLike = (input: string, init?: RequestInit) => Promise<Pick<Response, "status" | "json">>;

export interface ProfileTarget {
  serverUrl: string;
  accessKey: string;
  college: string;
}

function profileUrl(t: ProfileTarget): string {
  return `${t.serverUrl}/api/colleges/${encodeURIComponent(t.college)}/profile`;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

async function readJson(res: Pick<Response, "json">): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await res.json();
    return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A 200's profile, when it has every field (null: the college has none on the server yet). */
function readAnswer(body: Record<string, unknown>, college: string): ProfileRead {
  const p = body.profile as Partial<NonNullable<ProfileAnswer["profile"]>> | null | undefined;
  const updatedAt = str(body.updatedAt);
  if (p === null) return { ok: true, profile: null, updatedAt };
  const fields = p && {
    secretaryName: str(p.secretaryName),
    mobile: str(p.mobile),
    email: str(p.email),
    mailAddress: str(p.mailAddress),
  };
  if (
    !fields ||
    fields.secretaryName === undefined ||
    fields.mobile === undefined ||
    fields.email === undefined ||
    fields.mailAddress === undefined
  )
    return { ok: false, message: "服务器的学院资料无法识别" };
  return {
    ok: true,
    profile: {
      college: str(p.college) || college,
      secretaryName: fields.secretaryName,
      mobile: fields.mobile,
      email: fields.email,
      mailAddress: fields.mailAddress,
    },
    updatedAt,
  };
}

function failure(status: number, body: Record<string, unknown>, t: ProfileTarget): ProfileRead {
  if (status === 401) return { ok: false, message: "访问密钥不对：请在“设置”中核对本学院的访问密钥" };
  const message = str(body.message);
  if (status === 404 || status === 405)
    return {
      ok: false,
      // The server's words when it has some ("没有这个学院…"); an older server has no such endpoint.
      message: `服务器不保存“${t.college}”的学院资料：${message ?? "该学院不在服务器的活动配置中，或服务器版本较旧"}`,
    };
  if (message) return { ok: false, message };
  return {
    ok: false,
    message: status >= 500 ? `服务器出错（${status}），请稍后再试` : `服务器拒绝（${status}）`,
  };
}

async function call(fetchImpl: FetchLike, t: ProfileTarget, init: RequestInit): Promise<ProfileRead> {
  let res: Pick<Response, "status" | "json">;
  try {
    res = await fetchImpl(profileUrl(t), init);
  } catch {
    return { ok: false, message: `无法连接服务器（${t.serverUrl}）` };
  }
  const body = await readJson(res);
  return res.status === 200 ? readAnswer(body, t.college) : failure(res.status, body, t);
}

export function getServerProfile(fetchImpl: FetchLike, t: ProfileTarget): Promise<ProfileRead> {
  return call(fetchImpl, t, { headers: { "X-Access-Key": t.accessKey } });
}

export function putServerProfile(
  fetchImpl: FetchLike,
  t: ProfileTarget,
  profile: SecretaryProfile,
): Promise<ProfileRead> {
  const body: ProfileInput = {
    secretaryName: profile.secretaryName,
    mobile: profile.mobile,
    email: profile.email,
    mailAddress: profile.mailAddress,
  };
  return call(fetchImpl, t, {
    method: "PUT",
    headers: { "X-Access-Key": t.accessKey, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
