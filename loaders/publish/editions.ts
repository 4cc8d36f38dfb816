// Annual editions (Article 8: the convention renews every year). Each public edition is kept,
// with its publication date, in data/editions/<year>/ (its published tables, catalogue and
// commentary, as they were put online), so that it stays available under its year and the
// next edition can say what changed. Evolutions are compared only between comparable
// geographies and vintages: when the IRIS or a denominator's vintage differ, the comparison
// says so instead of printing a difference.
//   npx tsx loaders/publish/editions.ts archive             archive the edition built in dist/
//   npx tsx loaders/publish/editions.ts compare 2015 2016   what changed between two editions
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import type { PublishedCell } from "../contracts.ts";
import { dataDir, distDir } from "../paths.ts";
import type { AuditCatalogue, AuditReport } from "../disclosure/audit.ts";
import { auditUnion, type PublishedEdition } from "../disclosure/editions-union.ts";
import { publishedCount } from "./small-counts.ts";

export const editionsDir = join(dataDir, "editions");

export interface EditionData {
  /** Latest year of observation of the edition. */
  year: number;
  publishedAt: string;
  cells: PublishedCell[];
  /** catalogue.json's indicators: label and, per year, the denominators' vintages. */
  indicators: Record<string, { label: string; editions: Record<number, { denominatorVintages?: string[] }> }>;
}

export interface IndicatorChange {
  indicator: string;
  label: string;
  /** Cells of a year both editions publish whose value or secrecy changed (revisions);
   * "moins de 5" for 1 to 4 (Article 7 holds for every count shown, see small-counts.ts). */
  revised: number | string;
  /** Years of observation new in the later edition. */
  newYears: number[];
  /** Why the indicator cannot be compared between editions, when it cannot. */
  notComparable: string | null;
}

export interface EditionChanges {
  from: { year: number; publishedAt: string };
  to: { year: number; publishedAt: string };
  /** True when both editions map the same IRIS. */
  sameGeography: boolean;
  added: string[];
  removed: string[];
  changes: IndicatorChange[];
}

const key = (c: PublishedCell) => [c.indicator, c.year, c.level, c.code, c.breakdown, c.category].join("|");
const irisCodes = (cells: PublishedCell[]) =>
  [...new Set(cells.filter((c) => c.level === "iris").map((c) => c.code))].sort().join(",");

export function compareEditions(previous: EditionData, current: EditionData): EditionChanges {
  const before = new Map(previous.cells.map((c) => [key(c), c]));
  const sameGeography = irisCodes(previous.cells) === irisCodes(current.cells);
  const previousIndicators = new Set(previous.cells.map((c) => c.indicator));
  const currentIndicators = new Set(current.cells.map((c) => c.indicator));
  const changes: IndicatorChange[] = [];
  for (const indicator of [...currentIndicators].filter((i) => previousIndicators.has(i)).sort()) {
    const cells = current.cells.filter((c) => c.indicator === indicator);
    const oldYears = new Set(previous.cells.filter((c) => c.indicator === indicator).map((c) => c.year));
    // IRIS cells are compared only on the same IRIS map; communes and the département always.
    const comparable = cells.filter((c) => oldYears.has(c.year) && (sameGeography || c.level !== "iris"));
    const revisedCells = comparable.filter((c) => {
      const old = before.get(key(c));
      return old !== undefined && (old.secret !== c.secret || old.value !== c.value);
    }).length;
    const lastOld = Math.max(...oldYears);
    const vintagesBefore = previous.indicators[indicator]?.editions[lastOld]?.denominatorVintages ?? [];
    const vintagesNow = current.indicators[indicator]?.editions[current.year]?.denominatorVintages ?? [];
    const reasons = [
      ...(sameGeography || !cells.some((c) => c.level === "iris")
        ? []
        : ["les contours IRIS ont changé entre les deux éditions : les IRIS ne se comparent pas"]),
      ...(vintagesBefore.join() === vintagesNow.join()
        ? []
        : [
            `le dénominateur a changé de millésime (${vintagesBefore.join(", ") || "aucun"} → ${vintagesNow.join(", ") || "aucun"})`,
          ]),
    ];
    changes.push({
      indicator,
      label: current.indicators[indicator]?.label ?? indicator,
      revised: publishedCount(revisedCells),
      newYears: [...new Set(cells.map((c) => c.year))].filter((y) => !oldYears.has(y)).sort(),
      notComparable: reasons.length ? reasons.join(" ; ") : null,
    });
  }
  return {
    from: { year: previous.year, publishedAt: previous.publishedAt },
    to: { year: current.year, publishedAt: current.publishedAt },
    sameGeography,
    added: [...currentIndicators].filter((i) => !previousIndicators.has(i)).sort(),
    removed: [...previousIndicators].filter((i) => !currentIndicators.has(i)).sort(),
    changes,
  };
}

