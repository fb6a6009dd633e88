import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Campaign } from "../domain";
import type { CaptureHost } from "../excel/hostApi";
import { App } from "./App";
import { localPaneStorage, type PaneStorage } from "./storage";

export { App, type AppProps } from "./App";
export { useCapture, type CaptureState } from "./useCapture";
export {
  KeyValuePaneStorage,
  localPaneStorage,
  memoryPaneStorage,
  type PaneSettings,
  type PaneStorage,
} from "./storage";

export interface PaneOptions {
  /** Defaults to the pane origin's localStorage. */
  storage?: PaneStorage;
  fetchImpl?: typeof fetch;
  /** Checks with this campaign instead of the server's. */
  campaign?: Campaign;
  /** The server that served the pane (its origin), asked when the settings name no server. */
  serverOrigin?: string;
}

export interface PaneHandle {
  unmount(): void;
}

/** The page's origin when it was served over http(s) (the host server serves the pane and the API). */
export function pageOrigin(loc: Pick<Location, "protocol" | "origin"> = window.location): string | undefined {
  return loc.protocol === "https:" || loc.protocol === "http:" ? loc.origin : undefined;
}

/** Renders the task pane into `container`; the Office entry and the preview page both call this. */
export function renderPane(container: HTMLElement, host: CaptureHost, opts: PaneOptions = {}): PaneHandle {
  const root = createRoot(container);
  root.render(
    <FluentProvider theme={webLightTheme}>
      <App
        host={host}
        storage={opts.storage ?? localPaneStorage()}
        fetchImpl={opts.fetchImpl}
        campaign={opts.campaign}
        serverOrigin={opts.serverOrigin}
      />
    </FluentProvider>,
  );
  return { unmount: () => root.unmount() };
}
