// Annual editions (Article 8: the convention renews every year). Each public edition is kept,
// with its publication date, in data/editions/<year>/ (its published tables, catalogue and
// commentary, as they were put online), so that it stays available under its year and the
// next edition can say what changed. Evolutions are compared only between comparable
// geographies and vintages: when the IRIS or a denominator's vintage differ, the comparison
// says so instead of printing a difference.
//   npx tsx loaders/build/editions.ts archive             archive the edition built in dist/
//   npx tsx loaders/build/editions.ts compare 2015 2016   what changed between two editions
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import type { PublishedCell } from "../contracts.ts";
import { dataDir, distDir } from "./paths.ts";

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
  /** Cells of a year both editions publish whose value or secrecy changed (revisions). */
  revised: number;
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
const irisCodes = (cells: PublishedCell[]) => [...new Set(cells.filter((c) => c.level === "iris").map((c) => c.code))].sort().join(",");

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
    const revised = comparable.filter((c) => {
      const old = before.get(key(c));
      return old !== undefined && (old.secret !== c.secret || old.value !== c.value);
    }).length;
    const lastOld = Math.max(...oldYears);
    const vintagesBefore = previous.indicators[indicator]?.editions[lastOld]?.denominatorVintages ?? [];
    const vintagesNow = current.indicators[indicator]?.editions[current.year]?.denominatorVintages ?? [];
    const reasons = [
      ...(sameGeography || !cells.some((c) => c.level === "iris") ? [] : ["les contours IRIS ont changé entre les deux éditions : les IRIS ne se comparent pas"]),
      ...(vintagesBefore.join() === vintagesNow.join() ? [] : [`le dénominateur a changé de millésime (${vintagesBefore.join(", ") || "aucun"} → ${vintagesNow.join(", ") || "aucun"})`]),
    ];
    changes.push({
      indicator,
      label: current.indicators[indicator]?.label ?? indicator,
      revised,
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

const frDate = (iso: string) => new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

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

const memberName = (file: string) => file.replace(/\.[0-9a-f]{8}(\.[a-z]+)$/, "$1");

/** Copies the published data of the edition built in `site` to data/editions/<year>/. */
export function archiveEdition(options: { site?: string; dir?: string; publishedAt?: string } = {}): string {
  const site = options.site ?? distDir;
  const data = join(site, "_file", "data", "observatoire");
  if (!existsSync(data)) throw new Error(`Aucune édition construite dans ${site} : lancez d'abord « npm run build ».`);
  const files = readdirSync(data).filter((f) => /\.(parquet|json)$/.test(f));
  const catalogueFile = files.find((f) => memberName(f) === "catalogue.json");
  if (!catalogueFile) throw new Error(`${data} : catalogue.json absent.`);
  const catalogue = JSON.parse(readFileSync(join(data, catalogueFile), "utf8"));
  if (catalogue.diffusion) throw new Error("Une édition de travail (diffusion restreinte) n'est jamais archivée comme édition publiée.");
  const year = Math.max(...Object.values(catalogue.indicators as Record<string, { years: number[] }>).flatMap((i) => i.years.map(Number)));
  const target = join(options.dir ?? editionsDir, String(year));
  mkdirSync(target, { recursive: true });
  for (const file of files) copyFileSync(join(data, file), join(target, memberName(file)));
  writeFileSync(join(target, "edition.json"), `${JSON.stringify({ year, publishedAt: options.publishedAt ?? new Date().toISOString().slice(0, 10) }, null, 2)}\n`);
  return target;
}

export async function readEdition(folder: string): Promise<EditionData> {
  const manifest = JSON.parse(readFileSync(join(folder, "edition.json"), "utf8"));
  const catalogue = JSON.parse(readFileSync(join(folder, "catalogue.json"), "utf8"));
  const cells: PublishedCell[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".parquet") && f !== "contexte.parquet")) {
    const bytes = readFileSync(join(folder, file));
    const rows = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })) as Record<string, unknown>[];
    for (const r of rows) cells.push({ ...(r as unknown as PublishedCell), year: Number(r.year), value: r.value === null ? null : Number(r.value) });
  }
  return { year: manifest.year, publishedAt: manifest.publishedAt, cells, indicators: catalogue.indicators };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, a, b] = process.argv.slice(2);
  const run = async () => {
    if (command === "archive") return console.log(`Édition archivée dans ${archiveEdition()}.`);
    if (command === "compare" && a && b) return process.stdout.write(describeChanges(compareEditions(await readEdition(join(editionsDir, a)), await readEdition(join(editionsDir, b)))));
    throw new Error("Usage : editions.ts archive | editions.ts compare <année> <année>");
  };
  run().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
