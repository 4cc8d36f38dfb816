/**
 * Context tables of the "Portrait du territoire" page: public data (INSEE RP, Filosofi, CNAF)
 * by IRIS of the observed commune, published beside the Département's tables with their own source line and
 * Licence Ouverte attribution. They go through the same protection and audit as the
 * Département's data (issue 18): the commune is the sum of its IRIS, so an IRIS hidden
 * because it has fewer than 100 inhabitants (or an unknown population, like the activity
 * IRIS) would come back by difference without secondary suppression; counts of 1 to 4 are
 * secret like any other.
 */
import { cellKey, type Cell, type CellUnit, type PublishedCell, type SumRelation } from "../contracts.ts";
import { audit, auditPrimaryCells, buildAuditCatalogue } from "../disclosure/audit.ts";
import { protect, type ZonePopulation } from "../disclosure/protect.ts";
import { readCafIris, cafYears } from "../reference/caf.ts";
import { readFilosofiIris, filosofiYears } from "../reference/filosofi.ts";
import { readIrisHousing } from "../reference/housing.ts";
import { readIrisPopulation, type IrisPopulationTable } from "../reference/population.ts";
import { OPEN_LICENCE } from "../reference/sources.ts";

export interface ContextIndicator {
  label: string;
  definition: string;
  unit: "count" | "rate" | "amount";
  /** The unit in words, for the downloads: « rate » or « amount » alone says neither % nor euros. */
  unitLabel: string;
  years: number[];
  /** Same shape as catalogue.json editions, so that pages draw the same source line. */
  editions: Record<number, { sources: string[]; observationDate: string; lastUpdate: string | null }>;
}

export interface ContextTables {
  cells: PublishedCell[];
  indicators: Record<string, ContextIndicator>;
}

const AGE_GROUPS = ["0-14", "15-29", "30-44", "45-59", "60-74", "75+"];
const licensed = (source: string): string => `${source} — ${OPEN_LICENCE}`;

/** Filosofi series published by IRIS: id, column of the file, label, unit, definition, unit in words. */
const FILOSOFI_SERIES: [string, string, string, ContextIndicator["unit"], string, string][] = [
  [
    "context-poverty-rate",
    "DISP_TP60",
    "Taux de pauvreté (seuil à 60 % du revenu médian)",
    "rate",
    "Part des personnes dont le niveau de vie est inférieur à 60 % du niveau de vie médian de la France métropolitaine (en %). L'INSEE ne diffuse pas ce taux pour les IRIS de moins de 1 000 habitants.",
    "% des personnes",
  ],
  [
    "context-median-income",
    "DISP_MED",
    "Revenu disponible médian par unité de consommation (euros)",
    "amount",
    "Niveau de vie médian des personnes de l'IRIS, en euros par an et par unité de consommation.",
    "euros par an et par unité de consommation",
  ],
];

/** CAF series published by IRIS: id, column of the file, label, definition, unit in words. */
const CAF_SERIES: [string, string, string, string, string][] = [
  [
    "context-caf-recipients",
    "A",
    "Allocataires de la CAF",
    "Foyers allocataires d'au moins une prestation de la CAF au 31 décembre.",
    "effectif (foyers allocataires)",
  ],
  [
    "context-caf-rsa",
    "ARSAS",
    "Allocataires du RSA",
    "Foyers allocataires du revenu de solidarité active (RSA socle).",
    "effectif (foyers allocataires)",
  ],
  [
    "context-caf-aah",
    "AAAH",
    "Allocataires de l'AAH",
    "Allocataires de l'allocation aux adultes handicapés.",
    "effectif (allocataires)",
  ],
  [
    "context-caf-single-parent",
    "AM",
    "Allocataires monoparents",
    "Foyers allocataires composés d'un parent seul avec enfant(s).",
    "effectif (foyers allocataires)",
  ],
];

