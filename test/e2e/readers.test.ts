// What readers do on the built sample site (issue 14): find a place, open an IRIS profile
// from the map, read a map right (rate by default, circles for counts, legends with units,
// a secret legend that says nothing about why), share a view by its address, use a phone
// and the keyboard.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { pageReady as ready, useSite, withPage } from "./browser.ts";
import { distDir, readBuiltTable, SITE_PAGES } from "./site-files.ts";

const siteDir = process.env.ABS_SITE_DIR ?? distDir;
const PAGES = [...SITE_PAGES, "/iris/130010704"];
const APA = 'section.map-panel[data-visual="apa-iris-map"]';
const COMPARISON = 'section.comparison-panel[data-visual="personnes-agees-comparaison"]';
const THEME_PAGES = ["/petite-enfance", "/personnes-agees", "/handicap", "/enfance-famille", "/aides-financieres"];

const PHONE = { width: 390, height: 844 };

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
    await withPage(site, "/personnes-agees", async (watched) => {
      // The map draws after the page's data has loaded: its zones, not the page, are awaited.
      await watched.page.waitForSelector(`${APA} path.zone[data-name]`);
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
    });
  });

  test("Enter on a focused zone opens its profile, which shows « secret statistique » for secret cells", async () => {
    await withPage(site, "/personnes-agees", async (watched) => {
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
    });
  });

  test("the APA map opens on a rate, births are circles, legends name their unit, the secret legend says only « secret statistique »", async () => {
    await withPage(site, "/personnes-agees", async (watched) => {
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
    });
  });

  test("a link with a chosen state, opened in a new page, restores indicator, year, breakdown and zones", async () => {
    const url = await withPage(site, "/personnes-agees", async (first) => {
      const apa = first.page.locator(APA);
      await apa.locator('select[name="indicator"]').selectOption("apa-beneficiaries");
      const years = await apa
        .locator('select[name="year"] option')
        .evaluateAll((o) => o.map((x) => x.getAttribute("value")));
      await apa.locator('select[name="year"]').selectOption(years[0]!);
      await apa.locator('select[name="category"]').selectOption("sex|F");
      await search(first.page, "Encagnane");
      return first.page.url();
    });
    expect(url).toContain("vue=apa-iris-map");
    await withPage(site, url.replace(site.url, ""), async (second) => {
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
    });
  });

  test.each(PAGES)("%s: no horizontal overflow at 390 px", async (path) => {
    await withPage(
      site,
      path,
      async ({ page }) => {
        await page.waitForTimeout(300);
        const widths = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          view: window.innerWidth,
        }));
        expect(widths.scroll, path).toBeLessThanOrEqual(widths.view);
      },
      PHONE,
    );
  });

  test("the first control is reached within three Tab presses after the skip link", async () => {
    await withPage(site, "/personnes-agees", async (watched) => {
      await watched.page.waitForSelector(`${APA} input[name="lieu"]`);
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
    });
  });

  test("the home page has the search box: « Jas de Bouffan » offers the profiles of its IRIS", async () => {
    await withPage(site, "/", async (watched) => {
      const input = watched.page.locator('input[name="lieu"]');
      await input.fill("Jas de Bouffan");
      await expect.poll(() => watched.page.locator(".place-results li").count()).toBeGreaterThan(0);
      await input.press("Enter");
      const links = watched.page.locator(".place-chosen a");
      await expect.poll(() => links.count()).toBeGreaterThan(3);
      expect(await links.first().innerText()).toMatch(/^Portrait de l'IRIS Jas \d$/);
      expect(await links.first().getAttribute("href")).toMatch(/^\.\/iris\/\d{9}$/);
      expect(watched.consoleErrors).toEqual([]);
    });
  });

  test("search names are written out: no FANTOIR abbreviation (« Qur », « Lieu-dit ») reaches lieux.json", () => {
    const folder = join(siteDir, "_file", "data", "observatoire");
    const file = readdirSync(folder).find((f) => /^lieux\.[0-9a-f]+\.json$/.test(f))!;
    const places = JSON.parse(readFileSync(join(folder, file), "utf8")) as { name: string; kind: string }[];
    expect(places.length).toBeGreaterThan(100);
    const odd = places.filter((p) => /^(Qur|Qrt|Lieu-dit|Residence|Cite|Zup) /.test(p.name));
    expect(odd).toEqual([]);
    // One entry per name and kind.
    const keys = places.map((p) => `${p.kind}|${p.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("compare: four zones on one scale, every IRIS ranked with the chosen ones highlighted, the zones in the URL", async () => {
    const url = await withPage(site, "/personnes-agees", async (first) => {
      const panel = first.page.locator(COMPARISON);
      // It opens on a rate, like the map, with the commune and the département.
      expect(await panel.locator('select[name="indicator"]').inputValue()).toBe("apa-per-100-aged-75p");
      // The panel redraws after each choice: its state is polled, not read once.
      await expect.poll(() => panel.locator(".comparison-zones li").count()).toBe(2);
      await panel.locator('select[name="zone"]').selectOption("130010704");
      await panel.locator('select[name="zone"]').selectOption("130010601");
      await expect.poll(() => panel.locator(".comparison-zones li").count()).toBe(4);
      // Four zones at most: the choice closes.
      await expect.poll(() => panel.locator('select[name="zone"]').isDisabled()).toBe(true);
      await expect.poll(() => panel.locator(".comparison-chart svg rect").count()).toBe(4);
      // One scale: an IRIS's bar has the same length in the zones chart and in the ranking.
      const year = Number(await panel.locator('select[name="year"]').inputValue());
      const cells = (await readBuiltTable("personnes-agees")).filter(
        (c) => c.indicator === "apa-per-100-aged-75p" && c.year === year && c.level === "iris" && c.breakdown === "",
      );
      const published = cells.filter((c) => !c.secret && c.value !== null);
      const rankingBars = panel.locator(".ranking-chart svg rect");
      await expect.poll(() => rankingBars.count()).toBe(published.length);
      const widths = await panel.locator(".comparison-chart svg rect, .ranking-chart svg rect").evaluateAll((rects) =>
        rects.map((r) => ({
          chart: r.closest("figure")!.className,
          fill: r.getAttribute("fill"),
          width: Number(r.getAttribute("width")),
        })),
      );
      // The chosen IRIS are red in the ranking; Jas 3's bar (third zone) is as long in both charts.
      const zoneBars = widths.filter((w) => w.chart === "comparison-chart");
      const highlighted = widths.filter((w) => w.chart === "ranking-chart" && w.fill === "#b03a2e");
      const chosen = ["130010704", "130010601"].filter((c) => published.some((p) => p.code === c));
      expect(highlighted.length).toBe(chosen.length);
      if (chosen.includes("130010704")) expect(highlighted.map((h) => h.width)).toContainEqual(zoneBars[2]!.width);
      // Ranked from the highest value down, secret IRIS left out and named apart.
      const ranked = widths.filter((w) => w.chart === "ranking-chart").map((w) => w.width);
      expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
      if (cells.some((c) => c.secret))
        expect(await panel.locator(".ranking-unranked").innerText()).toMatch(/Hors classement/);
      // Changes are signed wherever they are shown.
      const url = first.page.url();
      expect(new URL(url).searchParams.get("vue")).toBe("personnes-agees-comparaison");
      expect(new URL(url).searchParams.get("zones")).toBe("13001,13,130010704,130010601");
      expect(first.consoleErrors).toEqual([]);
      return url;
    });
    await withPage(site, url.replace(site.url, ""), async (second) => {
      const codes = await second.page
        .locator(`${COMPARISON} .comparison-zones li`)
        .evaluateAll((li) => li.map((l) => l.getAttribute("data-code")));
      expect(codes).toEqual(["13001", "13", "130010704", "130010601"]);
      await second.page.locator(`${COMPARISON} .comparison-zones li[data-code="13"] button`).click();
      await expect.poll(() => second.page.locator(`${COMPARISON} .comparison-zones li`).count()).toBe(3);
      await expect.poll(() => second.page.locator(`${COMPARISON} select[name="zone"]`).isDisabled()).toBe(false);
    });
  });

  test.each([{ width: 1280, height: 900 }, PHONE])(
    "the ranking's reference labels (commune, département) overlap no bar, nor each other, at $width px",
    async (viewport) => {
      await withPage(
        site,
        "/personnes-agees",
        async (watched) => {
          const chart = watched.page.locator(`${COMPARISON} .ranking-chart svg`).first();
          await expect.poll(() => chart.locator("rect").count()).toBeGreaterThan(1);
          const boxes = await chart.evaluate((svg) => {
            const box = (e: Element) => {
              const { left, right, top, bottom } = e.getBoundingClientRect();
              return { left, right, top, bottom, text: e.textContent ?? "" };
            };
            return {
              frame: box(svg),
              bars: [...svg.querySelectorAll("rect")].map(box),
              labels: [...svg.querySelectorAll("text")].filter((t) => / : /.test(t.textContent ?? "")).map(box),
            };
          });
          type Box = (typeof boxes.bars)[number];
          const meet = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          expect(boxes.labels.map((l) => l.text.split(" : ")[0])).toEqual(["Aix-en-Provence", "Bouches-du-Rhône"]);
          const barsBottom = Math.max(...boxes.bars.map((bar) => bar.bottom));
          for (const label of boxes.labels) {
            // Under every bar, whatever the values: inside the frame they sat on the lowest rows,
            // which any indicator whose lowest IRIS pass the commune's value covers.
            expect(label.top, label.text).toBeGreaterThanOrEqual(barsBottom);
            expect(
              boxes.bars.filter((bar) => meet(label, bar)),
              label.text,
            ).toEqual([]);
            // Inside the image (it is exported and printed as is).
            expect(label.left, label.text).toBeGreaterThanOrEqual(boxes.frame.left);
            expect(label.right, label.text).toBeLessThanOrEqual(boxes.frame.right);
            expect(label.bottom, label.text).toBeLessThanOrEqual(boxes.frame.bottom);
          }
          expect(meet(boxes.labels[0]!, boxes.labels[1]!)).toBe(false);
        },
        viewport,
      );
    },
  );

  test("evolutions are signed in the evolution tables and key figures", async () => {
    for (const path of ["/personnes-agees", "/"]) {
      await withPage(site, path, async (watched) => {
        await watched.page.waitForSelector("[data-visual]");
        const changes = await watched.page
          .locator(
            ".evolution-table tbody td:nth-child(3), .evolution-table tbody td:nth-child(5), .key-figure .change",
          )
          .allInnerTexts();
        expect(changes.length, path).toBeGreaterThan(0);
        for (const text of changes) expect(text.trim(), path).toMatch(/^(▲ |▼ )?([+−]\d|0,0 %|secret|n\.d\.|—)/);
        expect(
          changes.some((t) => /[+−]\d+,\d %/.test(t)),
          path,
        ).toBe(true);
      });
    }
  });

  test.each([...THEME_PAGES, "/", "/portrait-territoire", "/iris/130010704"])(
    "%s: one source line per visual",
    async (path) => {
      await withPage(site, path, async (watched) => {
        await watched.page.waitForSelector(".source-line");
        const counts = await watched.page
          .locator("[data-visual], .profile-theme")
          .evaluateAll((sections) =>
            sections.map((s) => [
              s.getAttribute("data-visual") ?? s.querySelector("h2")?.textContent,
              s.querySelectorAll(".source-line").length,
            ]),
          );
        expect(counts.length).toBeGreaterThan(0);
        for (const [visual, n] of counts) expect(n, String(visual)).toBe(1);
      });
    },
  );

  test("the methodology is in short parts, the definitions on their own page, glossary terms linked at first use", async () => {
    await withPage(site, "/methodologie", async (watched) => {
      const height = await watched.page.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeLessThan(6000);
      expect(await watched.page.locator('#observablehq-main a[href="./definitions"]').count()).toBeGreaterThan(0);
      await watched.page.goto(`${site.url}/definitions`, { waitUntil: "networkidle" });
      await ready(watched.page);
      await watched.page.waitForSelector("details.definition-entry");
      expect(await watched.page.locator("details.definition-entry").count()).toBeGreaterThan(30);
      expect(await watched.page.locator("#observablehq-toc li").count()).toBeGreaterThanOrEqual(6);
      expect(await watched.page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(6000);
      await watched.page.goto(`${site.url}/glossaire`, { waitUntil: "networkidle" });
      const terms = new Set(await watched.page.locator("dl.glossary dt").evaluateAll((dts) => dts.map((d) => d.id)));
      const expected: Record<string, string[]> = {
        "/personnes-agees": ["apa", "gir", "ash", "iris"],
        "/handicap": ["actp", "pch"],
        "/enfance-famille": ["ase", "aed-aemo"],
        "/aides-financieres": ["faj", "fsl"],
        "/portrait-territoire": ["filosofi", "caf", "iris"],
      };
      for (const [path, ids] of Object.entries(expected)) {
        await watched.page.goto(`${site.url}${path}`, { waitUntil: "networkidle" });
        const linked = await watched.page
          .locator('#observablehq-main a[href^="./glossaire#"]')
          .evaluateAll((links) => links.map((a) => a.getAttribute("href")!.split("#")[1]));
        for (const id of ids) {
          expect(linked, path).toContain(id);
          expect(terms.has(id), id).toBe(true);
        }
      }
    });
  });

  test.each(["/personnes-agees", "/petite-enfance", "/portrait-territoire"])(
    "%s: on a 390 px phone the map starts within the first screen",
    async (path) => {
      await withPage(
        site,
        path,
        async ({ page }) => {
          await page.waitForSelector("svg.iris-map path.zone");
          const top = await page
            .locator("svg.iris-map")
            .first()
            .evaluate((svg) => svg.getBoundingClientRect().top);
          // At least a third of the map (its top 250 px) is on the first screen.
          expect(top, path).toBeLessThan(844 - 250);
        },
        PHONE,
      );
    },
  );

  test("the explorer's default query answers with French headers", async () => {
    await withPage(site, "/explorer", async (watched) => {
      await watched.page.waitForSelector(".explorer-status[data-ready='true']", { timeout: 60_000 });
      expect(await watched.page.locator("#sql").inputValue()).toMatch(/^-- Bénéficiaires de l'APA/);
      await watched.page.click(".explorer-form button[type=submit]");
      await watched.page.waitForSelector("#sql-result table");
      expect(await watched.page.locator("#sql-result thead th").allInnerTexts()).toEqual([
        "Année",
        "Niveau",
        "Code de la zone",
        "Valeur",
        "Secret statistique",
      ]);
      expect(await watched.page.locator("#sql-result tbody td:nth-child(5)").first().innerText()).toMatch(
        /^(oui|non)$/,
      );
    });
  });
});
