/**
 * The add-in's URLs: manifest.xml and the pages are written against the development server, and a
 * production build points them at the host the graduate school serves the add-in from (ADDIN_BASE_URL).
 * Used by webpack.config.js (CommonJS) and by the manifest test, so only erasable TypeScript here.
 */

export const DEV_BASE_URL = "https://localhost:3000";

// Not followed by another digit or host character: https://localhost:30001 is a different origin.
const DEV_URL_PATTERN = /https:\/\/localhost:3000(?![\w.-])/g;

/**
 * Checks a production base URL: Office loads add-ins only over HTTPS. Returns it without a trailing
 * slash so that `${base}/taskpane.html` is well formed. Throws with a message naming the variable.
 */
export function normalizeBaseUrl(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`ADDIN_BASE_URL is not a URL: "${raw}"`);
  }
  if (url.protocol !== "https:")
    throw new Error(`ADDIN_BASE_URL must use https (Office requires it): "${raw}"`);
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(
      `ADDIN_BASE_URL must be a plain base URL without query, fragment or credentials: "${raw}"`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** Replaces every development URL in a text (manifest.xml, an HTML page) with the base URL. */
export function rewriteUrls(text: string, baseUrl: string): string {
  const base = normalizeBaseUrl(baseUrl);
  return text.replace(DEV_URL_PATTERN, base);
}

/**
 * The production base URL from the environment, or undefined when unset (a local production build
 * keeps the development URLs; webpack prints a warning).
 */
export function productionBaseUrl(env: Record<string, string | undefined>): string | undefined {
  const raw = env.ADDIN_BASE_URL;
  if (raw === undefined || raw.trim() === "") return undefined;
  return normalizeBaseUrl(raw);
}

/**
 * manifest.xml for a production host: every URL under the base, except <AppDomain>, which names an
 * origin (scheme and host) and must not carry the base's path.
 */
export function rewriteManifest(xml: string, baseUrl: string): string {
  const base = normalizeBaseUrl(baseUrl);
  const origin = new URL(base).origin;
  const domains = xml.replace(
    /(<AppDomain>\s*)https:\/\/localhost:3000(?![\w.-])\/?(\s*<\/AppDomain>)/g,
    `$1${origin}$2`,
  );
  return rewriteUrls(domains, base);
}
