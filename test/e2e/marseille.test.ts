// Marseille (13055), a commune split into 16 municipal arrondissements: `abs init` in a data
// folder of its own, one full build on the shared reference data, then the arrondissement level
// in the published tables, the audit catalogue, the topology and the pages. CPU-heavy (one full
// build of about 400 IRIS): opt-in with ABS_MARSEILLE=1; ABS_MARSEILLE_DIST=<folder> checks a
// site already built that way (its data folder beside it: <folder>/..).
import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { runTsx } from "../helpers/run-tsx.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";
import { launchChromium, openPage, serveFolder } from "./browser.ts";
import { walkFiles } from "./site-files.ts";

const enabled = process.env.ABS_MARSEILLE === "1" || !!process.env.ABS_MARSEILLE_DIST;
const dataFolder = useTempDirs("abs-marseille-");
const ARRONDISSEMENTS = Array.from({ length: 16 }, (_, i) => String(13201 + i));

const run = runTsx;

/** A site of Marseille built from `abs init --commune 13055`, or the one named by ABS_MARSEILLE_DIST. */
function marseilleSite(): string {
  if (process.env.ABS_MARSEILLE_DIST) return process.env.ABS_MARSEILLE_DIST;
  const data = dataFolder();
  const dist = join(data, "dist");
  const env = { ABS_DATA_DIR: data };
  const init = run(["loaders/cli.ts", "init", "--commune", "13055"], env);
  expect(init.status, init.output).toBe(0);
  const built = run(["loaders/site/build.ts", "--out", dist], env);
  expect(built.status, built.output.slice(-4000)).toBe(0);
  // The protected stage refuses to publish when the audit or the leak scan fails.
  expect(built.output).toContain("Site publié");
  return dist;
}

const json = (files: string[], pattern: RegExp) =>
  JSON.parse(
    readFileSync(
      files.find((f) => pattern.test(f))!,
      "utf8",
    ),
  ) as Record<string, never>;

async function parquetRows(file: string): Promise<Record<string, unknown>[]> {
  const bytes = readFileSync(file);
  return (await parquetReadObjects({
    file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  })) as Record<string, unknown>[];
}

describe.skipIf(!enabled)("Marseille and its arrondissements (ABS_MARSEILLE)", () => {
  it("publishes the arrondissement level: tables, audit catalogue, topology, maps and comparisons", async () => {
    const dist = marseilleSite();
    const files = walkFiles(dist);

    const catalogue = json(files, /\/catalogue\.[0-9a-f]+\.json$/) as unknown as {
      territory: { communeName: string; irisCount: number; arrondissements: { code: string; name: string }[] };
    };
    expect(catalogue.territory.communeName).toBe("Marseille");
    expect(catalogue.territory.irisCount).toBeGreaterThan(380);
    expect(catalogue.territory.arrondissements.map((a) => a.code)).toEqual(ARRONDISSEMENTS);
    expect(catalogue.territory.arrondissements[0]!.name).toBe("Marseille 1er arrondissement");

    // The published tables hold the 16 arrondissements, and each one's APA count is the sum of
    // its IRIS wherever all of them are public.
    const apa = await parquetRows(files.find((f) => /personnes-agees\.[0-9a-f]+\.parquet$/.test(f))!);
    const totals = apa.filter((r) => r.indicator === "apa-beneficiaries" && r.breakdown === "");
    const year = Math.max(...totals.map((r) => Number(r.year)));
    const ofYear = totals.filter((r) => Number(r.year) === year);
    const arrondissementCells = ofYear.filter((r) => r.level === "arrondissement");
    expect(arrondissementCells.map((r) => r.code).sort()).toEqual(ARRONDISSEMENTS);
    // Each public arrondissement holds at least its public IRIS, exactly them when all are
    // public (at sample volumes each arrondissement has a small IRIS hidden, so the first
    // check is the one that runs).
    let checked = 0;
    for (const cell of arrondissementCells) {
      const iris = ofYear.filter((r) => r.level === "iris" && String(r.code).startsWith(String(cell.code)));
      expect(iris.length).toBeGreaterThan(0);
      if (cell.secret) continue;
      const publicSum = iris.filter((r) => !r.secret).reduce((s, r) => s + Number(r.value), 0);
      if (iris.some((r) => r.secret)) expect(Number(cell.value), String(cell.code)).toBeGreaterThanOrEqual(publicSum);
      else expect(Number(cell.value), String(cell.code)).toBe(publicSum);
      checked++;
    }
    // Marseille's totals stay public (the suppression no longer cascades up to them).
    expect(ofYear.find((r) => r.level === "commune" && r.code === "13055")?.secret).toBe(false);

    // The audit read the arrondissements: their zones and the relations IRIS -> arrondissement -> commune.
    const audit = json(files, /audit-catalogue\.[0-9a-f]+\.json$/) as unknown as {
      zones: { level: string; code: string; population: number }[];
      sums: { total: string; parts: string[] }[];
    };
    expect(audit.zones.filter((z) => z.level === "arrondissement").map((z) => z.code)).toEqual(ARRONDISSEMENTS);
    const key = (level: string, code: string) => `apa-beneficiaries|${year}|${level}|${code}||`;
    expect(audit.sums.find((s) => s.total === key("arrondissement", "13201"))?.parts.length).toBeGreaterThan(1);
    expect(
      audit.sums.find((s) => s.total === key("commune", "13055") && s.parts.includes(key("arrondissement", "13216"))),
    ).toBeDefined();

    // Every IRIS of the topology carries its arrondissement, so that the pages merge them.
    const topology = json(files, /iris\.[0-9a-f]+\.json$/) as unknown as {
      objects: { iris: { geometries: { properties: { arrondissement?: string } }[] } };
    };
    const arrondissementOf = topology.objects.iris.geometries.map((g) => g.properties.arrondissement);
    expect(new Set(arrondissementOf)).toEqual(new Set(ARRONDISSEMENTS));

    // Screenshots for a person to look at, outside the repository.
    const shots = process.env.ABS_MARSEILLE_SHOTS ?? join(tmpdir(), "abs-marseille-shots");
    mkdirSync(shots, { recursive: true });
    await browserChecks(dist, shots);
    expect(checked).toBeGreaterThan(0);
  }, 1_800_000);
});

