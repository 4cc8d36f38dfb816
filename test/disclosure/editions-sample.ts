// The real stages' inputs for the editions tests (editions-chain, editions-deployed): two
// datasets of the sample (sample generation, geocoding, ingestion), and the tables a build
// puts in dist/. The de-identified synthetic records are kept in the system's temporary
// folder, never in the repository; the audit's components are cached beside them.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AggregateRecord, DatasetEdition, PrivateRecord } from "../../loaders/contracts.ts";
import { readObservatoryConfig } from "../../loaders/config.ts";
import { loadAddressIndex } from "../../loaders/geocode/address-index.ts";
import { drawAddress } from "../../loaders/geocode/draw-address.ts";
import type { protectedIndicators } from "../../loaders/pipeline.ts";
import { tableMembers } from "../../loaders/publish/publication.ts";
import { ingestAll } from "../../loaders/records/ingest-all.ts";
import { exportFilesIn } from "../../loaders/records/inputs.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { generateSamples } from "../../loaders/sample/generate.ts";

export const cacheDir = join(tmpdir(), "abs-editions-chain-v1");
const datasets = ["apa-domicile", "certificats-8e-jour"] as const;

export interface Ingested {
  records: PrivateRecord[];
  aggregates: AggregateRecord[];
  editions: DatasetEdition[];
}

export async function sampleRecords(): Promise<Ingested> {
  const file = join(cacheDir, "records.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Ingested;
  const config = readObservatoryConfig();
  const index = await loadAddressIndex(resolveReferenceDir());
  const dir = await mkdtemp(join(tmpdir(), "abs-editions-chain-"));
  try {
    await generateSamples({
      outDir: dir,
      seed: config.sample.seed,
      years: [2015, 2016],
      datasets: [...datasets],
      drawAddress: (rng) => drawAddress(index, rng, { noise: 0.3 }),
    });
    const set = await ingestAll(
      { files: exportFilesIn(dir), synthetic: true },
      { territory: config.territory, index, corrections: new Map(), privateDir: dir, log: () => {} },
    );
    const ingested = { records: set.records, aggregates: set.aggregates, editions: set.editions };
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, JSON.stringify(ingested));
    return ingested;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const ofYears = (set: Ingested, years: number[]): Ingested => ({
  records: set.records.filter((r) => years.includes(r.year)),
  aggregates: set.aggregates.filter((a) => years.includes(a.year)),
  editions: set.editions.filter((e) => years.includes(e.year)),
});

/** What the build puts in dist/ for the tables, written as the site holds them. */
export async function writeEdition(site: string, edition: Awaited<ReturnType<typeof protectedIndicators>>) {
  const config = readObservatoryConfig();
  const members = await tableMembers({
    table: edition.table,
    cells: edition.computed.cells,
    relations: edition.computed.relations,
    zones: edition.zones,
    catalogue: edition.computed.catalogue,
    contours: edition.contours,
    commentaries: [],
    synthetic: true,
    fictitiousGeography: "real-street-names",
    geocodingCounts: {},
    config,
    revisions: edition.revisions,
  });
  const data = join(site, "_file", "data", "observatoire");
  mkdirSync(data, { recursive: true });
  for (const [name, content] of members) writeFileSync(join(data, name), content);
  return data;
}

/** The chain's context: the reference folder and the observatory's configuration. */
export const sampleContext = () => ({ refDir: resolveReferenceDir(), config: readObservatoryConfig() });

/**
 * A describe block's working folder (removed after it) and the sample's records, ready in
 * its beforeAll: read them inside the tests.
 */
export function useSampleRun(prefix: string): { work: () => string; set: () => Ingested } {
  let work: string | undefined;
  let set: Ingested | undefined;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), prefix));
    set = await sampleRecords();
  }, 300_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });
  return { work: () => work!, set: () => set! };
}
