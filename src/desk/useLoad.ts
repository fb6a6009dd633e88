import { useCallback, useEffect, useState } from "react";
import type { DeskResult } from "./deskApi";

export type Loaded<T> =
  { state: "loading" } | { state: "ok"; value: T } | { state: "error"; message: string };

/** Loads once on mount and on reload(); an answer that arrives after unmount or a newer load is dropped. */
export function useLoad<T>(load: () => Promise<DeskResult<T>>): { loaded: Loaded<T>; reload(): void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setLoaded({ state: "loading" });
    void load().then((answer) => {
      if (!live) return;
      setLoaded(
        answer.ok ? { state: "ok", value: answer.value } : { state: "error", message: answer.message },
      );
    });
    return () => {
      live = false;
    };
  }, [load, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { loaded, reload };
}
