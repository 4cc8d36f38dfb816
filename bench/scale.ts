/**
 * Cost as volumes grow: the whole chain (generation of the exports, reading, geocoding,
 * indicators, disclosure control, audit, publication) on Aix-size data, on a département-size
 * set (about 25,000 births, 40,000 APA files, 10,000 childminders; street addresses generated
 * for the other communes) and on ten times that. Each scenario runs in a child process of
 * its own so that its peak memory (maxRSS) is its own. Prints a table; asserts nothing.
 *
 * The Marseille row observes another commune (13055, about 400 IRIS), configured by
 * `abs init --commune 13055` in a data folder of its own, its volumes and the rest of the
 * département's following the populations; its row adds the site's whole build on that folder
 * (Framework, audit and leak scan included), the figure the 3-minute target is about.
 *
 * Run: npx tsx bench/scale.ts [aix|departement|departement-x10|marseille ...] (or BENCH_SCALES=...).
 * The geocoder's own rate on 100,000 messy addresses is in bench/geocode.ts.
 * The exports are read by the project's one reader (streamed: sheet XML scanned as it inflates,
 * csv in chunks); the chain after it is the pipeline's own stages. BENCH_READ_ONLY=1 stops after the
 * reading: the ten-times scenario's read time, CPU time and peak memory, measured in a process
 * that only reads (the generator's memory is not counted), without the rest of the chain.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

interface Scenario {
  name: string;
  /**
   * Another observed commune: `abs init --commune` writes its configuration into a data folder
   * of its own (ABS_DATA_DIR) and its volumes follow the populations (the sample's rates per
   * 1,000 inhabitants, for the commune and for the rest of the département).
   */
  commune?: string;
  /**
   * Also time the site's whole build (`loaders/site/build.ts`, Framework included) on the same
   * data folder, as its CCAS would run it (BENCH_SITE_BUILD=0 skips it).
   */
  siteBuild?: boolean;
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
  {
    // Marseille (about 400 IRIS, 16 arrondissements), at its population's volumes.
    name: "marseille",
    commune: "13055",
    siteBuild: true,
    apa: { commune: 0, others: 0 },
    births: { commune: 0, others: 0 },
    childminders: { commune: 0, others: 0 },
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
  protectSeconds: number;
  auditSeconds: number;
  auditOk: boolean;
  cells: number;
  /** APA totals of the communes and the département hidden by the suppression, of all. */
  apaTotalsSecret: string;
  publishSeconds: number;
  pipelineSeconds: number;
  /** `loaders/site/build.ts` from a cold cache to dist/, audit and leak scan included; NaN when not run. */
  siteBuildSeconds?: number;
  siteBuildPeakMegabytes?: number;
  xlsxMegabytes: number;
  peakMegabytes: number;
}

const mb = (bytes: number) => bytes / 2 ** 20;
const seconds = (since: number) => (performance.now() - since) / 1000;

