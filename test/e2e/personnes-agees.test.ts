import { beforeAll, describe, expect, test } from "vitest";
import { openPage, useSite, type WatchedPage } from "./browser.ts";
import { distDir, readBuiltTable, type CellRow } from "./site-files.ts";

const MENTION = "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence";
// Three IRIS named by the test, of different parts of Aix (centre, south-west, north).
const NAMED_IRIS = ["130010101", "130010905", "130010801"];

describe("page Personnes âgées", () => {
  const site = useSite(distDir);
  let watched: WatchedPage;
  let cells: CellRow[];
  let year: number;

  beforeAll(async () => {
    watched = await openPage(site.browser, site.url, "/personnes-agees");
    await watched.page.waitForSelector("svg.iris-map path[data-code]");
    // The map opens on a rate (a count would be drawn as circles, not fills).
    const shown = await watched.page.locator('select[name="indicator"]').first().inputValue();
    expect(shown).toBe("apa-per-100-aged-75p");
    cells = (await readBuiltTable("personnes-agees")).filter(
      (c) => c.indicator === shown && c.level === "iris" && c.breakdown === "",
    );
    year = Math.max(...cells.map((c) => c.year));
  });

  test("draws 54 IRIS, each inside the map and smaller than Aix", async () => {
    const boxes = await watched.page.$$eval("svg.iris-map path[data-code]", (paths) => {
      const svg = (paths[0] as SVGPathElement).ownerSVGElement!;
      const frame = svg.viewBox.baseVal;
      return {
        frame: { width: frame.width, height: frame.height },
        shapes: paths.map((p) => {
          const b = (p as SVGPathElement).getBBox();
          return { x: b.x, y: b.y, width: b.width, height: b.height };
        }),
      };
    });
    expect(boxes.shapes).toHaveLength(54);
    const minX = Math.min(...boxes.shapes.map((b) => b.x));
    const minY = Math.min(...boxes.shapes.map((b) => b.y));
    const maxX = Math.max(...boxes.shapes.map((b) => b.x + b.width));
    const maxY = Math.max(...boxes.shapes.map((b) => b.y + b.height));
    const aixArea = (maxX - minX) * (maxY - minY);
    for (const b of boxes.shapes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(boxes.frame.width);
      expect(b.y + b.height).toBeLessThanOrEqual(boxes.frame.height);
      expect(b.width * b.height).toBeLessThan(aixArea);
    }
  });

  test("the fills of three named IRIS match their published values", async () => {
    const scale = await watched.page.$eval("svg.iris-map", (svg) => ({
      thresholds: JSON.parse(svg.getAttribute("data-thresholds")!),
      colours: JSON.parse(svg.getAttribute("data-colours")!),
    }));
    for (const code of NAMED_IRIS) {
      const cell = cells.find((c) => c.code === code && c.year === year);
      expect(cell, `cellule publiée pour ${code}`).toBeDefined();
      expect(cell!.secret, `${code} ne doit pas être secret dans l'échantillon`).toBe(false);
      const drawn = await watched.page.$eval(`svg.iris-map path[data-code="${code}"]`, (p) => ({
        fill: p.getAttribute("fill"),
        value: p.getAttribute("data-value"),
      }));
      expect(Number(drawn.value)).toBe(cell!.value);
      const classIndex = scale.thresholds.filter((t: number) => cell!.value! >= t).length;
      expect(drawn.fill).toBe(cell!.value === 0 ? "#ffffff" : scale.colours[classIndex]);
    }
  });

  test("the secret pattern sits exactly on the secret IRIS", async () => {
    const hatched = await watched.page.$$eval("svg.iris-map path[data-code]", (paths) =>
      paths
        .filter((p) => /^url\(#.*-secret\)$/.test(p.getAttribute("fill") ?? ""))
        .map((p) => p.getAttribute("data-code")),
    );
    const secret = cells.filter((c) => c.year === year && c.secret).map((c) => c.code);
    expect(secret.length).toBeGreaterThan(0);
    expect(hatched.sort()).toEqual(secret.sort());
    expect(await watched.page.getByText("secret statistique", { exact: false }).first().isVisible()).toBe(true);
  });

  test("the source mention, the date and the fictitious-data banner are visible", async () => {
    const source = watched.page.locator(".source-line").first();
    expect(await source.isVisible()).toBe(true);
    expect(await source.innerText()).toContain(MENTION);
    expect(await source.innerText()).toContain(`31 décembre ${year}`);
    expect(await watched.page.getByText("Données fictives.").isVisible()).toBe(true);
  });

  test("a rate per 1,000 says so on its comparison's axis and table (not « pour 100 »)", async () => {
    const panel = watched.page.locator('[data-visual="ash-tableau"]');
    await panel.locator('select[name="indicator"]').selectOption("ash-elderly-per-1000-aged-60p");
    const header = panel.locator("table thead th").nth(1);
    await expect.poll(() => header.textContent()).toMatch(/^Valeur \(pour 1\s000\)$/);
    expect(await panel.innerText()).not.toContain("(pour 100)");
  });

  test("no console error and no request leaving localhost", () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
  });
});
