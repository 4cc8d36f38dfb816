// Editions and restitution tools, on the ONE shared build: the editions page of the sample (a first
// edition), and the restitution tools: the Personnes âgées map saved as SVG and PNG with its
// source line drawn in, and the print stylesheet hiding the controls.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openPage, useSite, type WatchedPage } from "./browser.ts";
import { distDir } from "./site-files.ts";

const MENTION = "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence";
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const unescapeXml = (text: string) =>
  text
    .replaceAll("&apos;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

describe("editions and restitution documents", () => {
  const site = useSite(distDir);

  test("the editions page says the sample is the first edition, with its date, and no error", async () => {
    const watched = await openPage(site.browser, site.url, "/editions");
    await watched.page.waitForSelector(".first-edition");
    const text = await watched.page.locator("#observablehq-main").innerText();
    expect(text).toContain("première édition");
    expect(text).toMatch(/Édition 20\d\d, publiée le (1er|\d{1,2}) [a-zéû]+ 20\d\d/);
    expect(await watched.page.locator(".archived-edition").count()).toBe(0);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await watched.page.context().close();
  });

  test("the editions page passes axe-core with no serious or critical violation", async () => {
    // axe is injected as a script: this context only bypasses the site's Content-Security-Policy.
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(`${site.url}/editions`, { waitUntil: "networkidle" });
      await page.waitForSelector(".edition-current");
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as {
            axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string }[] }> };
          }
        ).axe.run(document, { resultTypes: ["violations"] });
        return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
      });
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  describe("the Personnes âgées map saved as an image", () => {
    let watched: WatchedPage;
    const mapPanel = () => watched.page.locator('section.map-panel[data-visual="apa-iris-map"]');

    beforeAll(async () => {
      watched = await openPage(site.browser, site.url, "/personnes-agees");
      await watched.page.waitForSelector('section.map-panel[data-visual="apa-iris-map"] svg.iris-map path[data-code]');
    });
    afterAll(() => watched?.page.context().close());

    test("SVG: the 54 IRIS, the title, the Article 7 mention and the dates drawn in", async () => {
      const [download] = await Promise.all([
        watched.page.waitForEvent("download"),
        mapPanel().getByRole("button", { name: "Enregistrer l'image (SVG)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^apa-iris-map-20\d\d-edition-\d{4}-\d\d\.svg$/);
      const svg = readFileSync(await download.path(), "utf8");
      expect(svg.match(/<path [^>]*data-code="\d{9}"/g)).toHaveLength(54);
      const drawnText = unescapeXml([...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join(" "));
      expect(drawnText).toContain(MENTION);
      expect(drawnText).toMatch(/Données au \d{1,2} [a-zéû]+ 20\d\d/);
      expect(drawnText).toContain("L'APA à domicile par IRIS");
      // The same source line as the one printed under the map.
      const sourceLine = await mapPanel().locator(".map-panel-body > .source-line").first().innerText();
      expect(drawnText.replace(/\s+/g, " ")).toContain(sourceLine.trim().replace(/\s+/g, " "));
      expect(watched.consoleErrors).toEqual([]);
    });

    test("PNG: drawn on a canvas within the Content-Security-Policy", async () => {
      const [download] = await Promise.all([
        watched.page.waitForEvent("download"),
        mapPanel().getByRole("button", { name: "Enregistrer l'image (PNG)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^apa-iris-map-20\d\d-edition-\d{4}-\d\d\.png$/);
      const png = readFileSync(await download.path());
      expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(png.readUInt32BE(16)).toBeGreaterThan(480); // width: twice the composed image, at least
      expect(watched.consoleErrors).toEqual([]);
    });

    test("the evolution and comparison charts have their export buttons too", async () => {
      expect(
        await watched.page
          .locator('section.evolution-panel[data-visual="personnes-agees-evolution"] figure .export-image')
          .count(),
      ).toBe(2);
      // The comparison opens on a rate: its zones and its ranking of the IRIS are drawn, and each can be saved.
      const comparison = watched.page.locator('section.comparison-panel[data-visual="personnes-agees-comparaison"]');
      await comparison.locator("svg + .export-image").first().waitFor();
      expect(await comparison.locator(".export-image").count()).toBeGreaterThanOrEqual(1);
    });

    test("printed, the page hides the controls and the export buttons", async () => {
      await watched.page.emulateMedia({ media: "print" });
      try {
        expect(await mapPanel().locator(".export-image").first().isVisible()).toBe(false);
        expect(await mapPanel().locator(".map-controls").first().isVisible()).toBe(false);
        expect(await mapPanel().locator("svg.iris-map").isVisible()).toBe(true);
      } finally {
        await watched.page.emulateMedia({ media: "screen" });
      }
    });
  });
});
