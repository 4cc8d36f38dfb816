import { describe, expect, test } from "vitest";
import { neutralizeCdnUrls, UNREACHABLE_PREFIX } from "../../loaders/site/cdn-urls.ts";

describe("CDN addresses in bundled libraries", () => {
  test("are rewritten to a path inside the site", () => {
    const code = 'let e="https://cdn.jsdelivr.net/npm/".concat(U,"@");fetch("https://extensions.duckdb.org/v1/x")';
    const out = neutralizeCdnUrls(code);
    expect(out).not.toMatch(/jsdelivr|duckdb\.org/);
    expect(out).toContain(`"${UNREACHABLE_PREFIX}npm/"`);
  });
  test("leave other code alone", () => {
    const code = 'const ns="http://www.w3.org/2000/svg";';
    expect(neutralizeCdnUrls(code)).toBe(code);
  });
});