const frDate = (iso: string) =>
  new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/** The "what changed" text, in French Markdown, for the page and for the partners. */
export function describeChanges(changes: EditionChanges): string {
  const lines = [
    `## Ce qui a changé entre l'édition ${changes.from.year} (publiée le ${frDate(changes.from.publishedAt)}) et l'édition ${changes.to.year} (publiée le ${frDate(changes.to.publishedAt)})`,
    "",
    changes.sameGeography
      ? "Les deux éditions utilisent les mêmes IRIS : les cartes se comparent."
      : "**Les contours IRIS ont changé** entre les deux éditions : les valeurs par IRIS ne se comparent pas d'une édition à l'autre ; la commune et le département restent comparables.",
    "",
  ];
  if (changes.added.length) lines.push(`- Nouveaux indicateurs : ${changes.added.join(", ")}.`);
  if (changes.removed.length) lines.push(`- Indicateurs qui ne sont plus publiés : ${changes.removed.join(", ")}.`);
  for (const c of changes.changes) {
    const parts = [
      c.newYears.length ? `nouvelle(s) année(s) : ${c.newYears.join(", ")}` : null,
      c.revised ? `${c.revised} case(s) révisée(s) pour des années déjà publiées` : null,
      c.notComparable ? `non comparable : ${c.notComparable}` : null,
    ].filter(Boolean);
    if (parts.length) lines.push(`- ${c.label} : ${parts.join(" ; ")}.`);
  }
  return `${lines.join("\n")}\n`;
}

// ---- archive and read (files at the edges) ----

export const memberName = (file: string) => file.replace(/\.[0-9a-f]{8}(\.[a-z]+)$/, "$1");

/** Copies the published data of the edition built in `site` to data/editions/<year>/. */
export function archiveEdition(options: { site?: string; dir?: string; publishedAt?: string } = {}): string {
  const site = options.site ?? distDir;
  const data = join(site, "_file", "data", "observatoire");
  if (!existsSync(data)) throw new Error(`Aucune édition construite dans ${site} : lancez d'abord « npm run build ».`);
  const files = readdirSync(data).filter((f) => /\.(parquet|json)$/.test(f));
  const catalogueFile = files.find((f) => memberName(f) === "catalogue.json");
  if (!catalogueFile) throw new Error(`${data} : catalogue.json absent.`);
  const catalogue = JSON.parse(readFileSync(join(data, catalogueFile), "utf8"));
  if (catalogue.diffusion)
    throw new Error("Une édition de travail (diffusion restreinte) n'est jamais archivée comme édition publiée.");
  const year = Math.max(
    ...Object.values(catalogue.indicators as Record<string, { years: number[] }>).flatMap((i) => i.years.map(Number)),
  );
  const target = join(options.dir ?? editionsDir, String(year));
  mkdirSync(target, { recursive: true });
  for (const file of files) copyFileSync(join(data, file), join(target, memberName(file)));
  // The CSV and XLSX downloads too: they are what most readers took away from the edition.
  const downloads = join(data, "telechargements");
  if (existsSync(downloads)) {
    mkdirSync(join(target, DOWNLOADS), { recursive: true });
    for (const file of readdirSync(downloads).filter((f) => /\.(csv|xlsx)$/.test(f)))
      copyFileSync(join(downloads, file), join(target, DOWNLOADS, memberName(file)));
  }
  writeFileSync(
    join(target, "edition.json"),
    `${JSON.stringify({ year, publishedAt: options.publishedAt ?? new Date().toISOString().slice(0, 10) }, null, 2)}\n`,
  );
  return target;
}

export async function readEdition(folder: string): Promise<EditionData> {
  const manifest = JSON.parse(readFileSync(join(folder, "edition.json"), "utf8"));
  const catalogue = JSON.parse(readFileSync(join(folder, "catalogue.json"), "utf8"));
  const cells = await readPublishedCells(folder);
  return { year: manifest.year, publishedAt: manifest.publishedAt, cells, indicators: catalogue.indicators };
}

