/**
 * Context tables of the "Portrait du territoire" page: public data (INSEE RP, Filosofi, CNAF)
 * by IRIS of the observed commune, published beside the Département's tables with their own source line and
 * Licence Ouverte attribution. Public data is not secret, but Article 7's zone rule still
 * applies: no value is published for an IRIS of fewer than 100 inhabitants (or of unknown
 * population, like the activity IRIS).
 */
import type { CellUnit, PublishedCell } from "../contracts.ts";
import { readCafIris, cafYears } from "../reference/caf.ts";
import { readFilosofiIris, filosofiYears } from "../reference/filosofi.ts";
import { readIrisHousing } from "../reference/housing.ts";
import { readIrisPopulation, type IrisPopulationTable } from "../reference/population.ts";
import { OPEN_LICENCE } from "../reference/sources.ts";

export interface ContextIndicator {
  label: string;
  definition: string;
  unit: "count" | "rate" | "amount";
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

/**
 * Reads the public files and builds the context cells for the IRIS of `communeIris` and their
 * commune. `minPopulation`: Article 7's smallest zone (100).
 */
export async function buildContextTables(
  refDir: string,
  communeIris: readonly string[],
  { commune, minPopulation }: { commune: string; minPopulation: number },
): Promise<ContextTables> {
  const cells: PublishedCell[] = [];
  const indicators: Record<string, ContextIndicator> = {};
  const population = await readIrisPopulation(refDir);
  // A zone under 100 inhabitants, or whose population is unknown, shows no context value.
  const smallZone = (code: string): boolean => (population.total(code) ?? 0) < minPopulation;
  const add = (
    indicator: string,
    year: number,
    level: "iris" | "commune",
    code: string,
    value: number | null,
    unit: CellUnit,
    breakdown = "",
    category = "",
  ) => {
    const hidden = level === "iris" && smallZone(code);
    cells.push({
      indicator,
      year,
      level,
      code,
      breakdown,
      category,
      unit,
      secret: hidden,
      value: hidden ? null : value,
    });
  };

  populationCells(population, communeIris, commune, add);
  indicators["context-population"] = {
    label: "Population",
    definition:
      "Population des ménages et hors ménages recensée par l'INSEE, par tranche d'âge (valeurs arrondies à l'unité).",
    unit: "count",
    years: [population.vintage],
    editions: {
      [population.vintage]: {
        sources: [licensed(population.source)],
        observationDate: `${population.vintage}-01-01`,
        lastUpdate: null,
      },
    },
  };

  const filosofi: [string, string, string, ContextIndicator["unit"], string][] = [
    [
      "context-poverty-rate",
      "DISP_TP60",
      "Taux de pauvreté (seuil à 60 % du revenu médian)",
      "rate",
      "Part des personnes dont le niveau de vie est inférieur à 60 % du niveau de vie médian de la France métropolitaine (en %). L'INSEE ne diffuse pas ce taux pour les IRIS de moins de 1 000 habitants.",
    ],
    [
      "context-median-income",
      "DISP_MED",
      "Revenu disponible médian par unité de consommation (euros)",
      "amount",
      "Niveau de vie médian des personnes de l'IRIS, en euros par an et par unité de consommation.",
    ],
  ];
  for (const year of filosofiYears(refDir)) {
    const values = await readFilosofiIris(refDir, year);
    for (const [id, column, label, unit, definition] of filosofi) {
      for (const code of communeIris) add(id, year, "iris", code, values.value(code, column), unit);
      const entry = (indicators[id] ??= { label, definition, unit, years: [], editions: {} });
      entry.years.push(year);
      entry.editions[year] = { sources: [licensed(values.source)], observationDate: `${year}-12-31`, lastUpdate: null };
    }
  }

  const caf: [string, string, string, string][] = [
    [
      "context-caf-recipients",
      "A",
      "Allocataires de la CAF",
      "Foyers allocataires d'au moins une prestation de la CAF au 31 décembre.",
    ],
    [
      "context-caf-rsa",
      "ARSAS",
      "Allocataires du RSA",
      "Foyers allocataires du revenu de solidarité active (RSA socle).",
    ],
    ["context-caf-aah", "AAAH", "Allocataires de l'AAH", "Allocataires de l'allocation aux adultes handicapés."],
    [
      "context-caf-single-parent",
      "AM",
      "Allocataires monoparents",
      "Foyers allocataires composés d'un parent seul avec enfant(s).",
    ],
  ];
  for (const year of cafYears(refDir)) {
    const values = await readCafIris(refDir, year);
    for (const [id, column, label, definition] of caf) {
      let total = 0;
      let complete = true;
      for (const code of communeIris) {
        const value = values.value(code, column);
        add(id, year, "iris", code, value, "count");
        if (value === null) complete = false;
        else total += value;
      }
      // The commune total only when every IRIS is known: a sum over secret cells would mislead.
      if (complete) add(id, year, "commune", commune, total, "count");
      const entry = (indicators[id] ??= {
        label,
        definition: `${definition} Les effectifs de moins de 5 sont secrets à la source.`,
        unit: "count",
        years: [],
        editions: {},
      });
      entry.years.push(year);
      entry.editions[year] = { sources: [licensed(values.source)], observationDate: `${year}-12-31`, lastUpdate: null };
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
    indicators["context-hlm-share"] = {
      label: "Part des résidences principales louées en HLM (en %)",
      definition:
        "Résidences principales occupées par des locataires d'un logement HLM loué vide, rapportées à l'ensemble des résidences principales.",
      unit: "rate",
      years: [housing.vintage],
      editions: {
        [housing.vintage]: {
          sources: [licensed(housing.source)],
          observationDate: `${housing.vintage}-01-01`,
          lastUpdate: null,
        },
      },
    };
  }
  return { cells, indicators };
}

function populationCells(
  population: IrisPopulationTable,
  communeIris: readonly string[],
  commune: string,
  add: (
    indicator: string,
    year: number,
    level: "iris" | "commune",
    code: string,
    value: number | null,
    unit: CellUnit,
    breakdown?: string,
    category?: string,
  ) => void,
) {
  const year = population.vintage;
  const communeTotals = new Map<string, number>();
  for (const code of communeIris) {
    const entry = population.get(code);
    add("context-population", year, "iris", code, entry?.total == null ? null : Math.round(entry.total), "count");
    for (const group of AGE_GROUPS) {
      const value = entry?.ageGroups[group] ?? null;
      add("context-population", year, "iris", code, value === null ? null : Math.round(value), "count", "age", group);
      if (value !== null) communeTotals.set(group, (communeTotals.get(group) ?? 0) + value);
    }
  }
  const total = [...communeTotals.values()].reduce((a, b) => a + b, 0);
  add("context-population", year, "commune", commune, Math.round(total), "count");
  for (const group of AGE_GROUPS)
    add(
      "context-population",
      year,
      "commune",
      commune,
      Math.round(communeTotals.get(group) ?? 0),
      "count",
      "age",
      group,
    );
}

const sumOrNull = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);
