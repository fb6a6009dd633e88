import { fireEvent, getConfig, render, screen, waitFor, type RenderResult } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Campaign } from "../../src/domain";
import { App } from "../../src/taskpane/App";
import { memoryPaneStorage, type KeyValuePaneStorage } from "../../src/taskpane/storage";
import type { PollDelay } from "../../src/taskpane/useSend";
import type { FakeHost } from "./fakeHost";

export interface Harness extends RenderResult {
  storage: KeyValuePaneStorage;
}

/** Polls never wait unless the test passes a delay it steps (ManualDelay). */
const noDelay: PollDelay = () => Promise.resolve();

/**
 * Renders the pane as renderPane does and returns once it has configured the host (start → profile →
 * configure): the host's own record of the call, not a poll of the DOM.
 */
export async function renderApp(
  host: FakeHost,
  opts: {
    storage?: KeyValuePaneStorage;
    fetchImpl?: typeof fetch;
    campaign?: Campaign;
    serverOrigin?: string;
    listHeight?: number;
    pollDelay?: PollDelay;
  } = {},
): Promise<Harness> {
  const storage = opts.storage ?? memoryPaneStorage();
  const utils = render(
    <FluentProvider theme={webLightTheme}>
      <App
        host={host}
        storage={storage}
        fetchImpl={opts.fetchImpl}
        campaign={opts.campaign}
        serverOrigin={opts.serverOrigin}
        pollAttempts={3}
        pollDelay={opts.pollDelay ?? noDelay}
        problemListHeight={opts.listHeight}
      />
    </FluentProvider>,
  );
  await until(host.called("configure"));
  return { ...utils, storage };
}

/**
 * Awaits a promise that a fake resolves (the host recorded a call, the pane asked for a poll delay …)
 * the way Testing Library's own waits do: React renders freely meanwhile (inside act() it would hold
 * every update until the promise settled, and the pane could never get there), and what the
 * promise's resolution set off is flushed before this returns.
 */
export function until<T>(promise: Promise<T>): Promise<T> {
  return getConfig().asyncWrapper(() => promise) as Promise<T>;
}

export function openTab(name: "检查" | "提交" | "名单" | "设置"): void {
  fireEvent.click(screen.getByRole("tab", { name }));
}

/**
 * The open dialog, once it is in the page. Query its contents with `{ hidden: true }`: jsdom lays
 * nothing out, so tabster finds nothing focusable in a Fluent dialog, never activates its modalizer
 * and, on a 250 ms timer after the dialog opens, marks the dialog itself aria-hidden. Whether that
 * timer has fired says nothing about the pane; a role query that depends on it fails on a busy machine.
 */
export async function openedDialog(): Promise<HTMLElement> {
  return waitFor(() => {
    const dialog = document.querySelector<HTMLElement>('[role="dialog"]');
    if (!dialog) throw new Error("no dialog is open");
    return dialog;
  });
}

/**
 * A Fluent dialog hides the rest of the page (aria-hidden, set and cleared by tabster a moment after
 * the dialog opens or closes). Role queries outside the dialog need that state cleared: wait for it
 * explicitly rather than racing the library's timer.
 */
export async function dialogClosed(): Promise<void> {
  await waitFor(() => {
    expect(document.querySelector('[role="dialog"], [role="alertdialog"]')).toBeNull();
    expect(document.body.querySelector(':scope > [aria-hidden="true"]:not([data-tabster-dummy])')).toBeNull();
  });
}
