/**
 * manifest.xml, offline: it parses, has what Office requires in the order Office's XSDs require (one
 * element out of order and Office refuses the add-in), names only icons that exist at the size it
 * claims, only HTTPS URLs, only pages the build produces — and the production URL rewrite works.
 */
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import {
  DEV_BASE_URL,
  normalizeBaseUrl,
  productionBaseUrl,
  rewriteManifest,
  rewriteUrls,
} from "../../scripts/addinUrls";
import { pngSize } from "../../scripts/make-icons";

const ROOT = join(__dirname, "..", "..");
const MANIFEST = readFileSync(join(ROOT, "manifest.xml"), "utf8");

/** fast-xml-parser's preserveOrder shape: one key per element, plus ":@" for attributes. */
type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

function toEl(node: OrderedNode): El | undefined {
  const name = Object.keys(node).find((k) => k !== ":@");
  if (!name || name === "#text" || name.startsWith("?") || name === "#comment") return undefined;
  const raw = node[name] as OrderedNode[];
  const children = raw.map(toEl).filter((c): c is El => c !== undefined);
  const text = raw
    .filter((c) => "#text" in c)
    .map((c) => String(c["#text"]))
    .join("");
  return { name, attrs: node[":@"] ?? {}, children, text };
}

function parse(xml: string): El {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: false,
    parseTagValue: false,
    commentPropName: "#comment",
  });
  const nodes = parser.parse(xml) as OrderedNode[];
  const roots = nodes.map(toEl).filter((e): e is El => e !== undefined);
  expect(roots).toHaveLength(1);
  return roots[0];
}

