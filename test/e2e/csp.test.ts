// Content-Security-Policy of the real site (the one build of the global set-up): every page
// carries its policy, allows only its own origin, and runs with no `securitypolicyviolation`
// event in Chromium. The failing cases (a script added by hand, outside requests) are shown
// on a small fixture site in test/trust/csp.test.ts.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { useSite } from "./browser.ts";
import { distDir, walkFiles } from "./site-files.ts";

const pages = walkFiles(distDir)
  .filter((f) => f.endsWith(".html") && !f.endsWith("404.html"))
  .map((f) => relative(distDir, f));

const site = useSite(distDir);

const policyOf = (html: string) =>
  /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? null;

describe("Content-Security-Policy of the built site", () => {
  it("every page declares a policy limited to its own origin, before any script", () => {
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const html = readFileSync(`${distDir}/${page}`, "utf8");
      const policy = policyOf(html);
      expect(policy, page).not.toBeNull();
      expect(policy!, page).toMatch(/default-src 'self'/);
      expect(policy!, page).not.toMatch(/https?:|\*|'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
      expect(html.indexOf("Content-Security-Policy"), page).toBeLessThan(html.indexOf("<script"));
      // WebAssembly only where DuckDB-wasm runs in the page.
      expect(policy!.includes("'wasm-unsafe-eval'"), page).toBe(page === "explorer.html");
    }
  });

  for (const page of pages) {
    it(`${page} runs with no violation`, async () => {
      const context = await site.browser.newContext();
      const tab = await context.newPage();
      await tab.addInitScript(() => {
        const store = window as unknown as { __violations: string[] };
        store.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) =>
          store.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
        );
      });
      await tab.goto(`${site.url}/${page.replace(/(index)?\.html$/, "")}`, { waitUntil: "networkidle" });
      await tab.waitForTimeout(500);
      const violations = await tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
      await context.close();
      expect(violations).toEqual([]);
    });
  }
});
