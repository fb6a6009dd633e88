import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { DeskApp } from "./DeskApp";
import { saveWithLink, sessionKeyStore, systemClock } from "./environment";

/** The desk page's entry (desk.html): served by the host server, so every request goes to its own origin. */
const container = document.getElementById("desk");
if (container) {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <DeskApp
        fetchImpl={(url, init) => fetch(url, init)}
        keyStore={sessionKeyStore()}
        clock={systemClock}
        saveFile={saveWithLink}
      />
    </FluentProvider>,
  );
}