function child(el: El, name: string): El {
  const found = el.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${el.name}> has no <${name}>`);
  return found;
}

function walk(el: El, visit: (e: El) => void): void {
  visit(el);
  for (const c of el.children) walk(c, visit);
}

/**
 * The child order each XSD sequence requires (Microsoft's "manifest element ordering" page and the
 * MS-OWEMXML schema), for the elements this manifest uses. Unknown children fail too.
 */
const ORDER: Record<string, string[]> = {
  OfficeApp: [
    "Id",
    "AlternateId",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "AllowSnapshot",
    "VersionOverrides",
  ],
  Requirements: ["Sets", "Methods"],
  VersionOverrides: [
    "Description",
    "Requirements",
    "Hosts",
    "Resources",
    "WebApplicationInfo",
    "EquivalentAddins",
  ],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  Group: ["Label", "Icon", "Control"],
  Control: ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  Action: ["TaskpaneId", "SourceLocation", "Title"],
  Resources: ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"],
};

/** Elements Office (or this product) cannot do without. */
const REQUIRED: Record<string, string[]> = {
  OfficeApp: [
    "Id",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "VersionOverrides",
  ],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  DesktopFormFactor: ["ExtensionPoint"],
  Group: ["Label", "Icon", "Control"],
  Control: ["Label", "Supertip", "Icon", "Action"],
  Action: ["SourceLocation"],
};

function orderViolations(root: El): string[] {
  const problems: string[] = [];
  walk(root, (el) => {
    const order = ORDER[el.name];
    if (!order) return;
    let last = -1;
    for (const c of el.children) {
      const i = order.indexOf(c.name);
      if (i < 0) problems.push(`<${c.name}> is not a known child of <${el.name}>`);
      else if (i < last) problems.push(`<${c.name}> comes too late in <${el.name}>`);
      else last = i;
    }
    for (const name of REQUIRED[el.name] ?? []) {
      if (!el.children.some((c) => c.name === name)) problems.push(`<${el.name}> lacks <${name}>`);
    }
  });
  return problems;
}

/** resid → { kind, value } from <Resources>. */
function resources(root: El): Map<string, { kind: string; value: string }> {
  const map = new Map<string, { kind: string; value: string }>();
  const res = child(child(root, "VersionOverrides"), "Resources");
  for (const group of res.children) {
    for (const item of group.children)
      map.set(item.attrs.id, { kind: group.name, value: item.attrs.DefaultValue });
  }
  return map;
}

/** Every URL the manifest makes Office fetch or trust, with where it came from. */
function urlsOf(root: El): { where: string; url: string }[] {
  const out: { where: string; url: string }[] = [];
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    out.push({ where: name, url: child(root, name).attrs.DefaultValue });
  }
  out.push({
    where: "SourceLocation",
    url: child(child(root, "DefaultSettings"), "SourceLocation").attrs.DefaultValue,
  });
  for (const d of child(root, "AppDomains").children) out.push({ where: "AppDomain", url: d.text.trim() });
  for (const [id, r] of resources(root)) {
    if (r.kind === "bt:Images" || r.kind === "bt:Urls") out.push({ where: id, url: r.value });
  }
  return out;
}

/** Icon URL → the size the manifest claims for it. */
function claimedIcons(root: El): Map<string, number> {
  const res = resources(root);
  const claims = new Map<string, number>([
    [child(root, "IconUrl").attrs.DefaultValue, 32],
    [child(root, "HighResolutionIconUrl").attrs.DefaultValue, 64],
  ]);
  walk(child(root, "VersionOverrides"), (el) => {
    if (el.name !== "bt:Image" || !el.attrs.resid) return;
    const url = res.get(el.attrs.resid)?.value;
    if (!url) throw new Error(`image resid ${el.attrs.resid} is not defined`);
    const size = Number(el.attrs.size);
    if (claims.has(url) && claims.get(url) !== size) throw new Error(`${url} is claimed at two sizes`);
    claims.set(url, size);
  });
  return claims;
}

/** The path of a URL under the base, e.g. https://localhost:3000/assets/icon-16.png → assets/icon-16.png. */
function pathUnder(base: string, url: string): string {
  expect(url.startsWith(`${base}/`)).toBe(true);
  return url.slice(base.length + 1);
}

describe("manifest.xml", () => {
  const root = parse(MANIFEST);

  test("is a task-pane add-in for Excel workbooks, needing only ExcelApi 1.1 (Office 2016)", () => {
    expect(root.name).toBe("OfficeApp");
    expect(root.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(root.attrs.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(child(root, "Hosts").children.map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    const sets = child(child(root, "Requirements"), "Sets");
    expect(sets.children.map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([["ExcelApi", "1.1"]]);
    expect(child(root, "Permissions").text).toBe("ReadWriteDocument");
    const vo = child(root, "VersionOverrides");
    expect(vo.attrs.xmlns).toBe("http://schemas.microsoft.com/office/taskpaneappversionoverrides");
    expect(vo.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
  });

  test("has the required elements in the order Office's schema requires", () => {
    expect(orderViolations(root)).toEqual([]);
  });

  test("the order check catches a swapped pair", () => {
    const swapped = MANIFEST.replace(
      /(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/,
      "$3$2$1",
    );
    expect(swapped).not.toBe(MANIFEST);
    expect(orderViolations(parse(swapped))).toContain("<Version> comes too late in <OfficeApp>");
  });

  test("its Id is a GUID and its version has four parts", () => {
    expect(child(root, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(root, "Version").text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  test("speaks Chinese by default, within Office's length limits", () => {
    expect(child(root, "DefaultLocale").text).toBe("zh-CN");
    const name = child(root, "DisplayName").attrs.DefaultValue;
    const description = child(root, "Description").attrs.DefaultValue;
    expect(name).toMatch(/\p{Script=Han}/u);
    expect(description).toMatch(/\p{Script=Han}/u);
    expect(name.length).toBeLessThanOrEqual(125);
    expect(description.length).toBeLessThanOrEqual(250);
    for (const [id, r] of resources(root)) {
      if (r.kind === "bt:ShortStrings") expect([id, r.value.length <= 125]).toEqual([id, true]);
      if (r.kind === "bt:LongStrings") expect([id, r.value.length <= 250]).toEqual([id, true]);
      if (r.kind.endsWith("Strings")) expect(r.value).toMatch(/\p{Script=Han}/u);
    }
  });

  test("puts a button on the Home tab that opens taskpane.html", () => {
    const host = child(child(root, "VersionOverrides"), "Hosts").children[0];
    expect(host.attrs["xsi:type"]).toBe("Workbook");
    const point = child(child(host, "DesktopFormFactor"), "ExtensionPoint");
    expect(point.attrs["xsi:type"]).toBe("PrimaryCommandSurface");
    const tab = child(point, "OfficeTab");
    expect(tab.attrs.id).toBe("TabHome");
    const control = child(child(tab, "Group"), "Control");
    expect(control.attrs["xsi:type"]).toBe("Button");
    const action = child(control, "Action");
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    const url = resources(root).get(child(action, "SourceLocation").attrs.resid)?.value;
    expect(url).toBe(`${DEV_BASE_URL}/taskpane.html`);
    expect(child(child(root, "DefaultSettings"), "SourceLocation").attrs.DefaultValue).toBe(url);
  });

  test("every resid names a resource of the right kind, and no resource is unused", () => {
    const res = resources(root);
    const kindOf: Record<string, string> = {
      "bt:Image": "bt:Images",
      SourceLocation: "bt:Urls",
      LearnMoreUrl: "bt:Urls",
      Label: "bt:ShortStrings",
      Title: "bt:ShortStrings",
      Description: "bt:LongStrings",
    };
    const used = new Set<string>();
    walk(child(root, "VersionOverrides"), (el) => {
      if (!el.attrs.resid) return;
      used.add(el.attrs.resid);
      expect([el.name, el.attrs.resid, res.get(el.attrs.resid)?.kind]).toEqual([
        el.name,
        el.attrs.resid,
        kindOf[el.name],
      ]);
      expect(el.attrs.resid.length).toBeLessThanOrEqual(32);
    });
    expect([...res.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  test("every URL is https", () => {
    const urls = urlsOf(root);
    expect(urls.length).toBeGreaterThan(5);
    for (const { where, url } of urls) expect([where, new URL(url).protocol]).toEqual([where, "https:"]);
  });

  test("every icon exists in assets/ as a PNG of exactly the size the manifest claims", () => {
    const claims = claimedIcons(root);
    expect([...claims.values()].sort((a, b) => a - b)).toEqual([16, 32, 64, 80]);
    for (const [url, size] of claims) {
      const rel = pathUnder(DEV_BASE_URL, url);
      expect(rel).toMatch(/^assets\/icon-\d+\.png$/);
      const file = join(ROOT, rel);
      expect([rel, existsSync(file)]).toEqual([rel, true]);
      expect([rel, pngSize(readFileSync(file))]).toEqual([rel, { width: size, height: size }]);
    }
  });

  test("every page it names is one the build produces, and the build ships assets/", async () => {
    const load = createRequire(__filename);
    const factory = load(join(ROOT, "webpack.config.js")) as (
      env: Record<string, unknown>,
      argv: Record<string, unknown>,
    ) => Promise<{ plugins: { constructor: { name: string }; userOptions?: { filename?: string } }[] }>;
    const config = await factory({ quiet: true }, { mode: "production" });
    const pages = config.plugins
      .filter((p) => p.constructor.name === "HtmlWebpackPlugin")
      .map((p) => p.userOptions?.filename);
    const copy = config.plugins.find((p) => "patterns" in p) as unknown as {
      patterns: { from: string; to: string }[];
    };
    expect(copy.patterns).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: "assets", to: "assets" })]),
    );
    for (const { url } of urlsOf(root)) {
      if (url === DEV_BASE_URL) continue; // the AppDomain
      const rel = pathUnder(DEV_BASE_URL, url);
      if (rel.startsWith("assets/")) expect(existsSync(join(ROOT, rel))).toBe(true);
      else expect(pages).toContain(rel);
    }
  });
});

describe("production URL rewrite", () => {
  const BASE = "https://yjsy.example.edu.cn/capture";

  test("points every URL at ADDIN_BASE_URL and leaves a valid manifest", () => {
    const rewritten = rewriteManifest(MANIFEST, `${BASE}/`);
    expect(rewritten).not.toContain("localhost");
    const root = parse(rewritten);
    expect(orderViolations(root)).toEqual([]);
    for (const { where, url } of urlsOf(root)) {
      // AppDomain is an origin; everything else lives under the base path.
      if (where === "AppDomain") expect(url).toBe("https://yjsy.example.edu.cn");
      else expect([where, url.startsWith(`${BASE}/`)]).toEqual([where, true]);
    }
    for (const url of claimedIcons(root).keys())
      expect(existsSync(join(ROOT, pathUnder(BASE, url)))).toBe(true);
  });

  test("webpack's manifest copy applies it in production when ADDIN_BASE_URL is set", async () => {
    const load = createRequire(__filename);
    const factory = load(join(ROOT, "webpack.config.js")) as (
      env: Record<string, unknown>,
      argv: Record<string, unknown>,
    ) => Promise<{ plugins: { constructor: { name: string } }[] }>;
    const saved = process.env.ADDIN_BASE_URL;
    process.env.ADDIN_BASE_URL = BASE;
    try {
      const manifestCopy = async (mode: string) => {
        const config = await factory({ quiet: true }, { mode });
        const copy = config.plugins.find((p) => "patterns" in p) as unknown as {
          patterns: { to: string; transform?: (content: Buffer) => string }[];
        };
        const pattern = copy.patterns.find((p) => p.to === "manifest.xml");
        if (!pattern?.transform) throw new Error("manifest.xml is not copied with a transform");
        return pattern.transform(Buffer.from(MANIFEST, "utf8"));
      };
      const production = await manifestCopy("production");
      expect(production).toBe(rewriteManifest(MANIFEST, BASE));
      expect(production).toContain(`${BASE}/taskpane.html`);
      expect(production).not.toContain("localhost");
      // Development builds keep the dev server's URLs.
      expect(await manifestCopy("development")).toBe(MANIFEST);
    } finally {
      if (saved === undefined) delete process.env.ADDIN_BASE_URL;
      else process.env.ADDIN_BASE_URL = saved;
    }
  });

  test("accepts only plain https base URLs", () => {
    expect(normalizeBaseUrl("https://a.example.cn/")).toBe("https://a.example.cn");
    expect(normalizeBaseUrl(" https://a.example.cn/x/y// ")).toBe("https://a.example.cn/x/y");
    expect(() => normalizeBaseUrl("http://a.example.cn")).toThrow(/https/);
    expect(() => normalizeBaseUrl("a.example.cn")).toThrow(/not a URL/);
    expect(() => normalizeBaseUrl("https://a.example.cn/?v=1")).toThrow(/query/);
    expect(productionBaseUrl({})).toBeUndefined();
    expect(productionBaseUrl({ ADDIN_BASE_URL: "  " })).toBeUndefined();
    expect(productionBaseUrl({ ADDIN_BASE_URL: "https://a.example.cn/" })).toBe("https://a.example.cn");
  });

  test("rewrites only the development origin, not look-alikes", () => {
    const text = "https://localhost:3000/a https://localhost:30001/b https://localhost:3000";
    expect(rewriteUrls(text, BASE)).toBe(`${BASE}/a https://localhost:30001/b ${BASE}`);
  });
});