async function runScenario(scenario: Scenario): Promise<ScaleFigures> {
  // Imported here so the parent process stays small.
  const { APA_VOLUMES, APA_RATE } = await import("../loaders/sample/apa.ts");
  const { BIRTH_VOLUMES, BIRTH_RATE } = await import("../loaders/sample/births.ts");
  const { CHILDMINDER_VOLUMES, CHILDMINDER_RATE } = await import("../loaders/sample/childminders.ts");
  const { generateSamples } = await import("../loaders/sample/generate.ts");
  const { fictitiousGeographyOf, loadAddressIndex } = await import("../loaders/geocode/address-index.ts");
  const { drawAddress } = await import("../loaders/geocode/draw-address.ts");
  const { resolveReferenceDir } = await import("../loaders/reference/resolve.ts");
  const { readExport } = await import("../loaders/exports/read-export.ts");
  const { protectedIndicators } = await import("../loaders/pipeline.ts");
  const { ingestParsed } = await import("../loaders/records/ingest.ts");
  const { readObservatoryConfig } = await import("../loaders/config.ts");
  const { buildPublication } = await import("../loaders/publish/publication.ts");
  const { readCommentaries } = await import("../loaders/publish/commentary.ts");
  const { commentaryDir } = await import("../loaders/paths.ts");
  const { audit } = await import("../loaders/disclosure/audit.ts");
  const { zipMembers } = await import("../loaders/publish/zip.ts");
  const { exportFilesIn } = await import("../loaders/records/inputs.ts");

  // The generator's volumes are module constants: set them for this process only. Another
  // commune's follow the populations, the rest of the département's included.
  if (scenario.commune) {
    const { othersAtScale } = await import("../loaders/sample/other-communes.ts");
    APA_VOLUMES.others = othersAtScale(APA_RATE);
    BIRTH_VOLUMES.others = othersAtScale(BIRTH_RATE);
    CHILDMINDER_VOLUMES.others = othersAtScale(CHILDMINDER_RATE);
  } else {
    Object.assign(APA_VOLUMES, scenario.apa);
    Object.assign(BIRTH_VOLUMES, scenario.births);
    Object.assign(CHILDMINDER_VOLUMES, scenario.childminders);
  }

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

    // Read-only: the reading runs in a process of its own, so that its peak memory and CPU
    // time are the reader's and not the generator's (exceljs writes whole workbooks).
    if (process.env.BENCH_READ_ONLY) return readInChild(scenario.name, dir, generateSeconds);

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

    // The pipeline's own stage: indicators, then primary and secondary suppression.
    t = performance.now();
    const { contours, computed, zones, table } = await protectedIndicators(
      { records, aggregates, editions },
      { refDir, config },
    );
    const protectSeconds = seconds(t);
    // At the département's volumes the secondary suppression once hid every commune's APA
    // total and the département's: the figure says whether it still does.
    const apaTotals = table.cells.filter(
      (c) => c.indicator === "apa-beneficiaries" && c.breakdown === "" && c.level !== "iris",
    );
    const apaTotalsSecret = `${apaTotals.filter((c) => c.secret).length}/${apaTotals.length}`;
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
      fictitiousGeography: fictitiousGeographyOf(index),
      geocodingCounts: {},
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

    return {
      scenario: scenario.name,
      rows,
      generateSeconds,
      readSeconds,
      ingestSeconds,
      geocoded,
      geocodePerSecond: geocoded / ingestSeconds,
      protectSeconds,
      auditSeconds,
      auditOk: report.ok,
      cells: computed.cells.length,
      apaTotalsSecret,
      publishSeconds,
      pipelineSeconds,
      xlsxMegabytes: mb(xlsxBytes),
      peakMegabytes: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The exports of `dir` read by the project's reader, as `abs ingest` reads them: figures of this process only. */
async function readOnly(
  dir: string,
): Promise<{ rows: number; readSeconds: number; cpuSeconds: number; xlsxBytes: number; peakMegabytes: number }> {
  const { readExport } = await import("../loaders/exports/read-export.ts");
  const { exportFilesIn } = await import("../loaders/records/inputs.ts");
  const { readObservatoryConfig } = await import("../loaders/config.ts");
  const config = readObservatoryConfig();
  const started = performance.now();
  const cpu = process.cpuUsage();
  let rows = 0;
  let xlsxBytes = 0;
  for (const input of exportFilesIn(dir)) {
    xlsxBytes += statSync(input.path).size;
    const t = performance.now();
    const parsed = await readExport(input.path, { defaultCommune: config.territory.communeName });
    const used = process.cpuUsage(cpu);
    console.error(
      `  ${input.path.split("/").pop()} : ${parsed.account.read} lignes en ${seconds(t).toFixed(1)} s (CPU cumulé ${((used.user + used.system) / 1e6).toFixed(1)} s)`,
    );
    rows += parsed.account.read;
  }
  const used = process.cpuUsage(cpu);
  return {
    rows,
    readSeconds: seconds(started),
    cpuSeconds: (used.user + used.system) / 1e6,
    xlsxBytes,
    peakMegabytes: process.resourceUsage().maxRSS / 1024,
  };
}

function readInChild(scenario: string, dir: string, generateSeconds: number): ScaleFigures {
  const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--read", dir], {
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  process.stderr.write(child.stderr ?? "");
  const line = (child.stdout ?? "").split("\n").find((l) => l.startsWith("READ "));
  if (child.status !== 0 || !line) throw new Error(`lecture en échec (code ${child.status})`);
  const read = JSON.parse(line.slice("READ ".length));
  console.error(
    `  lecture : ${read.readSeconds.toFixed(1)} s, CPU ${read.cpuSeconds.toFixed(1)} s, pic ${read.peakMegabytes.toFixed(0)} Mo`,
  );
  return { ...readOnlyFigures(scenario, { ...read, generateSeconds }), peakMegabytes: read.peakMegabytes };
}

/** The figures of a run stopped after reading (BENCH_READ_ONLY): the rest is not measured. */
function readOnlyFigures(
  scenario: string,
  read: { rows: number; readSeconds: number; xlsxBytes: number; generateSeconds: number },
): ScaleFigures {
  return {
    scenario: `${scenario} (lecture seule)`,
    rows: read.rows,
    generateSeconds: read.generateSeconds,
    readSeconds: read.readSeconds,
    ingestSeconds: NaN,
    geocoded: 0,
    geocodePerSecond: NaN,
    protectSeconds: NaN,
    auditSeconds: NaN,
    auditOk: true,
    cells: 0,
    apaTotalsSecret: "—",
    publishSeconds: NaN,
    pipelineSeconds: NaN,
    xlsxMegabytes: mb(read.xlsxBytes),
    peakMegabytes: process.resourceUsage().maxRSS / 1024,
  };
}

function printTable(all: ScaleFigures[]): void {
  // A read-only run has no figures after the reading: NaN, which JSON carries as null.
  const f1 = (n: number | null) => (n === null || Number.isNaN(n) ? "—" : n.toFixed(1));
  const columns: [string, (r: ScaleFigures) => string][] = [
    ["scénario", (r) => r.scenario],
    ["lignes", (r) => String(r.rows)],
    ["xlsx Mo", (r) => f1(r.xlsxMegabytes)],
    ["génération s", (r) => f1(r.generateSeconds)],
    ["lecture s", (r) => f1(r.readSeconds)],
    ["ingestion s", (r) => f1(r.ingestSeconds)],
    ["géocodées", (r) => String(r.geocoded)],
    // Ingestion = geocoding of the Aix rows + commune of the others + de-identification.
    ["ingestion lignes/s", (r) => (r.ingestSeconds ? (r.rows / r.ingestSeconds).toFixed(0) : "—")],

    ["cases", (r) => String(r.cells)],
    ["indicateurs et secret s", (r) => f1(r.protectSeconds)],
    ["totaux APA secrets", (r) => r.apaTotalsSecret],
    ["audit s", (r) => `${f1(r.auditSeconds)}${r.auditOk ? "" : " (échec)"}`],
    ["publication s", (r) => f1(r.publishSeconds)],
    ["chaîne s", (r) => f1(r.pipelineSeconds)],
    ["construction du site s", (r) => f1(r.siteBuildSeconds ?? NaN)],
    ["pic construction Mo", (r) => (r.siteBuildPeakMegabytes ? r.siteBuildPeakMegabytes.toFixed(0) : "—")],
    ["pic mémoire Mo", (r) => r.peakMegabytes.toFixed(0)],
  ];
  const cells = [columns.map(([h]) => h), ...all.map((r) => columns.map(([, get]) => get(r)))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  for (const row of cells) console.log(row.map((c, i) => c.padStart(widths[i])).join("  "));
}

/** A data folder of its own for another commune, written by `abs init` as a new CCAS would. */
function initCommuneData(commune: string): string {
  const dir = mkdtempSync(join(tmpdir(), `abs-bench-data-${commune}-`));
  const init = spawnSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("../loaders/cli.ts", import.meta.url)), "init", "--commune", commune],
    {
      encoding: "utf8",
      env: { ...process.env, ABS_DATA_DIR: dir },
    },
  );
  if (init.status !== 0) throw new Error(`abs init --commune ${commune} : échec\n${init.stderr}`);
  return dir;
}

