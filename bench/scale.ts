/**
 * Cost as volumes grow: the whole chain (generation of the exports, reading, geocoding,
 * indicators, disclosure control, audit, publication) on Aix-size data, on a département-size
 * set (about 25,000 births, 40,000 APA files, 10,000 childminders; street addresses generated
 * for the other communes) and on ten times that. Each scenario runs in a child process of
 * its own so that its peak memory (maxRSS) is its own. Prints a table; asserts nothing.
 *
 * Run: npx tsx bench/scale.ts [aix|departement|departement-x10 ...] (or BENCH_SCALES=...).
 * The geocoder's own rate on 100,000 messy addresses is in bench/geocode.ts.
 * Also measured: streaming xlsx reading and writing (exceljs WorkbookReader/WorkbookWriter)
 * of the biggest file, against the whole-workbook reader the exports stage uses today.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

interface Scenario {
  name: string;
  /** Rows per file: Aix and the other communes of the département. */
  apa: { commune: number; others: number };
  births: { commune: number; others: number };
  childminders: { commune: number; others: number };
}

// Aix keeps its real share; the département totals are the brief's; x10 multiplies all.
const SCENARIOS: Scenario[] = [
  {
    name: "aix",
    apa: { commune: 2500, others: 0 },
    births: { commune: 1600, others: 0 },
    childminders: { commune: 700, others: 0 },
  },
  {
    name: "departement",
    apa: { commune: 2500, others: 37_500 },
    births: { commune: 1600, others: 23_400 },
    childminders: { commune: 700, others: 9_300 },
  },
  {
    name: "departement-x10",
    apa: { commune: 25_000, others: 375_000 },
    births: { commune: 16_000, others: 234_000 },
    childminders: { commune: 7_000, others: 93_000 },
  },
];

export interface ScaleFigures {
  scenario: string;
  rows: number;
  generateSeconds: number;
  readSeconds: number;
  ingestSeconds: number;
  geocoded: number;
  geocodePerSecond: number;
  indicatorsSeconds: number;
  protectSeconds: number;
  auditSeconds: number;
  auditOk: boolean;
  cells: number;
  publishSeconds: number;
  pipelineSeconds: number;
  xlsxMegabytes: number;
  streamReadSeconds: number;
  streamReadRows: number;
  streamWriteSeconds: number;
  peakMegabytes: number;
}

const mb = (bytes: number) => bytes / 2 ** 20;
const seconds = (since: number) => (performance.now() - since) / 1000;

