import { fireEvent, render, screen, waitFor, type RenderResult } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Campaign } from "../../src/domain";
import { App } from "../../src/taskpane/App";
import { memoryPaneStorage, type KeyValuePaneStorage } from "../../src/taskpane/storage";
import type { FakeHost } from "./fakeHost";

export interface Harness extends RenderResult {
  storage: KeyValuePaneStorage;
}

/** Renders the pane as renderPane does and waits until it has configured the host (start → profile → configure). */
export async function renderApp(
  host: FakeHost,
  opts: {
    storage?: KeyValuePaneStorage;
    fetchImpl?: typeof fetch;
    campaign?: Campaign;
    listHeight?: number;
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
        pollIntervalMs={0}
        pollAttempts={3}
        problemListHeight={opts.listHeight}
      />
    </FluentProvider>,
  );
  await waitFor(() => expect(host.argsOf("configure").length).toBeGreaterThan(0));
  return { ...utils, storage };
}

export function openTab(name: "检查" | "提交" | "名单" | "设置"): void {
  fireEvent.click(screen.getByRole("tab", { name }));
}