/**
 * The site's build on the scenario's data folder, from a cold stage cache: what the CCAS waits
 * for. Its peak memory is the largest of its processes' (GNU time's maximum resident size).
 */
function siteBuild(dataDir: string): { siteBuildSeconds: number; siteBuildPeakMegabytes?: number } {
  const started = performance.now();
  const out = join(dataDir, "dist");
  const build = spawnSync(
    "/usr/bin/time",
    ["-f", "PEAK_KB %M", process.execPath, "--import", "tsx", "loaders/site/build.ts", "--out", out],
    {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      encoding: "utf8",
      maxBuffer: 256 * 2 ** 20,
      env: { ...process.env, ABS_DATA_DIR: dataDir },
    },
  );
  const siteBuildSeconds = seconds(started);
  if (build.status !== 0) {
    console.log(`construction du site : échec (code ${build.status})\n${(build.stderr ?? "").slice(-3000)}`);
    return { siteBuildSeconds: NaN };
  }
  const peak = /PEAK_KB (\d+)/.exec(build.stderr ?? "");
  console.log(`  construction du site : ${siteBuildSeconds.toFixed(0)} s`);
  return { siteBuildSeconds, ...(peak ? { siteBuildPeakMegabytes: Number(peak[1]) / 1024 } : {}) };
}

const self = fileURLToPath(import.meta.url);
const childArg = process.argv.indexOf("--child");
const readArg = process.argv.indexOf("--read");
if (readArg >= 0) {
  console.log(`READ ${JSON.stringify(await readOnly(process.argv[readArg + 1]!))}`);
} else if (childArg >= 0) {
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
    const dataDir = scenario.commune ? initCommuneData(scenario.commune) : undefined;
    const child = spawnSync(process.execPath, ["--import", "tsx", self, "--child", scenario.name], {
      encoding: "utf8",
      maxBuffer: 256 * 2 ** 20,
      env: {
        ...process.env,
        ...(dataDir ? { ABS_DATA_DIR: dataDir } : {}),
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=20000`.trim(),
      },
    });
    const line = (child.stdout ?? "").split("\n").find((l) => l.startsWith("RESULT "));
    if (child.status !== 0 || !line) {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      console.log(
        `${scenario.name} : échec (code ${child.status}) après ${seconds(started).toFixed(0)} s\n${(child.stderr ?? "").slice(-3000)}`,
      );
      continue;
    }
    const figures: ScaleFigures = JSON.parse(line.slice("RESULT ".length));
    if (dataDir && scenario.siteBuild && process.env.BENCH_SITE_BUILD !== "0")
      Object.assign(figures, siteBuild(dataDir));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    results.push(figures);
    console.log(`  ${line}`);
    console.log(`  ${scenario.name} terminé en ${seconds(started).toFixed(0)} s`);
  }
  printTable(results);
}
