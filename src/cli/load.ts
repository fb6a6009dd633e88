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
import { inflateWithZlib } from "../files/node";
import { FileReadError, readSheet, type ReadResult } from "../files/readSheet";
import { UnusableInputError } from "./io";
import { unknownCollege } from "./messages";
import { readBytes } from "./readInput";

export async function loadSheet(
  cwd: string,
  path: string,
  what: string,
): Promise<ReadResult & { bytes: Uint8Array; path: string }> {
  const bytes = await readBytes(cwd, path, what);
  try {
    const result = await readSheet(bytes, basename(path), { inflate: inflateWithZlib });
    return { ...result, bytes, path };
  } catch (e) {
    if (e instanceof FileReadError) {
      throw new UnusableInputError(`${what}“${basename(path)}”无法使用：${e.zh}`, e.en);
    }
    throw e;
  }
}

export async function loadCampaign(cwd: string, path: string | undefined): Promise<Campaign> {
  if (!path) return DEFAULT_CAMPAIGN;
  const bytes = await readBytes(cwd, path, "配置");
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
  const college = name.trim() ? findCollege(campaign, name.trim()) : undefined;
  if (!college) {
    const { zh, en } = unknownCollege(name);
    throw new UnusableInputError(zh, en);
  }
  return college.name;
}

export async function loadRoster(
  cwd: string,
  path: string | undefined,
  campaign: Campaign,
): Promise<RosterIndex | undefined> {
  if (!path) return undefined;
  const sheet = await loadSheet(cwd, path, "学籍名单");
  try {
    // The same level resolution as the pane's import and the list's rule.
    return buildRoster(sheet.grid, levelResolver(campaign));
  } catch (e) {
    if (e instanceof ListFileError) throw new UnusableInputError(e.message, "roster has no usable header");
    throw e;
  }
}

export async function loadCaptured(
  cwd: string,
  path: string | undefined,
): Promise<CapturedIndex | undefined> {
  if (!path) return undefined;
  const sheet = await loadSheet(cwd, path, "已采集名单");
  try {
    return buildCaptured(sheet.grid);
  } catch (e) {
    if (e instanceof ListFileError)
      throw new UnusableInputError(e.message, "captured list has no usable header");
    throw e;
  }
}
