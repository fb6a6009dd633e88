import { render, waitFor, type RenderResult } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { DeskApp } from "../../src/desk/DeskApp";
import type { DeskClock, KeyStore } from "../../src/desk/environment";
import { campaignReply, collegesReply } from "./fixtures";
import { DESK_KEY, FakeDesk } from "./fakeDesk";

/** A clock the test sets; subscribers hear each change (the countdown re-renders). */
export class ManualClock implements DeskClock {
  private readonly listeners = new Set<() => void>();
  constructor(private ms: number) {}
  now = (): number => this.ms;
  subscribe = (onTick: () => void): (() => void) => {
    this.listeners.add(onTick);
    return () => this.listeners.delete(onTick);
  };
  set(iso: string): void {
    this.ms = Date.parse(iso);
    for (const l of this.listeners) l();
  }
}

export function memoryKeyStore(initial?: string): KeyStore & { value: string | undefined } {
  const store = {
    value: initial,
    get: () => store.value,
    set: (k: string) => {
      store.value = k;
    },
    clear: () => {
      store.value = undefined;
    },
  };
  return store;
}

export interface DeskHarness extends RenderResult {
  desk: FakeDesk;
  keys: ReturnType<typeof memoryKeyStore>;
  clock: ManualClock;
  saved: { blob: Blob; fileName: string }[];
}

/** A desk answering the campaign and the colleges' table. */
export function standardDesk(): FakeDesk {
  return new FakeDesk()
    .on("GET /api/campaign", campaignReply())
    .on("GET /api/desk/colleges", collegesReply());
}

/** Renders the desk page; signed in already when `key` is given (as after a reload of the tab). */
export function renderDesk(opts: { desk?: FakeDesk; key?: string; now?: string } = {}): DeskHarness {
  const desk = opts.desk ?? standardDesk();
  const keys = memoryKeyStore(opts.key);
  const clock = new ManualClock(Date.parse(opts.now ?? "2026-12-02T08:37:00+08:00"));
  const saved: DeskHarness["saved"] = [];
  const utils = render(
    <FluentProvider theme={webLightTheme}>
      <DeskApp
        fetchImpl={desk.fetch}
        keyStore={keys}
        clock={clock}
        saveFile={(blob, fileName) => saved.push({ blob, fileName })}
      />
    </FluentProvider>,
  );
  return { ...utils, desk, keys, clock, saved };
}

export const signedIn = (opts: { desk?: FakeDesk; now?: string } = {}) =>
  renderDesk({ ...opts, key: DESK_KEY });

/** The text of each cell of each body row of a table. */
export function cellTexts(table: HTMLElement): string[][] {
  return Array.from(table.querySelectorAll("tbody tr")).map((tr) =>
    Array.from(tr.querySelectorAll("td, th")).map((c) => (c.textContent ?? "").trim()),
  );
}

/** The open dialog (query inside it with { hidden: true }: see test/taskpane/harness.tsx). */
export async function openedDialog(): Promise<HTMLElement> {
  return waitFor(() => {
    const dialog = document.querySelector<HTMLElement>('[role="dialog"], [role="alertdialog"]');
    if (!dialog) throw new Error("no dialog is open");
    return dialog;
  });
}

export async function dialogClosed(): Promise<void> {
  await waitFor(() => {
    expect(document.querySelector('[role="dialog"], [role="alertdialog"]')).toBeNull();
    expect(document.body.querySelector(':scope > [aria-hidden="true"]:not([data-tabster-dummy])')).toBeNull();
  });
}
