// Content-Security-Policy of the real site (the one build of the global set-up): every page
// carries its policy, allows only its own origin, and runs with no `securitypolicyviolation`
// event in Chromium. The failing cases (a script added by hand, outside requests) are shown
// on a small fixture site in test/trust/csp.test.ts.
//
// The 54 IRIS profile pages are copies of one page (loaders/site/iris-pages.ts): opening each
// in Chromium took two minutes and proved nothing the first and the last do not. Every page is
// checked statically (its policy names exactly the hashes of its own inline scripts, and the
// profiles are the same bytes), and two of them run in the browser.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inlineScripts, scriptHash } from "../../loaders/site/csp.ts";
import { pageReady, useSite } from "./browser.ts";
import { distDir, walkFiles } from "./site-files.ts";

const pages = walkFiles(distDir)
  .filter((f) => f.endsWith(".html") && !f.endsWith("404.html"))
  .map((f) => relative(distDir, f))
  .sort();
const htmlOf = (page: string) => readFileSync(`${distDir}/${page}`, "utf8");

const IRIS_PAGE = /^iris\/(\d{9})\.html$/;
const irisPages = pages.filter((page) => IRIS_PAGE.test(page));
// The pages opened in Chromium: every page of its own, and the first and last IRIS profiles.
const browserPages = [...pages.filter((page) => !IRIS_PAGE.test(page)), ...[irisPages[0], irisPages.at(-1)]].filter(
  (page): page is string => page !== undefined,
);

const site = useSite(distDir);

const POLICY_META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;
const policyOf = (html: string) => POLICY_META.exec(html)?.[1] ?? null;

describe("Content-Security-Policy of the built site", () => {
  it("every page declares a policy limited to its own origin, before any script", () => {
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const html = htmlOf(page);
      const policy = policyOf(html);
      expect(policy, page).not.toBeNull();
      expect(policy!, page).toMatch(/default-src 'self'/);
      expect(policy!, page).not.toMatch(/https?:|\*|'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
      expect(html.indexOf("Content-Security-Policy"), page).toBeLessThan(html.indexOf("<script"));
      // WebAssembly only where DuckDB-wasm runs in the page.
      expect(policy!.includes("'wasm-unsafe-eval'"), page).toBe(page === "explorer.html");
    }
  });

  it("every page's policy allows exactly its own inline scripts, by their hashes", () => {
    for (const page of pages) {
      const html = htmlOf(page);
      const allowed = new Set(policyOf(html)!.match(/'sha256-[^']+'/g) ?? []);
      expect(allowed, page).toEqual(new Set(inlineScripts(html).map(scriptHash)));
    }
  });

  it("the IRIS profiles are one page copied: the same bytes, with no IRIS code in them", () => {
    expect(irisPages.length).toBeGreaterThan(1);
    const [first, ...others] = irisPages;
    const html = htmlOf(first!);
    for (const page of irisPages) expect(html).not.toContain(IRIS_PAGE.exec(page)![1]);
    for (const page of others) expect(htmlOf(page), page).toBe(html);
  });

  describe("in Chromium", () => {
    // One context for the file: the site's modules load once, each page keeps its own window.
    let context: BrowserContext;
    beforeAll(async () => {
      context = await site.browser.newContext();
      await context.addInitScript(() => {
        const store = window as unknown as { __violations: string[] };
        store.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) =>
          store.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
        );
      });
    });
    afterAll(() => context?.close());

    it.each(browserPages)("%s runs with no violation", async (page) => {
      const tab = await context.newPage();
      try {
        await tab.goto(`${site.url}/${page.replace(/(index)?\.html$/, "")}`, { waitUntil: "networkidle" });
        // Violations raised while the page draws its visuals count too.
        await pageReady(tab);
        await tab.waitForTimeout(300);
        const violations = await tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
        expect(violations).toEqual([]);
      } finally {
        await tab.close();
      }
    });
  });
});
