// What readers do on the built sample site (issue 14): find a place, open an IRIS profile
// from the map, read a map right (rate by default, circles for counts, legends with units,
// a secret legend that says nothing about why), share a view by its address, use a phone
// and the keyboard.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { openPage, useSite } from "./browser.ts";
import { distDir, SITE_PAGES } from "./site-files.ts";

const siteDir = process.env.ABS_SITE_DIR ?? distDir;
const PAGES = [...SITE_PAGES, "/iris/130010704"];
const APA = 'section.map-panel[data-visual="apa-iris-map"]';

const ready = (page: Page) =>
  page.waitForFunction(() => !document.querySelector(".observablehq--loading"), undefined, { timeout: 30_000 });

/** IRIS codes highlighted on the panel's map after choosing the first result for `query`. */
async function search(page: Page, query: string): Promise<string[]> {
  const panel = page.locator(APA);
  const input = panel.locator('input[name="lieu"]');
  await input.fill(query);
  await expect.poll(() => panel.locator(".place-results li").count()).toBeGreaterThan(0);
  await input.press("Enter");
  await expect.poll(() => panel.locator('path.zone[data-highlighted="true"]').count()).toBeGreaterThan(0);
  return panel
    .locator('path.zone[data-highlighted="true"]')
    .evaluateAll((paths) => paths.map((p) => p.getAttribute("data-code")!).sort());
}