/** One more year of a yearly series, observed on 31 December, with its producer's source line. */
function addYearEdition(entry: ContextIndicator, year: number, source: string): void {
  entry.years.push(year);
  entry.editions[year] = { sources: [licensed(source)], observationDate: `${year}-12-31`, lastUpdate: null };
}

/** An indicator of one census vintage (population, housing), observed on 1 January. */
const censusIndicator = (
  label: string,
  definition: string,
  unit: ContextIndicator["unit"],
  unitLabel: string,
  census: { vintage: number; source: string },
): ContextIndicator => ({
  label,
  definition,
  unit,
  unitLabel,
  years: [census.vintage],
  editions: {
    [census.vintage]: {
      sources: [licensed(census.source)],
      observationDate: `${census.vintage}-01-01`,
      lastUpdate: null,
    },
  },
});

/**
 * Reads the public files and builds the context cells for the IRIS of `communeIris` and their
 * commune. `minPopulation`: Article 7's smallest zone (100).
 */
export async function buildContextTables(
  refDir: string,
  communeIris: readonly string[],
  { commune, minPopulation, threshold = 5 }: { commune: string; minPopulation: number; threshold?: number },
): Promise<ContextTables> {
  const raw: Cell[] = [];
  const relations: SumRelation[] = [];
  const indicators: Record<string, ContextIndicator> = {};
  const population = await readIrisPopulation(refDir);
  const add: AddCell = (indicator, year, level, code, value, unit, breakdown = "", category = "") => {
    // A median income rests on the zone's inhabitants, at least 100 where it is published.
    const contributors = unit === "amount" && level === "iris" ? population.total(code) : null;
    const cell: Cell = { indicator, year, level, code, breakdown, category, unit, value, contributors };
    raw.push(cell);
    return cell;
  };
  /** The commune as the sum of its IRIS, declared so that protection and audit see it. */
  const addSum = (parts: Cell[], unit: CellUnit, breakdown = "", category = ""): void => {
    // A commune not split into IRIS has no IRIS cells to add up (its portrait is the département's).
    if (parts.length === 0 || parts.some((p) => p.value === null)) return;
    const first = parts[0]!;
    const total = add(first.indicator, first.year, "commune", commune, sumOf(parts), unit, breakdown, category);
    relations.push({ total: cellKey(total), parts: parts.map(cellKey), complete: true });
  };

  populationCells(population, communeIris, add, addSum, (total, parts) =>
    relations.push({ total: cellKey(total), parts: parts.map(cellKey), complete: true }),
  );
  indicators["context-population"] = censusIndicator(
    "Population",
    "Population des ménages et hors ménages recensée par l'INSEE, par tranche d'âge (valeurs arrondies à l'unité).",
    "count",
    "effectif (habitants)",
    population,
  );

  for (const year of filosofiYears(refDir)) {
    const values = await readFilosofiIris(refDir, year);
    for (const [id, column, label, unit, definition, unitLabel] of FILOSOFI_SERIES) {
      for (const code of communeIris) add(id, year, "iris", code, values.value(code, column), unit);
      const entry = (indicators[id] ??= { label, definition, unit, unitLabel, years: [], editions: {} });
      addYearEdition(entry, year, values.source);
    }
  }

  for (const year of cafYears(refDir)) {
    const values = await readCafIris(refDir, year);
    for (const [id, column, label, definition, unitLabel] of CAF_SERIES) {
      // The commune total only when every IRIS is known: a sum over secret cells would mislead.
      addSum(
        communeIris.map((code) => add(id, year, "iris", code, values.value(code, column), "count")),
        "count",
      );
      const entry = (indicators[id] ??= {
        label,
        definition: `${definition} Les effectifs de moins de 5 sont secrets à la source.`,
        unit: "count",
        unitLabel,
        years: [],
        editions: {},
      });
      addYearEdition(entry, year, values.source);
    }
  }

  const housing = await readIrisHousing(refDir);
  if (housing.columns.includes("P_RP_LOCHLMV")) {
    for (const code of communeIris) {
      const hlm = housing.value(code, "P_RP_LOCHLMV");
      const main = sumOrNull(housing.value(code, "P_RPMAISON"), housing.value(code, "P_RPAPPART"));
      add(
        "context-hlm-share",
        housing.vintage,
        "iris",
        code,
        hlm === null || !main ? null : Math.round((1000 * hlm) / main) / 10,
        "rate",
      );
    }
    indicators["context-hlm-share"] = censusIndicator(
      "Part des résidences principales louées en HLM (en %)",
      "Résidences principales occupées par des locataires d'un logement HLM loué vide, rapportées à l'ensemble des résidences principales.",
      "rate",
      "% des résidences principales",
      housing,
    );
  }
  return {
    cells: await protectedContext(raw, relations, zonesOf(population, communeIris, commune), threshold, minPopulation),
    indicators,
  };
}