/** The Département's published cells of a folder of Parquet tables (an archive, or dist/'s data). */
async function readPublishedCells(folder: string): Promise<PublishedCell[]> {
  const cells: PublishedCell[] = [];
  for (const file of readdirSync(folder).filter(
    (f) => f.endsWith(".parquet") && memberName(f) !== "contexte.parquet",
  )) {
    const bytes = readFileSync(join(folder, file));
    const rows = (await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    })) as Record<string, unknown>[];
    for (const r of rows)
      cells.push({
        ...(r as unknown as PublishedCell),
        year: Number(r.year),
        value: r.value === null ? null : Number(r.value),
      });
  }
  return cells;
}

/** The published tables and the relations published beside them (audit-catalogue.json). */
export async function publishedEdition(folder: string, name: string): Promise<PublishedEdition> {
  const catalogueFile = readdirSync(folder).find((f) => memberName(f) === "audit-catalogue.json");
  if (!catalogueFile) throw new Error(`${folder} : audit-catalogue.json absent, l'audit de l'union est impossible.`);
  return {
    name,
    cells: await readPublishedCells(folder),
    catalogue: JSON.parse(readFileSync(join(folder, catalogueFile), "utf8")) as AuditCatalogue,
  };
}

/** Every archived edition as the audit reads it, oldest first, named by its year. */
export async function archivedEditions(dir = editionsDir): Promise<PublishedEdition[]> {
  return Promise.all(archivedYears(dir).map((y) => publishedEdition(join(dir, String(y)), String(y))));
}

/**
 * The audit of everything online once this edition is archived: the edition built in
 * `site` with every archive (editions-union.ts). Article 7 holds for the union, or the
 * edition is not archived.
 */
export async function auditEditionsUnion(
  options: {
    site?: string;
    dir?: string;
    cacheDir?: string;
    /** The deployed build when it is not the edition in `site` (a test's rebuild); after a build they are the same. */
    deployed?: PublishedEdition[];
  } = {},
): Promise<AuditReport> {
  const site = options.site ?? distDir;
  const dir = options.dir ?? editionsDir;
  const data = join(site, "_file", "data", "observatoire");
  if (!existsSync(data)) throw new Error(`Aucune édition construite dans ${site} : lancez d'abord « npm run build ».`);
  const editions = [
    await publishedEdition(data, "courante"),
    ...(await archivedEditions(dir)),
    ...(options.deployed ?? []),
  ];
  return auditUnion(editions, options.cacheDir ? { cacheDir: options.cacheDir } : {});
}

// ---- on the site: the archives online, and the editions page's member ----

const DOWNLOADS = "telechargements";
/** Where the archived editions go online: /archives/<year>/ (not /editions/, the page's own path). */
export const ARCHIVES_FOLDER = "archives";
/** What of an archive goes online: published tables, catalogues, downloads. Nothing else, ever. */
const PUBLIC_FILE = /^[a-z0-9][a-z0-9-]*\.(parquet|json|csv|xlsx)$/;

/** The archived editions, oldest first: folders named by a year holding an edition.json. */
export function archivedYears(dir = editionsDir): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^\d{4}$/.test(f) && existsSync(join(dir, f, "edition.json")))
    .map(Number)
    .sort((a, b) => a - b);
}

/** Public files of one archive, relative to its folder (downloads under telechargements/). */
function publicFiles(folder: string): string[] {
  const files = readdirSync(folder).filter((f) => PUBLIC_FILE.test(f) && statSync(join(folder, f)).isFile());
  const downloads = join(folder, DOWNLOADS);
  if (existsSync(downloads))
    files.push(
      ...readdirSync(downloads)
        .filter((f) => PUBLIC_FILE.test(f) && /\.(csv|xlsx)$/.test(f))
        .map((f) => `${DOWNLOADS}/${f}`),
    );
  return files.sort();
}

/**
 * Build step (after Framework, before the leak scan, which covers them): copies each archived
 * edition's public files into <site>/archives/<year>/. Only data/editions/ is read, never
 * data/private. Returns the years put online.
 */
export function publishArchivedEditions(site: string, dir = editionsDir): number[] {
  const years = archivedYears(dir);
  for (const year of years) {
    const folder = join(dir, String(year));
    for (const file of publicFiles(folder)) {
      const target = join(site, ARCHIVES_FOLDER, String(year), file);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(folder, file), target);
    }
  }
  return years;
}

type SourceInfo = { sources: string[]; observationDate: string; lastUpdate?: string };
type CatalogueEntry = { theme?: string; editions: Record<number, SourceInfo> };

