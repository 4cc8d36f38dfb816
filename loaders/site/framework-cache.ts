import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { frameworkCacheDir, projectRoot } from "../paths.ts";

/**
 * Libraries Framework's client *could* load from jsDelivr. Building the client asks the npm
 * registry for their versions even when no page uses them; an empty cache folder per library
 * pins a version so the build never goes online. Versions come from node_modules when the
 * package is installed; the others are never loaded (no page imports them implicitly, which
 * the offline build test would reveal).
 */
const PINNED_LIBRARIES: Record<string, string> = {
  "@observablehq/plot": "0.6.17",
  "@observablehq/sample-datasets": "1.0.1",
  "apache-arrow": "17.0.0",
  arquero: "8.0.3",
  d3: "7.9.0",
  "d3-dsv": "3.0.1",
  echarts: "5.6.0",
  htl: "0.3.1",
  leaflet: "1.9.4",
  lodash: "4.17.21",
  "mapbox-gl": "3.9.4",
  "parquet-wasm": "0.6.1",
  react: "19.0.0",
  "react-dom": "19.0.0",
  "topojson-client": "3.1.0",
};

function installedVersion(name: string): string | undefined {
  const manifest = join(projectRoot, "node_modules", name, "package.json");
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}

export function pinFrameworkLibraries(): void {
  for (const [name, fallback] of Object.entries(PINNED_LIBRARIES)) {
    const version = installedVersion(name) ?? fallback;
    mkdirSync(join(frameworkCacheDir, "_npm", `${name}@${version}`), { recursive: true });
  }
}

/**
 * Framework reuses stale loader output: drop it before a build or a preview. Kept: the npm
 * pins, and `_node`, Framework's bundles of the libraries pages import from node_modules
 * (named by package and version, built locally, no data in them): rebundling them costs
 * about 30 s on the first page of every preview.
 */
export function clearLoaderCache(): void {
  if (!existsSync(frameworkCacheDir)) return;
  for (const entry of readdirSync(frameworkCacheDir)) {
    if (entry !== "_npm" && entry !== "_node") rmSync(join(frameworkCacheDir, entry), { recursive: true, force: true });
  }
}