async function runScenario(scenario: Scenario): Promise<ScaleFigures> {
  // Imported here so the parent process stays small.
  const { APA_VOLUMES } = await import("../loaders/sample/apa.ts");
  const { BIRTH_VOLUMES } = await import("../loaders/sample/births.ts");
  const { CHILDMINDER_VOLUMES } = await import("../loaders/sample/childminders.ts");
  const { generateSamples } = await import("../loaders/sample/generate.ts");
  const { loadAddressIndex } = await import("../loaders/geocode/address-index.ts");
  const { drawAddress } = await import("../loaders/geocode/draw-address.ts");
  const { resolveReferenceDir } = await import("../loaders/reference/resolve.ts");
  const { readExport } = await import("../loaders/exports/read-export.ts");
  const { ingestParsed } = await import("../loaders/records/ingest.ts");
  const { readObservatoryConfig } = await import("../loaders/config.ts");
  const { readIrisContours } = await import("../loaders/reference/iris-contours.ts");
  const { communesOfDepartement } = await import("../loaders/reference/communes.ts");
  const { loadDenominators } = await import("../loaders/reference/denominators.ts");
  const { computeIndicators } = await import("../loaders/indicators/compute.ts");
  const { zonePopulations } = await import("../loaders/publish/zones.ts");
  const { protect } = await import("../loaders/disclosure/protect.ts");
  const { buildPublication } = await import("../loaders/publish/publication.ts");
  const { readCommentaries } = await import("../loaders/publish/commentary.ts");
  const { commentaryDir } = await import("../loaders/paths.ts");
  const { audit } = await import("../loaders/disclosure/audit.ts");
  const { zipMembers } = await import("../loaders/publish/zip.ts");
  const { exportFilesIn } = await import("../loaders/records/inputs.ts");
  const ExcelJS = (await import("exceljs")).default;

  // The generator's volumes are module constants: set them for this process only.
  Object.assign(APA_VOLUMES, scenario.apa);
  Object.assign(BIRTH_VOLUMES, scenario.births);
  Object.assign(CHILDMINDER_VOLUMES, scenario.childminders);

  const dir = mkdtempSync(join(tmpdir(), `abs-bench-${scenario.name}-`));
  try {
    const refDir = resolveReferenceDir();
    const index = await loadAddressIndex(refDir);
    let t = performance.now();
    await generateSamples({
      outDir: dir,
      seed: 2015,
      years: [2015],
      drawAddress: (rng) => drawAddress(index, rng, { noise: 0.3 }),
    });
    const generateSeconds = seconds(t);

    const config = readObservatoryConfig();
    const pipelineStart = performance.now();
    let readSeconds = 0;
    let ingestSeconds = 0;
    let rows = 0;
    let geocoded = 0;
    let xlsxBytes = 0;
    const records = [];
    const aggregates = [];
    const editions = [];
    for (const input of exportFilesIn(dir)) {
      xlsxBytes += statSync(input.path).size;
      t = performance.now();
      const parsed = await readExport(input.path, { defaultCommune: config.territory.communeName });
      readSeconds += seconds(t);
      rows += parsed.account.read;
      t = performance.now();
      const ingested = ingestParsed(parsed, { year: input.year, territory: config.territory, index, synthetic: true });
      ingestSeconds += seconds(t);
      geocoded += Object.values(ingested.matchTypes).reduce((a, b) => a + (b ?? 0), 0);
      // A loop, not push(...rows): spreading 400,000 arguments overflows the call stack.
      for (const record of ingested.records) records.push(record);
      for (const aggregate of ingested.aggregates) aggregates.push(aggregate);
      editions.push(ingested.edition);
    }

    const contours = await readIrisContours(refDir, { commune: config.territory.commune });
    const communeIris = contours.features.map((f) => f.properties.code).sort();
    const communes = communesOfDepartement(config.territory.departement).map((c) => c.code);
    const denominators = await loadDenominators(refDir);
    t = performance.now();
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
    const indicatorsSeconds = seconds(t);

    const zones = zonePopulations(denominators, {
      communeIris,
      communes,
      departement: config.territory.departement,
      years: [2015],
    });
    t = performance.now();
    const table = protect(computed.cells, computed.relations, zones, config.secrecy);
    const protectSeconds = seconds(t);
    t = performance.now();
    const publication = buildPublication({
      table,
      cells: computed.cells,
      relations: computed.relations,
      zones,
      catalogue: computed.catalogue,
      contours,
      commentaries: readCommentaries(commentaryDir),
      synthetic: true,
      fictitiousGeography: index.fictitious,
      matchTypes: {},
      config,
    });
    await zipMembers(await publication.members());
    const publishSeconds = seconds(t);
    t = performance.now();
    const report = await audit(table.cells, publication.auditCatalogue, { threshold: config.secrecy.threshold });
    if (!report.ok && process.env.BENCH_SHOW_AUDIT)
      for (const f of report.failures.slice(0, 10)) console.error(f.cell, f.reason);
    const auditSeconds = seconds(t);
    const pipelineSeconds = seconds(pipelineStart);

    // Streaming alternatives, on the biggest file (APA): read row by row, write row by row.
    const apa = join(dir, "2015", "apa-domicile.xlsx");
    t = performance.now();
    let streamReadRows = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(apa, { sharedStrings: "cache", worksheets: "emit" });
    const grid: unknown[][] = [];
    for await (const sheet of reader) {
      for await (const row of sheet) {
        streamReadRows++;
        if (grid.length < 1) grid.push(row.values as unknown[]);
      }
    }
    const streamReadSeconds = seconds(t);
    t = performance.now();
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: join(dir, "stream-write.xlsx"),
      useSharedStrings: false,
    });
    const out = writer.addWorksheet("Feuille");
    for (let i = 0; i < streamReadRows; i++)
      out
        .addRow([`D${i}`, "12 rue Exemple 13100 AIX EN PROVENCE", "F", new Date(Date.UTC(1940, 0, 1)), "Isolé(e)", 4])
        .commit();
    out.commit();
    await writer.commit();
    const streamWriteSeconds = seconds(t);

    return {
      scenario: scenario.name,
      rows,
      generateSeconds,
      readSeconds,
      ingestSeconds,
      geocoded,
      geocodePerSecond: geocoded / ingestSeconds,
      indicatorsSeconds,
      protectSeconds,
      auditSeconds,
      auditOk: report.ok,
      cells: computed.cells.length,
      publishSeconds,
      pipelineSeconds,
      xlsxMegabytes: mb(xlsxBytes),
      streamReadSeconds,
      streamReadRows,
      streamWriteSeconds,
      peakMegabytes: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(all: ScaleFigures[]): void {
  const f1 = (n: number) => n.toFixed(1);
  const columns: [string, (r: ScaleFigures) => string][] = [
    ["scénario", (r) => r.scenario],
    ["lignes", (r) => String(r.rows)],
    ["xlsx Mo", (r) => f1(r.xlsxMegabytes)],
    ["génération s", (r) => f1(r.generateSeconds)],
    ["lecture s", (r) => f1(r.readSeconds)],
    ["ingestion s", (r) => f1(r.ingestSeconds)],
    ["géocodées", (r) => String(r.geocoded)],
    // Ingestion = geocoding of the Aix rows + commune of the others + de-identification.
    ["ingestion lignes/s", (r) => (r.rows / r.ingestSeconds).toFixed(0)],
    ["indicateurs s", (r) => f1(r.indicatorsSeconds)],
    ["cases", (r) => String(r.cells)],
    ["secret s", (r) => f1(r.protectSeconds)],
    ["audit s", (r) => `${f1(r.auditSeconds)}${r.auditOk ? "" : " (échec)"}`],
    ["publication s", (r) => f1(r.publishSeconds)],
    ["chaîne s", (r) => f1(r.pipelineSeconds)],
    ["lecture flux s", (r) => f1(r.streamReadSeconds)],
    ["écriture flux s", (r) => f1(r.streamWriteSeconds)],
    ["pic mémoire Mo", (r) => r.peakMegabytes.toFixed(0)],
  ];
  const cells = [columns.map(([h]) => h), ...all.map((r) => columns.map(([, get]) => get(r)))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  for (const row of cells) console.log(row.map((c, i) => c.padStart(widths[i])).join("  "));
}

const self = fileURLToPath(import.meta.url);
const childArg = process.argv.indexOf("--child");
if (childArg >= 0) {
  const scenario = SCENARIOS.find((s) => s.name === process.argv[childArg + 1]);
  if (!scenario) throw new Error(`scénario inconnu : ${process.argv[childArg + 1]}`);
  const figures = await runScenario(scenario);
  console.log(`RESULT ${JSON.stringify(figures)}`);
} else {
  // `npm run bench` passes no argument: BENCH_SCALES="aix departement" skips the longest run.
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  if (wanted.length === 0 && process.env.BENCH_SCALES)
    wanted.push(...process.env.BENCH_SCALES.split(/[ ,]+/).filter(Boolean));
  const chosen = wanted.length ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;
  const results: ScaleFigures[] = [];
  console.log("Coût selon le volume (un processus par scénario, une année d'exports) :");
  for (const scenario of chosen) {
    const started = performance.now();
    // readExport measures the sheet width with Math.max(...rows): past ~120,000 rows that
    // overflows V8's default stack (984 kB). A bigger stack, still under the 8 MB of the OS,
    // lets the ten-times scenario measure the reader as it is; see the report.
    const child = spawnSync(
      process.execPath,
      ["--stack-size=7000", "--import", "tsx", self, "--child", scenario.name],
      {
        encoding: "utf8",
        maxBuffer: 256 * 2 ** 20,
        env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=20000`.trim() },
      },
    );
    const line = (child.stdout ?? "").split("\n").find((l) => l.startsWith("RESULT "));
    if (child.status !== 0 || !line) {
      console.log(
        `${scenario.name} : échec (code ${child.status}) après ${seconds(started).toFixed(0)} s\n${(child.stderr ?? "").slice(-3000)}`,
      );
      continue;
    }
    results.push(JSON.parse(line.slice("RESULT ".length)));
    console.log(`  ${scenario.name} terminé en ${seconds(started).toFixed(0)} s`);
  }
  printTable(results);
}
