import { useCallback, useEffect, useRef, useState } from "react";
import type { CaptureHost, SecretaryProfile } from "../excel/hostApi";
import { getServerProfile, putServerProfile, type ProfileTarget } from "./profileClient";

/**
 * The college profile: on the server when the pane has its address and the college's key (the server's
 * re-check and its copy of the mail use that one), and always in the workbook too, so the checks work
 * offline. A profile the server could not be asked for is never taken for "none": a save then asks the
 * server first, and only writes when it has seen what the server holds.
 */
export type ServerProfileState =
  | { kind: "off" }
  | { kind: "loading"; target: string }
  | { kind: "loaded"; target: string; exists: boolean; updatedAt?: string }
  | { kind: "error"; target: string; message: string };

export type ProfileSave =
  | { kind: "saved"; where: "server" | "workbook" }
  /** The server holds a profile the form was not based on: it is loaded instead, nothing written. */
  | { kind: "reloaded"; profile: SecretaryProfile };

export class ProfileSaveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProfileSaveError";
  }
}

export interface ProfileState {
  profile: SecretaryProfile | undefined;
  /** Workbook read and, with a key, the server asked: the checks may start. */
  loaded: boolean;
  server: ServerProfileState;
  save(profile: SecretaryProfile): Promise<ProfileSave>;
}

function targetKey(t: ProfileTarget): string {
  return `${t.serverUrl}\n${t.accessKey}\n${t.college}`;
}

function sameProfile(a: SecretaryProfile | undefined, b: SecretaryProfile): boolean {
  return (
    !!a &&
    a.college === b.college &&
    a.secretaryName === b.secretaryName &&
    a.mobile === b.mobile &&
    a.email === b.email &&
    a.mailAddress === b.mailAddress
  );
}

export function useProfile(args: {
  host: CaptureHost;
  started: boolean;
  fetchImpl: typeof fetch;
  serverUrl: string | undefined;
  accessKey: string;
}): ProfileState {
  const { host, started, serverUrl, accessKey } = args;
  const fetchRef = useRef(args.fetchImpl);
  fetchRef.current = args.fetchImpl;
  const [profile, setProfile] = useState<SecretaryProfile | undefined>();
  const [workbookRead, setWorkbookRead] = useState(false);
  const [server, setServer] = useState<ServerProfileState>({ kind: "off" });
  const serverRef = useRef(server);
  serverRef.current = server;
  const profileRef = useRef(profile);
  profileRef.current = profile;

  const targetFor = useCallback(
    (college: string | undefined): ProfileTarget | undefined =>
      serverUrl && accessKey && college ? { serverUrl, accessKey, college } : undefined,
    [serverUrl, accessKey],
  );
  const target = targetFor(profile?.college);
  const key = target ? targetKey(target) : "";

  useEffect(() => {
    if (!started) return;
    let live = true;
    host
      .loadProfile()
      .then((p) => live && setProfile(p))
      .catch(() => undefined)
      .finally(() => live && setWorkbookRead(true));
    return () => {
      live = false;
    };
  }, [host, started]);

  /** The server's profile replaces the workbook's, and the workbook keeps a copy for offline checks. */
  const adopt = useCallback(
    (p: SecretaryProfile) => {
      if (!sameProfile(profileRef.current, p)) host.saveProfile(p).catch(() => undefined);
      setProfile(p);
    },
    [host],
  );

  useEffect(() => {
    if (!workbookRead) return;
    if (!target) {
      setServer({ kind: "off" });
      return;
    }
    const current = serverRef.current;
    // Already read (or just written) for this college, key and server: nothing to ask.
    if (current.kind === "loaded" && current.target === key) return;
    let live = true;
    setServer({ kind: "loading", target: key });
    void getServerProfile(fetchRef.current, target).then((read) => {
      if (!live) return;
      if (!read.ok) {
        setServer({ kind: "error", target: key, message: read.message });
        return;
      }
      setServer({ kind: "loaded", target: key, exists: !!read.profile, updatedAt: read.updatedAt });
      if (read.profile) adopt(read.profile);
    });
    return () => {
      live = false;
    };
    // `target` is derived from `key`: the key alone says when to ask again.
  }, [workbookRead, key, adopt]);

  const save = useCallback(
    async (p: SecretaryProfile): Promise<ProfileSave> => {
      const t = targetFor(p.college);
      if (!t) {
        await host.saveProfile(p);
        setProfile(p);
        return { kind: "saved", where: "workbook" };
      }
      const k = targetKey(t);
      const current = serverRef.current;
      if (!(current.kind === "loaded" && current.target === k)) {
        // Not seen what the server holds for this college (never asked, or the read failed): ask now.
        const read = await getServerProfile(fetchRef.current, t);
        if (!read.ok) {
          setServer({ kind: "error", target: k, message: read.message });
          throw new ProfileSaveError(
            `学院资料没有保存：无法读取服务器上的学院资料（${read.message}）。为免覆盖服务器上已有的资料，请连上服务器后再保存。`,
          );
        }
        const loaded: ServerProfileState = {
          kind: "loaded",
          target: k,
          exists: !!read.profile,
          updatedAt: read.updatedAt,
        };
        serverRef.current = loaded;
        setServer(loaded);
        if (read.profile && !sameProfile(read.profile, p)) {
          adopt(read.profile);
          return { kind: "reloaded", profile: read.profile };
        }
      }
      const written = await putServerProfile(fetchRef.current, t, p);
      if (!written.ok) throw new ProfileSaveError(`学院资料没有保存：${written.message}`);
      const stored = written.profile ?? p;
      const done: ServerProfileState = {
        kind: "loaded",
        target: k,
        exists: true,
        updatedAt: written.updatedAt,
      };
      serverRef.current = done;
      setServer(done);
      await host.saveProfile(stored);
      setProfile(stored);
      return { kind: "saved", where: "server" };
    },
    [host, targetFor, adopt],
  );

  const settled = !target || (server.kind !== "off" && server.kind !== "loading" && server.target === key);
  return { profile, loaded: workbookRead && settled, server, save };
}