describe("the site for its readers", () => {
  const site = useSite(siteDir);

  test("54 profile pages exist, one per IRIS", () => {
    const pages = readdirSync(join(siteDir, "iris")).filter((f) => /^\d{9}\.html$/.test(f));
    expect(pages).toHaveLength(54);
  });

  test("searching Encagnane, Jas de Bouffan and a street of Aix highlights the right IRIS", async () => {
    const watched = await openPage(site.browser, site.url, "/personnes-agees");
    try {
      await ready(watched.page);
      const names = await watched.page
        .locator(`${APA} path.zone`)
        .evaluateAll((paths) =>
          Object.fromEntries(paths.map((p) => [p.getAttribute("data-code"), p.getAttribute("data-name")])),
        );
      const encagnane = await search(watched.page, "Encagnane");
      expect(encagnane.length).toBeGreaterThan(0);
      for (const code of encagnane) expect(names[code]).toMatch(/^Encagnane/);
      const jas = await search(watched.page, "Jas de Bouffan");
      expect(jas).toEqual(
        Object.keys(names)
          .filter((c) => /^Jas \d$/.test(names[c]!))
          .sort(),
      );
      // A street: resolved through the public address reference to the IRIS of its numbers.
      const street = await search(watched.page, "cours mirabeau");
      expect(street.length).toBeGreaterThan(0);
      expect(await watched.page.locator(`${APA} .place-chosen`).innerText()).toMatch(/Cours Mirabeau/i);
      expect(await watched.page.locator(`${APA} .place-chosen a`).first().getAttribute("href")).toMatch(
        /^\.\/iris\/\d{9}$/,
      );
      expect(watched.consoleErrors).toEqual([]);
    } finally {
      await watched.page.context().close();
    }
  });

  test("Enter on a focused zone opens its profile, which shows « secret statistique » for secret cells", async () => {
    const watched = await openPage(site.browser, site.url, "/personnes-agees");
    try {
      await ready(watched.page);
      const zone = watched.page.locator(`${APA} path.zone[data-code="130010704"]`);
      await zone.focus();
      await expect.poll(() => watched.page.locator(`${APA} .map-tooltip`).isVisible()).toBe(true);
      expect(await watched.page.locator(`${APA} .map-tooltip`).innerText()).toContain("130010704");
      await Promise.all([watched.page.waitForURL(/\/iris\/130010704$/), zone.press("Enter")]);
      await ready(watched.page);
      await watched.page.waitForSelector(".iris-profile table");
      expect(await watched.page.locator("h1").innerText()).toContain("Jas 3");
      const text = await watched.page.locator(".iris-profile").innerText();
      expect(text).not.toMatch(/moins de 5/);
      expect(await watched.page.locator(".iris-profile .source-line").count()).toBeGreaterThan(0);
      expect(await watched.page.locator(".locator-map path.highlighted").count()).toBe(1);
      expect(watched.consoleErrors).toEqual([]);
    } finally {
      await watched.page.context().close();
    }
  });

  test("the APA map opens on a rate, births are circles, legends name their unit, the secret legend says only « secret statistique »", async () => {
    const watched = await openPage(site.browser, site.url, "/personnes-agees");
    try {
      await ready(watched.page);
      const apa = watched.page.locator(APA);
      expect(await apa.locator("svg.iris-map").getAttribute("data-mode")).toBe("choropleth");
      expect(await apa.locator('select[name="indicator"]').inputValue()).toBe("apa-per-100-aged-75p");
      expect(await apa.locator(".map-legend-unit").innerText()).toMatch(/Unité : pour 100/);
      const legend = await apa.locator(".map-legend").innerText();
      expect(legend).toContain("secret statistique");
      expect(legend).not.toMatch(/moins de 5|100 habitants/);
      await watched.page.goto(`${site.url}/petite-enfance`, { waitUntil: "networkidle" });
      await ready(watched.page);
      const births = watched.page.locator('section.map-panel[data-visual="petite-enfance-iris-map"]');
      await births.locator('select[name="indicator"]').selectOption("births");
      await expect.poll(() => births.locator("svg.iris-map").getAttribute("data-mode")).toBe("circles");
      expect(await births.locator("circle.count-circle").count()).toBeGreaterThan(10);
      expect(await births.locator(".map-legend-unit").innerText()).toMatch(/Unité : nombre/);
      for (const path of ["/personnes-agees", "/petite-enfance", "/portrait-territoire"]) {
        await watched.page.goto(`${site.url}${path}`, { waitUntil: "networkidle" });
        await ready(watched.page);
        const units = await watched.page
          .locator(".map-legend-block")
          .evaluateAll((blocks) => blocks.map((b) => (b.querySelector(".map-legend-unit")?.textContent ?? "").trim()));
        expect(units.length, path).toBeGreaterThan(0);
        for (const unit of units) expect(unit, path).toMatch(/^Unité : \S/);
        expect(await watched.page.locator("#observablehq-main").innerText(), path).not.toMatch(/moins de 5 personnes/);
      }
    } finally {
      await watched.page.context().close();
    }
  });

  test("a link with a chosen state, opened in a new page, restores indicator, year, breakdown and zones", async () => {
    const first = await openPage(site.browser, site.url, "/personnes-agees");
    let url: string;
    try {
      await ready(first.page);
      const apa = first.page.locator(APA);
      await apa.locator('select[name="indicator"]').selectOption("apa-beneficiaries");
      const years = await apa
        .locator('select[name="year"] option')
        .evaluateAll((o) => o.map((x) => x.getAttribute("value")));
      await apa.locator('select[name="year"]').selectOption(years[0]!);
      await apa.locator('select[name="category"]').selectOption("sex|F");
      await search(first.page, "Encagnane");
      url = first.page.url();
    } finally {
      await first.page.context().close();
    }
    expect(url).toContain("vue=apa-iris-map");
    const second = await openPage(site.browser, site.url, url.replace(site.url, ""));
    try {
      await ready(second.page);
      const apa = second.page.locator(APA);
      expect(await apa.locator('select[name="indicator"]').inputValue()).toBe("apa-beneficiaries");
      expect(await apa.locator('select[name="category"]').inputValue()).toBe("sex|F");
      expect(new URL(url).searchParams.get("annee")).toBe(await apa.locator('select[name="year"]').inputValue());
      const zones = new URL(url).searchParams.get("zones")!.split(",").sort();
      await expect
        .poll(() =>
          apa
            .locator('path.zone[data-highlighted="true"]')
            .evaluateAll((p) => p.map((x) => x.getAttribute("data-code")).sort()),
        )
        .toEqual(zones);
    } finally {
      await second.page.context().close();
    }
  });

  test.each(PAGES)("%s: no horizontal overflow at 390 px", async (path) => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}${path}`, { waitUntil: "networkidle" });
      await ready(page);
      await page.waitForTimeout(300);
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        view: window.innerWidth,
      }));
      expect(widths.scroll, path).toBeLessThanOrEqual(widths.view);
    } finally {
      await context.close();
    }
  });

  test("the first control is reached within three Tab presses after the skip link", async () => {
    const watched = await openPage(site.browser, site.url, "/personnes-agees");
    try {
      await ready(watched.page);
      await watched.page.keyboard.press("Tab");
      expect(await watched.page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
      await watched.page.keyboard.press("Enter");
      let reached = false;
      for (let i = 0; i < 3 && !reached; i++) {
        await watched.page.keyboard.press("Tab");
        reached = await watched.page.evaluate(() => {
          const el = document.activeElement;
          return !!el && ["INPUT", "SELECT", "BUTTON"].includes(el.tagName) && !!el.closest("#observablehq-main");
        });
      }
      expect(reached).toBe(true);
    } finally {
      await watched.page.context().close();
    }
  });
});
