import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Libraries bundled into the site carry fall-back addresses of public CDNs (DuckDB-wasm's
 * getJsDelivrBundles, extension repositories). The site never calls them, but a reader's
 * browser must not be able to: each such address is rewritten to a path inside the site that
 * does not exist, so a stray call fails locally (and the Content-Security-Policy forbids it).
 */
const CDN_PREFIXES = [
  "https://cdn.jsdelivr.net/",
  "https://unpkg.com/",
  "https://esm.sh/",
  "https://extensions.duckdb.org/",
  "https://registry.npmjs.org/",
];

export const UNREACHABLE_PREFIX = "/_cdn-desactive/";

export function neutralizeCdnUrls(code: string): string {
  let out = code;
  for (const prefix of CDN_PREFIXES) out = out.split(prefix).join(UNREACHABLE_PREFIX);
  return out;
}

/** Rewrites every built script; returns how many files changed. */
export function neutralizeCdnUrlsIn(dir: string): number {
  let changed = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      changed += neutralizeCdnUrlsIn(path);
    } else if (/\.(m?js|html)$/.test(entry)) {
      const code = readFileSync(path, "utf8");
      const rewritten = neutralizeCdnUrls(code);
      if (rewritten !== code) {
        writeFileSync(path, rewritten);
        changed++;
      }
    }
  }
  return changed;
}
