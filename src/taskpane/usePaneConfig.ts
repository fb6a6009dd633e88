import { useCallback, useEffect, useMemo, useState } from "react";
import { findCollege, type Campaign, type CollegeProfile } from "../domain";
import type { CaptureHost, CheckConfig, SecretaryProfile } from "../excel/hostApi";
import { userMessage } from "./format";
import { importListFile, ListImportError } from "./importList";
import { normalizeServerUrl } from "./sendClient";
import type { PaneSettings, PaneStorage } from "./storage";
import { useCampaign, type CampaignState } from "./useCampaign";
import { useProfile, type ProfileSave, type ServerProfileState } from "./useProfile";
import {
  capturedIndexOf,
  rosterIndexOf,
  type ListKind,
  type StoredCaptured,
  type StoredList,
  type StoredRoster,
} from "./storedLists";

export interface PaneConfig {
  campaign: Campaign;
  /** Where the campaign came from, its version and the server's recipient. */
  campaignState: CampaignState;
  /** The server the pane talks to: the address in the settings, else the pane's own origin. */
  serverUrl: string | undefined;
  /** The pane's own origin when a server served it. */
  origin: string | undefined;
  /** The college profile (the server's when there is a key, else workbook.settings), once loaded. */
  profile: SecretaryProfile | undefined;
  profileLoaded: boolean;
  /** What the server holds for the profile's college (off without a server address and key). */
  serverProfile: ServerProfileState;
  /** The profile's college as the campaign describes it (default address, capture slot). */
  college: CollegeProfile | undefined;
  roster: StoredRoster | undefined;
  captured: StoredCaptured | undefined;
  settings: PaneSettings;
  /** The last configure failed: the checks run with older settings. */
  configError: string | undefined;
  saveProfile(profile: SecretaryProfile): Promise<ProfileSave>;
  /** Reads, parses and stores a list for the profile's college; throws ListImportError in Chinese. */
  importList(kind: ListKind, file: File): Promise<StoredList>;
  removeList(kind: ListKind): void;
  saveSettings(settings: PaneSettings): void;
  setMarking(on: boolean): Promise<void>;
}

/**
 * Everything the checks depend on besides the sheet — campaign, profile, roster, captured list — kept in
 * one place, so each change is one host.configure (one full re-check).
 */
export function usePaneConfig(
  host: CaptureHost,
  storage: PaneStorage,
  opts: {
    /** Checks with this campaign instead of the server's (tests, the preview's sample). */
    campaign?: Campaign;
    fetchImpl: typeof fetch;
    /** The pane's origin when a server served it (same-origin API). */
    origin?: string;
  },
  started: boolean,
): PaneConfig {
  const [settings, setSettings] = useState<PaneSettings>(() => storage.loadSettings());
  const [listsVersion, setListsVersion] = useState(0);
  const [configError, setConfigError] = useState<string | undefined>();
  const serverUrl =
    (settings.serverUrl && normalizeServerUrl(settings.serverUrl)) || opts.origin || undefined;
  const campaignState = useCampaign({
    storage,
    fetchImpl: opts.fetchImpl,
    serverUrl,
    override: opts.campaign,
  });
  const { campaign } = campaignState;
  const profileState = useProfile({
    host,
    started,
    fetchImpl: opts.fetchImpl,
    serverUrl,
    accessKey: settings.accessKey,
  });
  const { profile } = profileState;
  const profileLoaded = profileState.loaded;

  const collegeName = profile?.college;
  const college = collegeName ? findCollege(campaign, collegeName) : undefined;

  useEffect(() => {
    if (!started) return;
    // Marking is on unless the secretary switched it off earlier; tell the host once it runs.
    if (!storage.loadSettings().marking) host.setMarking(false).catch(() => undefined);
  }, [host, storage, started]);

  // listsVersion is a dependency on purpose: storage is re-read after an import or a removal.
  const { roster, captured } = useMemo(() => {
    if (!collegeName) return { roster: undefined, captured: undefined };
    return {
      roster: storage.loadList(collegeName, "roster") as StoredRoster | undefined,
      captured: storage.loadList(collegeName, "captured") as StoredCaptured | undefined,
    };
  }, [storage, collegeName, listsVersion]);
  const rosterIndex = useMemo(() => (roster ? rosterIndexOf(roster) : undefined), [roster]);
  const capturedIndex = useMemo(() => (captured ? capturedIndexOf(captured) : undefined), [captured]);

  useEffect(() => {
    // One full check once campaign and profile are known (not one with the default, then another).
    if (!started || !profileLoaded || campaignState.loading) return;
    let live = true;
    const config: CheckConfig = { campaign };
    if (profile) config.profile = profile;
    if (rosterIndex) config.roster = rosterIndex;
    if (capturedIndex) config.captured = capturedIndex;
    host
      .configure(config)
      .then(() => live && setConfigError(undefined))
      .catch((e: unknown) => live && setConfigError(userMessage(e, "无法应用新的设置，请重新检查")));
    return () => {
      live = false;
    };
  }, [host, started, profileLoaded, campaignState.loading, campaign, profile, rosterIndex, capturedIndex]);

  const importList = useCallback(
    async (kind: ListKind, file: File) => {
      if (!collegeName) throw new ListImportError("请先在“设置”中选择学院并保存学院资料");
      const list = await importListFile(file, kind, campaign);
      storage.saveList(collegeName, list);
      setListsVersion((v) => v + 1);
      return list;
    },
    [campaign, collegeName, storage],
  );

  const removeList = useCallback(
    (kind: ListKind) => {
      if (!collegeName) return;
      storage.removeList(collegeName, kind);
      setListsVersion((v) => v + 1);
    },
    [collegeName, storage],
  );

  const saveSettings = useCallback(
    (s: PaneSettings) => {
      storage.saveSettings(s);
      setSettings(s);
    },
    [storage],
  );

  const setMarking = useCallback(
    async (on: boolean) => {
      await host.setMarking(on);
      const next = { ...storage.loadSettings(), marking: on };
      storage.saveSettings(next);
      setSettings(next);
    },
    [host, storage],
  );

  return {
    campaign,
    campaignState,
    serverUrl,
    origin: opts.origin,
    profile,
    profileLoaded,
    serverProfile: profileState.server,
    college,
    roster,
    captured,
    settings,
    configError,
    saveProfile: profileState.save,
    importList,
    removeList,
    saveSettings,
    setMarking,
  };
}
