import { useCallback, useEffect, useRef, useState } from "react";
import { DEFAULT_CAMPAIGN, type Campaign } from "../domain";
import { fetchCampaign, type CampaignFetch, type ServedCampaign } from "./campaignClient";
import { formatDateTime } from "./format";
import type { PaneStorage } from "./storage";

/**
 * Which campaign the pane checks with: the server's (fetched at start and whenever the server address
 * changes), else the copy cached from an earlier fetch, else the built-in default. A campaign given by
 * the caller (tests, the preview) overrides all three.
 */
export type CampaignSource =
  | { kind: "loading" }
  | { kind: "override" }
  | { kind: "server"; served: ServedCampaign }
  /** `reason`: why the server's could not be had. */
  | { kind: "cache"; served: ServedCampaign; reason: string }
  /** `reason` is absent when no server is known at all. */
  | { kind: "default"; reason?: string };

export interface CampaignState {
  campaign: Campaign;
  source: CampaignSource;
  /** Still fetching: the checks wait (one full check, with the right campaign). */
  loading: boolean;
  /** The version checked with, sent with a submission (the server says whether it changed). */
  version: string | undefined;
  /** Where the server sends submissions: its SUBMIT_TO when the campaign came from it. */
  submitTo: string;
  /** Fetches again (the server said the campaign changed); resolves with what the fetch found. */
  reload(): Promise<CampaignFetch | undefined>;
}

function fallback(storage: PaneStorage, reason: string | undefined): CampaignSource {
  const cached = storage.loadCampaign();
  if (cached) return { kind: "cache", served: cached, reason: reason ?? "没有设置服务器地址" };
  return { kind: "default", reason };
}

export function useCampaign(args: {
  storage: PaneStorage;
  fetchImpl: typeof fetch;
  /** The server to ask (settings, else the pane's own origin); undefined: none known. */
  serverUrl: string | undefined;
  override: Campaign | undefined;
}): CampaignState {
  const { storage, serverUrl, override } = args;
  const fetchRef = useRef(args.fetchImpl);
  fetchRef.current = args.fetchImpl;
  const [source, setSource] = useState<CampaignSource>(() =>
    override ? { kind: "override" } : serverUrl ? { kind: "loading" } : fallback(storage, undefined),
  );
  // Each fetch has a number: a late answer for an older server address is dropped.
  const generation = useRef(0);

  const load = useCallback(
    async (url: string): Promise<CampaignFetch | undefined> => {
      const mine = ++generation.current;
      const found = await fetchCampaign(fetchRef.current, url);
      if (mine !== generation.current) return undefined;
      if (found.ok) {
        try {
          storage.saveCampaign(found.served);
        } catch {
          // Storage full or blocked: the pane still checks with the server's campaign, only not offline.
        }
        setSource({ kind: "server", served: found.served });
      } else {
        setSource(fallback(storage, found.message));
      }
      return found;
    },
    [storage],
  );

  useEffect(() => {
    if (override) {
      generation.current++;
      setSource({ kind: "override" });
      return;
    }
    if (!serverUrl) {
      generation.current++;
      setSource(fallback(storage, undefined));
      return;
    }
    setSource({ kind: "loading" });
    void load(serverUrl);
    return () => {
      generation.current++;
    };
  }, [override, serverUrl, storage, load]);

  const reload = useCallback(
    async () => (override || !serverUrl ? undefined : load(serverUrl)),
    [override, serverUrl, load],
  );

  const served = source.kind === "server" || source.kind === "cache" ? source.served : undefined;
  const campaign = override ?? served?.campaign ?? DEFAULT_CAMPAIGN;
  return {
    campaign,
    source,
    loading: source.kind === "loading",
    version: served?.version,
    submitTo: served?.submitTo ?? campaign.submitTo,
    reload,
  };
}

/** The summary's line: which campaign (cohort) the list is checked with, and whose it is. */
export function campaignLine(state: Pick<CampaignState, "campaign" | "source">): string {
  const head = `活动配置：${state.campaign.cohort}`;
  switch (state.source.kind) {
    case "server":
      return `${head}（研究生院服务器的当前配置）`;
    case "cache":
      return `${head}（本机缓存的副本，${formatDateTime(state.source.served.fetchedAt)} 从服务器取得）`;
    case "default":
      return `${head}（内置默认配置）`;
    case "loading":
      return `${head}（正在从服务器读取活动配置…）`;
    default:
      return head;
  }
}

/** Why the pane is not checking with the server's campaign, when it tried and failed (else undefined). */
export function campaignWarning(source: CampaignSource): string | undefined {
  if (source.kind === "cache")
    return `${source.reason}：暂按本机缓存的活动配置检查（${formatDateTime(source.served.fetchedAt)} 从服务器取得）。研究生院此后的修改要连上服务器后才生效。`;
  if (source.kind === "default" && source.reason)
    return `${source.reason}，本机也没有缓存的活动配置：暂按内置默认配置检查，结果可能与服务器的检查不一致。`;
  return undefined;
}
