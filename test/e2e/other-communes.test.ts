// The same observatory for other communes, by configuration alone: `abs init --commune`
// writes a data folder of its own (ABS_DATA_DIR), and the site builds from it on the shared
// reference data. CPU-heavy (one full build per commune): opt-in with ABS_OTHER_COMMUNES=1,
// or ABS_OTHER_COMMUNES=13004,13060 for a few.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { personalValuesOfInputs } from "../../loaders/privacy/collect.ts";
import { LeakScanner } from "../../loaders/privacy/leak-scan.ts";
import { exportFilesIn } from "../../loaders/records/inputs.ts";
import { runTsx } from "../helpers/run-tsx.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";
import { launchChromium, openPage, serveFolder } from "./browser.ts";
import { walkFiles } from "./site-files.ts";

const ALL = [
  { code: "13004", name: "Arles", iris: 25 },
  { code: "13060", name: "Meyreuil", iris: 0 },
  { code: "13055", name: "Marseille", iris: 393 },
];
const asked = process.env.ABS_OTHER_COMMUNES;
const communes = !asked ? [] : asked === "1" ? ALL : ALL.filter((c) => asked.split(",").includes(c.code));
const dataFolder = useTempDirs("abs-commune-");

const run = runTsx;

describe.skipIf(communes.length === 0)("the observatory of another commune (ABS_OTHER_COMMUNES)", () => {
  for (const commune of communes) {
    it(`${commune.name} (${commune.code}): init, then a site that names it and never Aix`, async () => {
      const data = dataFolder();
      const dist = join(data, "dist");
      const env = { ABS_DATA_DIR: data };
      const init = run(["loaders/cli.ts", "init", "--commune", commune.code], env);
      expect(init.status, init.output).toBe(0);
      expect(init.output).toContain(commune.name);
      const config = JSON.parse(readFileSync(join(data, "observatory.json"), "utf8"));
      expect(config.territory.commune).toBe(commune.code);
      const started = performance.now();
      const built = run(["loaders/site/build.ts", "--out", dist], env);
      console.log(`${commune.name} : construction en ${((performance.now() - started) / 1000).toFixed(0)} s`);
      expect(built.status, built.output.slice(-4000)).toBe(0);
      // The protected stage throws when the audit fails, so nothing is published; its
      // « Audit … réussi » line stays in Framework's transcript, printed only on failure.
      expect(built.output).toContain("Site publié");

      const files = walkFiles(dist);
      const texts = files.filter((f) => /\.(html|json|csv|js)$/.test(f) && !f.includes("_npm") && !f.includes("_node"));
      const index = readFileSync(join(dist, "index.html"), "utf8");
      expect(index).toContain("Observatoire");
      expect(index).toContain(commune.name);
      const catalogueFile = files.find((f) => /\/catalogue\.[0-9a-f]+\.json$/.test(f))!;
      const catalogue = JSON.parse(readFileSync(catalogueFile, "utf8"));
      expect(catalogue.territory.communeName).toBe(commune.name);
      expect(catalogue.territory.irisCount).toBe(commune.iris);
      // Every Département source line of the catalogue opens with the configured mention, word for word.
      const strings = JSON.stringify(catalogue).match(/"Source [^"]*"/g) ?? [];
      expect(strings.length).toBeGreaterThan(0);
      for (const s of strings)
        expect(JSON.parse(s)).toMatch(
          new RegExp(`^${config.sources.departement.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
        );
      // The département's commune outlines, and the download of its communes' figures, name all
      // its communes, Aix among them: a row of the département, not a mention.
      for (const file of texts.filter((f) => !/communes(-\d+)?\.[0-9a-f]+\.(json|csv)$/.test(f)))
        expect(readFileSync(file, "utf8"), file).not.toMatch(/Aix|13001\d{4}/);
      const topology = files.find((f) => /iris\.[0-9a-f]+\.json$/.test(f));
      if (commune.iris > 0) {
        const iris = JSON.parse(readFileSync(topology!, "utf8"));
        expect(Object.values(iris.objects)[0]).toMatchObject({ type: "GeometryCollection" });
        expect((Object.values(iris.objects)[0] as { geometries: unknown[] }).geometries).toHaveLength(commune.iris);
      }
      expect(existsSync(dist) && readdirSync(dist).length).toBeGreaterThan(5);
      // One IRIS profile page per IRIS; none for a commune not split into IRIS.
      const profiles = existsSync(join(dist, "iris")) ? readdirSync(join(dist, "iris")) : [];
      expect(profiles.filter((f) => f.endsWith(".html"))).toHaveLength(commune.iris);

      // The leak scan: the build ran its own (it refuses to publish otherwise); this one is the
      // test's, on every identifier and birth date of the sample the build generated.
      expect(built.output).toContain("recherche de données personnelles dans le site");
      const needles = await personalValuesOfInputs(exportFilesIn(join(data, "sample")));
      expect(needles.filter((n) => n.kind === "identifier").length).toBeGreaterThan(1000);
      expect(await new LeakScanner(needles).scanFolder(dist)).toEqual([]);

      await browserChecks(dist, config.sources.departement, commune.iris > 0);
    }, 1_200_000);
  }
});

/**
 * The other issues' browser checks on two pages of the site: no console error, no request
 * leaving localhost, the configured mention under every visual of the Département's data;
 * the IRIS map, or the sentence saying why there is none.
 */
async function browserChecks(dist: string, mention: string, hasIris: boolean): Promise<void> {
  const server = await serveFolder(dist);
  const browser = await launchChromium();
  try {
    for (const path of ["/", "/personnes-agees"]) {
      const watched = await openPage(browser, server.url, path);
      try {
        await watched.page.waitForFunction(() => !document.querySelector(".observablehq--loading"), undefined, {
          timeout: 60_000,
        });
        await watched.page.waitForSelector("[data-visual] .source-line", { timeout: 60_000 });
        const visuals = await watched.page.$$eval("[data-visual]", (sections) =>
          sections.map((s) => ({
            id: s.getAttribute("data-visual"),
            lines: [...s.querySelectorAll(".source-line")].map((p) => (p as HTMLElement).textContent ?? ""),
          })),
        );
        expect(visuals.length, path).toBeGreaterThan(0);
        // Shown to the reader, not only present in the page.
        expect(await watched.page.locator("[data-visual] .source-line").first().isVisible(), path).toBe(true);
        for (const visual of visuals)
          expect(
            visual.lines.some((l) => l.includes(mention)),
            `${path} ${visual.id} sans la mention configurée`,
          ).toBe(true);
        const text = await watched.page.locator("#observablehq-main").innerText();
        expect(text).not.toMatch(/Aix/);
        // The shared reference holds Aix's FANTOIR list only: the sample's streets are invented, and said so.
        expect(text).toContain("noms de voies inventés");
        if (path === "/personnes-agees") {
          if (hasIris) expect(await watched.page.locator("svg path").count()).toBeGreaterThan(5);
          else expect(text).toContain("n'est pas découpée en IRIS");
        }
        expect(watched.consoleErrors, path).toEqual([]);
        expect(watched.outsideRequests, path).toEqual([]);
      } finally {
        await watched.page.context().close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
