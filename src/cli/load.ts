import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import {
  buildCaptured,
  buildRoster,
  CampaignError,
  DEFAULT_CAMPAIGN,
  findCollege,
  levelResolver,
  ListFileError,
  parseCampaignJson,
  type Campaign,
  type CapturedIndex,
  type RosterIndex,
} from "../domain";
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
      throw new UnusableInputError(`${what}“${basename(path)}”无法使用：${e.zh}`, e.en);
    }
    throw e;
  }
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
  try {
    // The same level resolution as the pane's import and the list's rule.
    return buildRoster(sheet.grid, levelResolver(campaign));
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
