/**
 * What the desk takes from its surroundings, injected so that tests control it: where the key is kept
 * (this tab's sessionStorage only: it unlocks every student's ID number) and the clock of the countdown.
 */

export interface KeyStore {
  get(): string | undefined;
  set(key: string): void;
  clear(): void;
}

const KEY_NAME = "capture-list.desk.accessKey";

/** sessionStorage, which the browser forgets with the tab; a blocked storage keeps the key in memory. */
export function sessionKeyStore(storage: Storage | undefined = globalThis.sessionStorage): KeyStore {
  let fallback: string | undefined;
  return {
    get() {
      try {
        return storage?.getItem(KEY_NAME) || fallback;
      } catch {
        return fallback;
      }
    },
    set(key) {
      fallback = key;
      try {
        storage?.setItem(KEY_NAME, key);
      } catch {
        /* the in-memory copy serves this page */
      }
    },
    clear() {
      fallback = undefined;
      try {
        storage?.removeItem(KEY_NAME);
      } catch {
        /* nothing was stored */
      }
    },
  };
}

export interface DeskClock {
  now(): number;
  /** Calls back when the countdown may have changed; returns the unsubscribe. */
  subscribe(onTick: () => void): () => void;
}

/** The wall clock, checked every 30 s (the countdown shows whole hours). */
export const systemClock: DeskClock = {
  now: () => Date.now(),
  subscribe(onTick) {
    const timer = setInterval(onTick, 30_000);
    return () => clearInterval(timer);
  },
};

/** Saves a downloaded file through a temporary Blob link. */
export function saveWithLink(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Some browsers read the URL after click() returns: revoke a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