export interface ArchivedFile {
  /** Path from the site root, e.g. archives/2016/personnes-agees.parquet. */
  href: string;
  name: string;
  /** The catalogue editions of what the file holds: its source lines and dates. */
  sources: SourceInfo[];
}

export interface EditionsMember {
  current: { year: number; publishedAt: string };
  archived: { year: number; publishedAt: string; files: ArchivedFile[] }[];
  /** What changed since the latest archived edition before the current one; null for a first edition. */
  changes: EditionChanges | null;
  /** The earlier build of the current edition that was online (editions-deployed.ts), and how
   * many of its cells this build revises ("moins de 5" for 1 to 4); null without one. */
  rebuilt: { builtAt: string; revised: number | string } | null;
}

const readJson = (path: string) => (existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null);
const uniqueSources = (infos: (SourceInfo | undefined)[]) => [
  ...new Map(
    infos
      .filter((i): i is SourceInfo => Boolean(i?.sources))
      .map((i) => [JSON.stringify([i.sources, i.observationDate, i.lastUpdate]), i]),
  ).values(),
];

/** The source lines of each file of an archive: tables by theme, downloads by visual. */
function archivedFiles(folder: string, year: number): ArchivedFile[] {
  const indicators: Record<string, CatalogueEntry> = {
    ...readJson(join(folder, "contexte.json"))?.indicators,
    ...readJson(join(folder, "catalogue.json"))?.indicators,
  };
  const visuals: { id: string; indicators: string[] }[] = readJson(join(folder, "visuals.json")) ?? [];
  const editionsOf = (ids: string[]) =>
    uniqueSources(ids.flatMap((id) => Object.values(indicators[id]?.editions ?? {})));
  return publicFiles(folder)
    .filter((f) => !f.endsWith(".json")) // the catalogues are read by the site, not offered as downloads
    .map((file) => {
      const name = file.replace(/^.*\//, "");
      const stem = name.replace(/\.[a-z]+$/, "");
      const ids = file.startsWith(`${DOWNLOADS}/`)
        ? (visuals.find((v) => v.id === stem)?.indicators ?? [])
        : stem === "contexte"
          ? Object.keys(readJson(join(folder, "contexte.json"))?.indicators ?? {})
          : Object.keys(indicators).filter((id) => indicators[id]?.theme === stem);
      return { href: `${ARCHIVES_FOLDER}/${year}/${file}`, name, sources: editionsOf(ids) };
    });
}

/**
 * editions.json: the archived editions with their files, and what changed between the latest
 * archived edition older than the current one and the current one (counts, never a value).
 */
export async function editionsMember(
  current: EditionData,
  dir = editionsDir,
  deployed: { year: number; builtAt: string; revisions: number } | null = null,
): Promise<EditionsMember> {
  const years = archivedYears(dir);
  const archived = years.map((year) => ({
    year,
    publishedAt: String(readJson(join(dir, String(year), "edition.json")).publishedAt),
    files: archivedFiles(join(dir, String(year)), year),
  }));
  const previousYear = years.filter((y) => y < current.year).at(-1);
  const changes =
    previousYear === undefined ? null : compareEditions(await readEdition(join(dir, String(previousYear))), current);
  // A deployed build of an older edition is covered by its archive and « Ce qui a changé ».
  const rebuilt =
    deployed && deployed.year === current.year
      ? { builtAt: deployed.builtAt, revised: publishedCount(deployed.revisions) }
      : null;
  return { current: { year: current.year, publishedAt: current.publishedAt }, archived, changes, rebuilt };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, a, b] = process.argv.slice(2);
  const run = async () => {
    if (command === "archive") {
      // Article 7 over time: the union of this edition and the archives must pass the audit.
      const report = await auditEditionsUnion();
      if (!report.ok) {
        const lines = report.failures.slice(0, 10).map((f) => `- ${f.cell} : ${f.reason}`);
        throw new Error(
          `Édition non archivée : avec les éditions déjà en ligne, des cases secrètes se recalculent (audit de l'union, article 7).\n${lines.join("\n")}`,
        );
      }
      return console.log(`Édition archivée dans ${archiveEdition()} (audit de l'union avec les archives réussi).`);
    }
    if (command === "compare" && a && b)
      return process.stdout.write(
        describeChanges(
          compareEditions(await readEdition(join(editionsDir, a)), await readEdition(join(editionsDir, b))),
        ),
      );
    throw new Error("Usage : editions.ts archive | editions.ts compare <année> <année>");
  };
  run().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