/** The APA map: the arrondissements' borders over the IRIS, then the arrondissement level; the comparison offers them. */
async function browserChecks(dist: string, shots: string): Promise<void> {
  const server = await serveFolder(dist);
  const browser = await launchChromium();
  try {
    for (const width of [1280, 390]) {
      const watched = await openPage(browser, server.url, "/personnes-agees");
      const { page } = watched;
      try {
        await page.setViewportSize({ width, height: 900 });
        const panel = page.locator('[data-visual="apa-iris-map"]');
        await panel.locator("svg .zone-outlines path.zone-outline").first().waitFor({ timeout: 90_000 });
        expect(await panel.locator("svg .zone-outlines path.zone-outline").count()).toBe(16);
        expect(await panel.locator("svg .zones path.zone").count()).toBeGreaterThan(380);
        await page.screenshot({ path: join(shots, `marseille-iris-${width}.png`) });

        const level = panel.locator('select[name="level"]');
        await level.selectOption("arrondissement");
        await panel.locator("svg.arrondissement-map").waitFor({ timeout: 30_000 });
        const zones = panel.locator("svg.arrondissement-map .zones path.zone");
        expect(await zones.count()).toBe(16);
        expect(await zones.first().getAttribute("data-name")).toMatch(/^Marseille \d+(er|e) arrondissement$/);
        // Each arrondissement drawn with its rank (« 1er », « 3e »): the full name fits in none.
        const labels = panel.locator("svg.arrondissement-map text.zone-label.fits");
        await expect.poll(() => labels.count()).toBe(16);
        const drawnLabels = await labels.evaluateAll((ts) =>
          ts.map((t) => `${t.textContent}:${(t as SVGTextElement).getBBox().width > 0}`),
        );
        expect(drawnLabels).toContain("1er:true");
        expect(drawnLabels.filter((l) => /^\d+(er|e):true$/.test(l))).toHaveLength(16);
        // The table alternative and the source line follow the level.
        expect(await panel.locator("details table tbody tr").count()).toBe(16);
        expect(await panel.locator(".source-line").count()).toBeGreaterThan(0);
        await panel.screenshot({ path: join(shots, `marseille-arrondissements-${width}.png`) });

        const comparison = page.locator('[data-visual="personnes-agees-comparaison"]');
        const offered = await comparison
          .locator('select[name="zone"] optgroup[label="Arrondissements"] option')
          .allTextContents();
        expect(offered).toHaveLength(16);
        await comparison.locator('select[name="zone"]').selectOption("13203");
        await comparison.locator('.comparison-zones li[data-code="13203"]').waitFor({ timeout: 30_000 });
        await comparison.screenshot({ path: join(shots, `marseille-comparaison-${width}.png`) });
        // Hundreds of IRIS: one profile a screen tall, the chosen IRIS named with their rank,
        // the full ranking a table the reader opens.
        const ranking = comparison.locator("figure.ranking-chart.profile svg");
        expect((await ranking.boundingBox())!.height).toBeLessThan(400);
        const rows = await comparison.locator("details.ranking-table tbody tr").count();
        expect(rows).toBeGreaterThan(300);
        expect(await comparison.locator("figure.ranking-chart figcaption").innerText()).toContain(`${rows} IRIS`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `largeur ${width}`).toBeLessThanOrEqual(0);

        expect(watched.consoleErrors).toEqual([]);
        expect(watched.outsideRequests).toEqual([]);
      } finally {
        await page.context().close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
