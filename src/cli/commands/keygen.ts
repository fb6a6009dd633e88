import path from "node:path";
import { findCollege, type Campaign } from "../../domain";
import {
  AccessKeyFileError,
  DEFAULT_DESK_NAME,
  DESK_PREFIX,
  createAccessKey,
  deskEntry,
} from "../../server/accessKeys";
import type { CliArgs } from "../args";
import { escapeControls } from "../escape";
import { EXIT_OK, EXIT_UNUSABLE, UnusableInputError, type CliIO } from "../io";
import { loadCampaign } from "../load";
import { unknownCollege } from "../messages";

export function keygenFromArgs(args: CliArgs, io: CliIO): Promise<number> {
  const { college, keys, desk, name } = args.values;
  if (desk) {
    if (!keys || college)
      throw new UnusableInputError(
        "keygen --desk 需要 --keys 密钥文件（不与 --college 同用）",
        "keygen --desk needs --keys and no --college",
      );
    return deskKeygenCommand({ keys, name }, io);
  }
  if (!college || !keys)
    throw new UnusableInputError(
      "keygen 需要 --college 学院 和 --keys 密钥文件",
      "keygen needs --college and --keys",
    );
  return keygenCommand({ college, keys, campaign: args.values.campaign }, io);
}

/**
 * The campaign the server runs with: --campaign, else the CAMPAIGN variable the server reads, else the
 * built-in one. A college the graduate school added in its file can get a key only this way.
 */
export function keygenCampaign(io: CliIO, file: string | undefined): Promise<Campaign> {
  const path = file ?? (io.env.CAMPAIGN?.trim() || undefined);
  return loadCampaign(io.cwd, path);
}

/**
 * `keygen --college NAME --keys FILE [--campaign FILE]`: prints a new random access key for the college
 * on stdout (and nothing else, so it can be captured) and stores only its scrypt hash in FILE.
 */
export async function keygenCommand(
  opts: { college: string; keys: string; campaign?: string },
  io: CliIO,
): Promise<number> {
  let campaign: Campaign;
  try {
    campaign = await keygenCampaign(io, opts.campaign);
  } catch (e) {
    if (!(e instanceof UnusableInputError)) throw e;
    io.stderr(`${escapeControls(e.message)}\n`);
    return EXIT_UNUSABLE;
  }
  const name = (opts.college ?? "").trim();
  const profile = name ? findCollege(campaign, name) : undefined;
  // A college's entry must never look like a desk entry ("@desk:…"): its key would open the desk.
  if (!profile || profile.name.startsWith(DESK_PREFIX)) {
    const { zh, en } = unknownCollege(name);
    io.stderr(`${zh} (${en})\n`);
    return EXIT_UNUSABLE;
  }
  if (!opts.keys) {
    io.stderr("缺少 --keys：请给出访问密钥文件的路径 (missing --keys FILE)\n");
    return EXIT_UNUSABLE;
  }
  const file = path.resolve(io.cwd, opts.keys);
  let key: string;
  try {
    key = await createAccessKey(file, profile.name);
  } catch (err) {
    if (err instanceof AccessKeyFileError) {
      io.stderr(`${err.zh}，未作任何修改 (${err.en}; nothing written)\n`);
      return EXIT_UNUSABLE;
    }
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    io.stderr(`无法写入访问密钥文件 ${file}（${code}） (cannot write the access-key file)\n`);
    return EXIT_UNUSABLE;
  }
  io.stdout(`${key}\n`);
  io.stderr(
    `已为“${profile.name}”生成新的访问密钥（上面一行），文件中只保存了它的散列：${file}。` +
      "密钥只显示这一次，请通过安全渠道交给该学院的研究生秘书；该学院原有的密钥已作废。\n",
  );
  return EXIT_OK;
}

/** Writes a key into the keys file; a Chinese line on stderr and undefined when it cannot. */
async function writeKey(file: string, entry: string, io: CliIO): Promise<string | undefined> {
  try {
    return await createAccessKey(file, entry);
  } catch (err) {
    if (err instanceof AccessKeyFileError) {
      io.stderr(`${err.zh}，未作任何修改 (${err.en}; nothing written)\n`);
      return undefined;
    }
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    io.stderr(`无法写入访问密钥文件 ${file}（${code}） (cannot write the access-key file)\n`);
    return undefined;
  }
}

/**
 * `keygen --desk [--name NAME] --keys FILE`: a key for the graduate school's desk, stored as
 * "@desk:NAME" (the name appears in the desk's download log). It opens the desk endpoints only.
 */
export async function deskKeygenCommand(opts: { keys: string; name?: string }, io: CliIO): Promise<number> {
  const name = (opts.name ?? DEFAULT_DESK_NAME).trim();
  if (!name || name.length > 40 || /[\u0000-\u001f\u007f]/.test(name)) {
    io.stderr("--name 应为 1–40 个字的使用人名称 (--name must be 1-40 printable characters)\n");
    return EXIT_UNUSABLE;
  }
  const file = path.resolve(io.cwd, opts.keys);
  const key = await writeKey(file, deskEntry(name), io);
  if (key === undefined) return EXIT_UNUSABLE;
  io.stdout(`${key}\n`);
  io.stderr(
    `已为研究生院工作台（使用人“${name}”）生成新的访问密钥（上面一行），文件中只保存了它的散列：${file}。` +
      "密钥只显示这一次；它只能打开工作台，不能替学院提交。同名的原有密钥已作废。\n",
  );
  return EXIT_OK;
}
