import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Cell, SumRelation } from "../../loaders/contracts.ts";
import { readObservatoryConfig } from "../../loaders/config.ts";
import { audit, auditPrimaryCells } from "../../loaders/disclosure/audit.ts";
import { protect, type ZonePopulation } from "../../loaders/disclosure/protect.ts";
import { readExport } from "../../loaders/exports/read-export.ts";
import { loadAddressIndex } from "../../loaders/geocode/address-index.ts";
import { drawAddress } from "../../loaders/geocode/draw-address.ts";
import { computeIndicators } from "../../loaders/indicators/compute.ts";
import { publicRelations } from "../../loaders/publish/publication.ts";
import { zonePopulations } from "../../loaders/publish/zones.ts";
import { exportFilesIn } from "../../loaders/records/inputs.ts";
import { ingestParsed } from "../../loaders/records/ingest.ts";
import { communesOfDepartement } from "../../loaders/reference/communes.ts";
import { loadDenominators } from "../../loaders/reference/denominators.ts";
import { readIrisContours } from "../../loaders/reference/iris-contours.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { APA_VOLUMES } from "../../loaders/sample/apa.ts";
import { BIRTH_VOLUMES } from "../../loaders/sample/births.ts";
import { CHILDMINDER_VOLUMES } from "../../loaders/sample/childminders.ts";
import { generateSamples } from "../../loaders/sample/generate.ts";

interface Tables {
  cells: Cell[];
  relations: SumRelation[];
  zones: ZonePopulation[];
}

// Generating, geocoding and aggregating takes most of the time: the tables are kept in the
// system's temporary folder by scenario, never in the repository.
const cacheDir = join(tmpdir(), "abs-disclosure-chain-v2");

async function tablesFor(name: string, seed: number, volumes: { aix: number; others: number }): Promise<Tables> {
  const file = join(cacheDir, `${name}-${seed}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Tables;
  const saved = [{ ...APA_VOLUMES }, { ...BIRTH_VOLUMES }, { ...CHILDMINDER_VOLUMES }] as const;
  Object.assign(APA_VOLUMES, { commune: 2500, others: volumes.others ? 1500 : 0 });
  Object.assign(BIRTH_VOLUMES, { commune: volumes.aix, others: volumes.others });
  Object.assign(CHILDMINDER_VOLUMES, { commune: 700, others: volumes.others ? 1300 : 0 });
  const dir = await mkdtemp(join(tmpdir(), "abs-disclosure-chain-"));
  try {
    const refDir = resolveReferenceDir();
    const index = await loadAddressIndex(refDir);
    await generateSamples({
      outDir: dir,
      seed,
      years: [2015],
      drawAddress: (rng) => drawAddress(index, rng, { noise: 0.3 }),
    });
    const config = readObservatoryConfig();
    const records = [];
    const aggregates = [];
    const editions = [];
    for (const input of exportFilesIn(dir)) {
      const parsed = await readExport(input.path, { defaultCommune: config.territory.communeName });
      const ingested = ingestParsed(parsed, { year: input.year, territory: config.territory, index, synthetic: true });
      for (const r of ingested.records) records.push(r);
      aggregates.push(...ingested.aggregates);
      editions.push(ingested.edition);
    }
    const contours = await readIrisContours(refDir, { commune: config.territory.commune });
    const communeIris = contours.features.map((f) => f.properties.code).sort();
    const communes = communesOfDepartement(config.territory.departement).map((c) => c.code);
    const denominators = await loadDenominators(refDir);
    const computed = await computeIndicators({
      records,
      aggregates,
      editions,
      denominators,
      commune: config.territory.commune,
      departement: config.territory.departement,
      communeIris,
      communes,
    });
    const zones = zonePopulations(denominators, {
      communeIris,
      communes,
      departement: config.territory.departement,
      years: [2015],
    });
    const tables: Tables = { cells: computed.cells, relations: computed.relations, zones };
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, JSON.stringify(tables));
    return tables;
  } finally {
    Object.assign(APA_VOLUMES, saved[0]);
    Object.assign(BIRTH_VOLUMES, saved[1]);
    Object.assign(CHILDMINDER_VOLUMES, saved[2]);
    rmSync(dir, { recursive: true, force: true });
  }
}

// The catalogue the build publishes and audits (publish/publication.ts), at Article 7's 100 inhabitants.
const catalogueOf = (tables: Tables) => publicRelations(tables, 100);
// The cells Article 7 protects, recomputed from the true values as the build's audit does
// (pipeline.ts): the complements are hidden, not protected, and are judged as such.
const primaryOf = (tables: Tables) =>
  auditPrimaryCells(tables.cells, tables.zones, { threshold: 5, minPopulation: 100 });

describe("protect then audit on the real chain (generated exports, real geocoding and indicators)", () => {
  // Seed 2015 of the Aix-only scenario once left births of Aix and of three small communes
  // within an interval of 1 or 2 through the département sums: the heuristics alone fail it.
  const scenarios = [
    { name: "aix-only", seed: 2015, volumes: { aix: 1600, others: 0 } },
    { name: "aix-only", seed: 42, volumes: { aix: 1600, others: 0 } },
    { name: "small-aix", seed: 7, volumes: { aix: 400, others: 0 } },
    { name: "departement", seed: 2015, volumes: { aix: 1600, others: 1400 } },
  ];
  for (const { name, seed, volumes } of scenarios) {
    it(`passes the audit: ${name}, seed ${seed}`, async () => {
      const tables = await tablesFor(name, seed, volumes);
      const table = protect(tables.cells, tables.relations, tables.zones, { threshold: 5, minPopulation: 100 });
      const report = await audit(table.cells, catalogueOf(tables), { threshold: 5, primary: primaryOf(tables) });
      expect(report.failures.map((f) => `${f.cell} ${f.reason}`)).toEqual([]);
      expect(report.ok).toBe(true);
      // The small scenario is nearly all secret: its LP checks take minutes on a loaded machine.
    }, 700_000);
  }

  it("without the LP widening, the small Aix scenario fails the audit (the test can fail)", async () => {
    // Since the zeros beside secret totals are protected too (issue 18), the larger scenarios
    // pass on the heuristics alone; the nearly-all-secret one still needs the LP widening.
    const tables = await tablesFor("small-aix", 7, { aix: 400, others: 0 });
    const table = protect(tables.cells, tables.relations, tables.zones, {
      threshold: 5,
      minPopulation: 100,
      widen: false,
    });
    const report = await audit(table.cells, catalogueOf(tables), { threshold: 5, primary: primaryOf(tables) });
    expect(report.failures.map((f) => f.cell)).toContain("births|2015|commune|13002|birth-rank|>=3");
  }, 400_000);
});
