import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import {
  buildCaptured,
  buildRoster,
  CampaignError,
  DEFAULT_CAMPAIGN,
  findCollege,
  ListFileError,
  parseCampaignJson,
  type Campaign,
  type CapturedIndex,
  type RosterIndex,
} from "../domain";
import { buildEnv } from "../domain/rules/env";
import { FileReadError, readSheet, type ReadResult } from "../files/readSheet";
import { UnusableInputError } from "./io";

/** Reads a file the user named; every failure becomes one Chinese+English line (exit 2). */
async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new UnusableInputError(`找不到${what}文件：${path}`, `file not found: ${path}`);
    if (code === "EISDIR")
      throw new UnusableInputError(`${what}路径是一个文件夹：${path}`, `is a directory: ${path}`);
    throw new UnusableInputError(`无法读取${what}文件：${path}`, `cannot read ${path} (${code ?? "error"})`);
  }
}

export async function loadSheet(
  path: string,
  what: string,
): Promise<ReadResult & { bytes: Uint8Array; path: string }> {
  const bytes = await readBytes(path, what);
  try {
    const result = await readSheet(bytes, basename(path));
    return { ...result, bytes, path };
  } catch (e) {
    if (e instanceof FileReadError) {
      throw new UnusableInputError(
        `${what}“${basename(path)}”无法使用：${zhPart(e.message)}`,
        enPart(e.message),
      );
    }
    throw e;
  }
}

/** FileReadError messages are "中文 (English)": split them so our line keeps that shape. */
function zhPart(message: string): string {
  const i = message.lastIndexOf(" (");
  return i > 0 ? message.slice(0, i) : message;
}
function enPart(message: string): string {
  const m = /\(([^()]*)\)\s*$/.exec(message);
  return m ? m[1] : "unreadable file";
}

export async function loadCampaign(path: string | undefined): Promise<Campaign> {
  if (!path) return DEFAULT_CAMPAIGN;
  const bytes = await readBytes(path, "配置");
  try {
    return parseCampaignJson(new TextDecoder("utf-8").decode(bytes));
  } catch (e) {
    if (e instanceof CampaignError) {
      throw new UnusableInputError(
        `配置文件 ${basename(path)} 有误：${e.issues.join("；")}`,
        "invalid campaign config",
      );
    }
    throw e;
  }
}

export function resolveCollege(campaign: Campaign, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const college = findCollege(campaign, name.trim());
  if (!college) {
    throw new UnusableInputError(`不认识的学院“${name}”，请写学院全称`, `unknown college "${name}"`);
  }
  return college.name;
}

export async function loadRoster(
  path: string | undefined,
  campaign: Campaign,
): Promise<RosterIndex | undefined> {
  if (!path) return undefined;
  const sheet = await loadSheet(path, "学籍名单");
  const levels = buildEnv({ campaign }).levels;
  try {
    return buildRoster(sheet.grid, (v) => levels.get(v) ?? v);
  } catch (e) {
    if (e instanceof ListFileError) throw new UnusableInputError(e.message, "roster has no usable header");
    throw e;
  }
}

export async function loadCaptured(path: string | undefined): Promise<CapturedIndex | undefined> {
  if (!path) return undefined;
  const sheet = await loadSheet(path, "已采集名单");
  try {
    return buildCaptured(sheet.grid);
  } catch (e) {
    if (e instanceof ListFileError)
      throw new UnusableInputError(e.message, "captured list has no usable header");
    throw e;
  }
}
