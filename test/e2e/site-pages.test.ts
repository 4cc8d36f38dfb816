// Every page of the built site in Chromium: loads with no console error and no request leaving
// localhost, passes axe-core with no serious or critical violation, and carries the right
// source line under each visual (Article 7's mention for the Département's data, never for
// INSEE-only data).
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { openPage, useSite } from "./browser.ts";
import { ANALYSIS_PAGES, distDir, SITE_PAGES, THEME_PAGES } from "./site-files.ts";

const MENTION = "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence";
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
// ABS_SITE_DIR lets a developer point the test at another build of the site.
export const siteDir = process.env.ABS_SITE_DIR ?? distDir;

const PAGES = SITE_PAGES;
// The pages that show the Département's data: the home page and the themes but the portrait,
// which is drawn from INSEE alone (its source line must never carry Article 7's mention).
const PARTNER_PAGES = ["/", ...THEME_PAGES.filter((path) => path !== "/portrait-territoire"), ...ANALYSIS_PAGES];

describe("every page of the site", () => {
  const site = useSite(siteDir);

  test.each(PAGES)("%s loads with no console error and no request leaving localhost", async (path) => {
    const watched = await openPage(site.browser, site.url, path);
    try {
      // Pages render their visuals after loading their tables: wait for the main content.
      await watched.page.waitForFunction(() => !document.querySelector(".observablehq--loading"), undefined, {
        timeout: 30_000,
      });
      await watched.page.waitForTimeout(300);
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.outsideRequests).toEqual([]);
      expect(await watched.page.getAttribute("html", "lang")).toBe("fr");
      // An empty component must not surface as the word "null" or "undefined" in the page.
      const text = await watched.page.locator("#observablehq-main").innerText();
      expect(
        text
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l === "null" || l === "undefined"),
      ).toEqual([]);
    } finally {
      await watched.page.context().close();
    }
  });

  test.each(PAGES)("%s: axe-core finds no serious or critical violation", async (path) => {
    // axe is injected as a script: this context only bypasses the site's Content-Security-Policy.
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(`${site.url}${path}`, { waitUntil: "networkidle" });
      await page.waitForFunction(() => !document.querySelector(".observablehq--loading"), undefined, {
        timeout: 30_000,
      });
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as {
            axe: {
              run: (
                ctx: unknown,
                opts: unknown,
              ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe.run(document, { resultTypes: ["violations"] });
        return result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map(
            (v) =>
              `${v.id} (${v.impact}) : ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(" "))
                .join(", ")}`,
          );
      });
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test.each(PARTNER_PAGES)(
    "%s: every visual of the Département's data carries Article 7's mention and its dates",
    async (path) => {
      const watched = await openPage(site.browser, site.url, path);
      try {
        await watched.page.waitForSelector("[data-visual] .source-line");
        const visuals = await watched.page.$$eval("[data-visual]", (sections) =>
          sections.map((s) => ({
            id: s.getAttribute("data-visual"),
            lines: [...s.querySelectorAll(".source-line")].map((p) => (p as HTMLElement).textContent ?? ""),
          })),
        );
        expect(visuals.length).toBeGreaterThan(0);
        for (const visual of visuals) {
          expect(visual.lines.length, `${visual.id} sans ligne de source`).toBeGreaterThan(0);
          expect(
            visual.lines.some((l) => l.includes(MENTION)),
            `${visual.id} sans la mention de l'article 7`,
          ).toBe(true);
          expect(
            visual.lines.every((l) => /[Dd]onnées au \d{1,2} \p{L}+ \d{4}/u.test(l)),
            `${visual.id} sans date des données`,
          ).toBe(true);
        }
      } finally {
        await watched.page.context().close();
      }
    },
  );

  test("the portrait's INSEE and CNAF visuals never carry Article 7's mention, and cite the Licence Ouverte", async () => {
    const watched = await openPage(site.browser, site.url, "/portrait-territoire");
    try {
      await watched.page.waitForSelector("[data-visual] .source-line");
      const lines = await watched.page.$$eval("[data-visual] .source-line", (ps) =>
        ps.map((p) => (p as HTMLElement).textContent ?? ""),
      );
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line).not.toContain("Conseil Départemental");
        expect(line).toMatch(/^(INSEE|CNAF)/);
        expect(line).toContain("Licence Ouverte / Open Licence 2.0 (Etalab)");
      }
    } finally {
      await watched.page.context().close();
    }
  });
});