type AddCell = (
  indicator: string,
  year: number,
  level: "iris" | "commune",
  code: string,
  value: number | null,
  unit: CellUnit,
  breakdown?: string,
  category?: string,
) => Cell;

const sumOf = (cells: readonly Cell[]) => cells.reduce((s, c) => s + (c.value ?? 0), 0);

function zonesOf(population: IrisPopulationTable, communeIris: readonly string[], commune: string): ZonePopulation[] {
  const iris = communeIris.map((code) => ({ level: "iris" as const, code, population: population.total(code) }));
  const total = iris.reduce((s, z) => s + (z.population ?? 0), 0);
  return [...iris, { level: "commune", code: commune, population: total }];
}

/** Protection, then the attacker's audit: a context table that gives a secret back is never published. */
async function protectedContext(
  cells: Cell[],
  relations: SumRelation[],
  zones: ZonePopulation[],
  threshold: number,
  minPopulation: number,
): Promise<PublishedCell[]> {
  const table = protect(cells, relations, zones, { threshold, minPopulation });
  const report = await audit(table.cells, buildAuditCatalogue({ relations, zones, minPopulation }), {
    threshold,
    primary: auditPrimaryCells(cells, zones, { threshold, minPopulation }),
  });
  if (!report.ok) {
    const lines = report.failures.slice(0, 10).map((f) => `- ${f.cell} : ${f.reason}`);
    throw new Error(
      `L'audit du secret statistique des données de contexte (INSEE, CNAF) a échoué :\n${lines.join("\n")}`,
    );
  }
  return [...table.cells];
}

/**
 * Population by IRIS and age group, rounded to the unit. The IRIS total is the sum of its
 * rounded age groups and the commune the sum of its IRIS, so that every published relation
 * holds exactly (rounded sums that do not add up would mislead the audit).
 */
function populationCells(
  population: IrisPopulationTable,
  communeIris: readonly string[],
  add: AddCell,
  addSum: (parts: Cell[], unit: CellUnit, breakdown?: string, category?: string) => void,
  relate: (total: Cell, parts: Cell[]) => void,
) {
  const year = population.vintage;
  const totals: Cell[] = [];
  const byGroup = new Map<string, Cell[]>(AGE_GROUPS.map((g) => [g, []]));
  for (const code of communeIris) {
    const entry = population.get(code);
    const groups = AGE_GROUPS.map((group) => {
      const value = entry?.ageGroups[group] ?? null;
      const cell = add(
        "context-population",
        year,
        "iris",
        code,
        value === null ? null : Math.round(value),
        "count",
        "age",
        group,
      );
      byGroup.get(group)!.push(cell);
      return cell;
    });
    const known = entry?.total != null && groups.every((g) => g.value !== null);
    const total = add("context-population", year, "iris", code, known ? sumOf(groups) : null, "count");
    if (known) relate(total, groups);
    totals.push(total);
  }
  addSum(
    totals.filter((t) => t.value !== null),
    "count",
  );
  for (const group of AGE_GROUPS)
    addSum(
      byGroup.get(group)!.filter((c) => c.value !== null),
      "count",
      "age",
      group,
    );
}

const sumOrNull = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);
