import { useCallback, useMemo, useState } from "react";
import { createDeskApi, MESSAGES, type CollegeRow, type DeskFetch } from "./deskApi";
import type { DeskClock, KeyStore } from "./environment";
import { DeskPage } from "./components/DeskPage";
import { SignIn } from "./components/SignIn";

export interface DeskAppProps {
  fetchImpl: DeskFetch;
  keyStore: KeyStore;
  clock: DeskClock;
  saveFile(blob: Blob, fileName: string): void;
  /** "" when the page is served by the server itself. */
  baseUrl?: string;
}

/**
 * Signed out: the key form. Signed in: the desk, until 退出 or until the server refuses the key (then
 * the key is forgotten and the form says 密钥不对).
 */
export function DeskApp(props: DeskAppProps) {
  const { fetchImpl, keyStore, baseUrl } = props;
  const [session, setSession] = useState<{ key: string; initial?: CollegeRow[] } | undefined>(() => {
    const key = keyStore.get();
    return key ? { key } : undefined;
  });
  const [notice, setNotice] = useState<string | undefined>();

  const signOut = useCallback(
    (message?: string) => {
      keyStore.clear();
      setSession(undefined);
      setNotice(message);
    },
    [keyStore],
  );

  const api = useMemo(
    () =>
      session &&
      createDeskApi({
        fetchImpl,
        baseUrl,
        accessKey: session.key,
        onUnauthorized: () => signOut(MESSAGES.wrongKey),
      }),
    [session, fetchImpl, baseUrl, signOut],
  );

  if (!session || !api)
    return (
      <SignIn
        fetchImpl={fetchImpl}
        baseUrl={baseUrl}
        notice={notice}
        onSignedIn={(key, colleges) => {
          keyStore.set(key);
          setNotice(undefined);
          setSession({ key, initial: colleges });
        }}
      />
    );
  return (
    <DeskPage
      api={api}
      clock={props.clock}
      saveFile={props.saveFile}
      initial={session.initial}
      onSignOut={() => signOut()}
    />
  );
}
