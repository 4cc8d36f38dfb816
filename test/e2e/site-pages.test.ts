// Every page of the built site in Chromium: loads with no console error and no request leaving
// localhost, passes axe-core with no serious or critical violation, and carries the right
// source line under each visual (Article 7's mention for the Département's data, never for
// INSEE-only data).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { openPage, pageReady, useSite } from "./browser.ts";
import { ANALYSIS_PAGES, distDir, SITE_PAGES, THEME_PAGES } from "./site-files.ts";

const MENTION = "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence";
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
// ABS_SITE_DIR lets a developer point the test at another build of the site.
export const siteDir = process.env.ABS_SITE_DIR ?? distDir;

const PAGES = SITE_PAGES;
// The pages that show the Département's data: the home page and the themes but the portrait,
// which is drawn from INSEE alone (its source line must never carry Article 7's mention).
const PARTNER_PAGES = ["/", ...THEME_PAGES.filter((path) => path !== "/portrait-territoire"), ...ANALYSIS_PAGES];
// The pages whose visuals' source lines are read: a visit waits for them to be drawn.
const VISUAL_PAGES = [...PARTNER_PAGES, "/portrait-territoire"];

interface PageVisit {
  consoleErrors: string[];
  outsideRequests: string[];
  lang: string | null;
  /** The main content's lines, trimmed. */
  lines: string[];
  visuals: { id: string | null; lines: string[] }[];
  /** axe-core's serious and critical violations. */
  axe: string[];
}

/**
 * One visit per page for everything read from it. axe-core is evaluated through the browser's
 * debugging protocol, which the page's Content-Security-Policy does not govern (injecting it as
 * a script would need a second, CSP-less visit); the console and the requests are read before
 * axe runs, so that they are the page's own.
 */
async function visitPage(
  site: { browser: Browser; url: string },
  path: string,
  withVisuals: boolean,
): Promise<PageVisit> {
  const watched = await openPage(site.browser, site.url, path);
  const { page } = watched;
  try {
    await pageReady(page);
    if (withVisuals) await page.waitForSelector("[data-visual] .source-line");
    await page.waitForTimeout(300);
    const consoleErrors = [...watched.consoleErrors];
    const outsideRequests = [...watched.outsideRequests];
    const lang = await page.getAttribute("html", "lang");
    const text = await page.locator("#observablehq-main").innerText();
    const visuals = await page.$$eval("[data-visual]", (sections) =>
      sections.map((s) => ({
        id: s.getAttribute("data-visual"),
        lines: [...s.querySelectorAll(".source-line")].map((p) => (p as HTMLElement).textContent ?? ""),
      })),
    );
    await page.evaluate(axeSource);
    const axe = await page.evaluate(async () => {
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
    return { consoleErrors, outsideRequests, lang, lines: text.split("\n").map((l) => l.trim()), visuals, axe };
  } finally {
    await page.context().close();
  }
}

describe("every page of the site", () => {
  const site = useSite(siteDir);
  // Each page is visited once, by the first test that reads it.
  const visits = new Map<string, Promise<PageVisit>>();
  const visitOf = (path: string) => {
    if (!visits.has(path)) visits.set(path, visitPage(site, path, VISUAL_PAGES.includes(path)));
    return visits.get(path)!;
  };

  describe.each(PAGES)("%s", (path) => {
    let visit: PageVisit;
    beforeAll(async () => {
      visit = await visitOf(path);
    });

    test("loads with no console error and no request leaving localhost", () => {
      expect(visit.consoleErrors).toEqual([]);
      expect(visit.outsideRequests).toEqual([]);
      expect(visit.lang).toBe("fr");
      // An empty component must not surface as the word "null" or "undefined" in the page.
      expect(visit.lines.filter((l) => l === "null" || l === "undefined")).toEqual([]);
    });

    test("axe-core finds no serious or critical violation", () => {
      expect(visit.axe).toEqual([]);
    });

    if (PARTNER_PAGES.includes(path))
      test("every visual of the Département's data carries Article 7's mention and its dates", () => {
        expect(visit.visuals.length).toBeGreaterThan(0);
        for (const visual of visit.visuals) {
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
      });
  });

  test("the portrait's INSEE and CNAF visuals never carry Article 7's mention, and cite the Licence Ouverte", async () => {
    const { visuals } = await visitOf("/portrait-territoire");
    const lines = visuals.flatMap((visual) => visual.lines);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain("Conseil Départemental");
      expect(line).toMatch(/^(INSEE|CNAF)/);
      expect(line).toContain("Licence Ouverte / Open Licence 2.0 (Etalab)");
    }
  });
});
