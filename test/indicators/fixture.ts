/**
 * A small hand-made département: three IRIS in Aix (the third empty), Aix, 13002 and
 * Marseille, two years. Every expected value in the tests is computed by hand from these rows.
 */
import {
  ANNEX1_DATASETS,
  cellKey,
  type AggregateRecord,
  type Cell,
  type DatasetEdition,
  type DatasetId,
  type Denominators,
  type FieldValue,
  type Level,
  type PrivateRecord,
  type ReferenceValue,
  type SumRelation,
} from "../../loaders/contracts.ts";
import type { IndicatorInput } from "../../loaders/indicators/compute.ts";
import { expect, test } from "vitest";

export const iris1 = "130010101";
export const iris2 = "130010102";
export const iris3 = "130010103";

const record = (
  dataset: DatasetId,
  year: number,
  iris: string | null,
  commune: string | null,
  fields: Record<string, FieldValue>,
): PrivateRecord => ({
  dataset,
  year,
  observationDate: `${year}-12-31`,
  iris,
  commune,
  matchType: iris === null ? "not-found" : "exact",
  fields,
});

const apa = (
  year: number,
  iris: string | null,
  commune: string | null,
  sex: "F" | "M",
  age: number,
  livingAlone: boolean,
  gir: number,
) => record("apa-domicile", year, iris, commune, { sex, age, livingAlone, gir });

const childminder = (
  year: number,
  iris: string,
  placesTotal: number,
  placesUnder3: number,
  places3Plus: number,
  childrenUnder3: number | null,
  children3Plus: number | null,
) =>
  record("assistantes-maternelles", year, iris, "13001", {
    placesTotal,
    placesUnder3,
    places3Plus,
    childrenUnder3,
    children3Plus,
  });

const birth = (
  year: number,
  iris: string | null,
  commune: string,
  motherAge: number | null,
  birthRank: number | null,
) => record("certificats-8e-jour", year, iris, commune, { motherAge, birthRank });

const records: PrivateRecord[] = [
  // APA, one row a person, two years; every Aix row of 2016 is placed in an IRIS.
  apa(2015, iris1, "13001", "F", 80, true, 2),
  apa(2015, iris1, "13001", "F", 86, true, 1),
  apa(2015, iris2, "13001", "M", 70, false, 3),
  apa(2015, null, "13001", "M", 76, false, 4), // an Aix row not placed in an IRIS
  apa(2015, null, "13002", "F", 90, true, 4),
  apa(2015, null, "13201", "M", 85, false, 2), // a Marseille arrondissement
  apa(2016, iris1, "13001", "F", 81, true, 2),
  apa(2016, iris1, "13001", "F", 87, true, 1),
  apa(2016, iris1, "13001", "F", 79, false, 3),
  apa(2016, iris2, "13001", "M", 71, false, 3),
  apa(2016, null, "13002", "F", 91, true, 4),
  apa(2016, null, "13002", "M", 77, false, 2),
  apa(2016, null, null, "F", 88, true, 4), // a row of the département placed in no commune
  // Childminders: Aix's own extract; the third row's total is not the sum of its parts.
  childminder(2015, iris1, 4, 3, 1, 2, 1),
  childminder(2015, iris1, 3, 3, 0, 3, 0),
  childminder(2015, iris2, 2, 1, 0, 0, null),
  childminder(2016, iris2, 2, 2, 0, 2, 0),
  // Births: one mother's age unknown in 2015.
  birth(2015, iris1, "13001", 19, 1),
  birth(2015, iris2, "13001", 41, 3),
  birth(2015, iris2, "13001", null, 2),
  birth(2015, null, "13055", 30, 4),
  birth(2016, iris1, "13001", 25, 1),
  birth(2016, null, "13002", 35, 2),
];

const line = (
  dataset: DatasetId,
  year: number,
  level: "commune" | "departement",
  code: string,
  fields: Record<string, number | null>,
): AggregateRecord => ({
  dataset,
  year,
  observationDate: `${year}-12-31`,
  level,
  code,
  fields,
});

const legal = (
  ash: number,
  ashM: number,
  ashF: number,
  actp: number,
  actpM: number,
  actpF: number,
  under40: number,
  plus40: number,
) => ({
  ashElderly: ash,
  ashElderlyMen: ashM,
  ashElderlyWomen: ashF,
  actpPch: actp,
  actpPchMen: actpM,
  actpPchWomen: actpF,
  actpPchUnder40: under40,
  actpPch40Plus: plus40,
});
const financial = (faj: number, fslTotal: number, fslAccess: number, fslUpkeep: number) => ({
  faj,
  fslTotal,
  fslAccess,
  fslUpkeep,
});
const childWelfare = (
  reports: number,
  followedAtHome: number,
  inCare: number,
  placedByJudge: number,
  monthlyAllowances: number | null,
) => ({
  reports,
  followedAtHome,
  inCare,
  placedByJudge,
  monthlyAllowances,
});

const aggregates: AggregateRecord[] = [
  // Aix 2015: ACTP/PCH under 40 + 40 and over (5 + 14) is not the total (20).
  line("aides-legales-pa-ph", 2015, "commune", "13001", legal(10, 4, 6, 20, 12, 8, 5, 14)),
  line("aides-legales-pa-ph", 2015, "departement", "13", legal(100, 40, 60, 200, 90, 110, 50, 150)),
  line("aides-legales-pa-ph", 2016, "commune", "13001", legal(12, 5, 7, 22, 11, 11, 6, 16)),
  line("aides-legales-pa-ph", 2016, "departement", "13", legal(110, 50, 60, 210, 100, 110, 60, 150)),
  line("aides-financieres", 2015, "commune", "13001", financial(30, 50, 20, 40)),
  line("aides-financieres", 2015, "departement", "13", financial(300, 500, 250, 300)),
  line("aides-financieres", 2016, "commune", "13001", financial(36, 40, 10, 35)),
  line("aides-financieres", 2016, "departement", "13", financial(330, 520, 260, 310)),
  line("ase", 2015, "commune", "13001", childWelfare(15, 25, 35, 5, 45)),
  line("ase", 2015, "departement", "13", childWelfare(150, 250, 350, 50, 450)),
  line("ase", 2016, "commune", "13001", childWelfare(18, 20, 42, 6, null)),
  line("ase", 2016, "departement", "13", childWelfare(160, 240, 380, 55, 470)),
];

const editions: DatasetEdition[] = [2015, 2016].flatMap((year) =>
  ANNEX1_DATASETS.map((dataset) => ({
    dataset,
    year,
    observationDate: `${year}-12-31`,
    lastUpdate: `${year + 1}-03-15`,
    synthetic: true,
  })),
);

/** measure -> code -> value; IRIS 3 has no known population (an activity IRIS). */
const referenceTable: Record<string, Record<string, number>> = {
  population75p: { [iris1]: 200, [iris2]: 150, "13001": 1000, "13002": 300, "13055": 2000, "13": 4000 },
  population: { [iris1]: 500, [iris2]: 400, "13001": 2000, "13002": 1000, "13055": 4000, "13": 8000 },
  childrenUnder3: { [iris1]: 50, [iris2]: 40, "13001": 700 },
  population60p: { "13001": 5000, "13": 40000 },
  population0_17: { "13001": 3000.4, "13": 20000 },
  population18_24: { "13001": 1500, "13": 10000 },
  households: { "13001": 1000, "13": 5000 },
};

const denominators: Denominators = {
  get(measure: string, _level: Level, code: string, year: number): ReferenceValue | null {
    const value = referenceTable[measure]?.[code];
    if (value === undefined) return null;
    if (measure === "childrenUnder3")
      return { value, source: "CNAF, données CAF par IRIS", vintage: Math.max(year, 2016) };
    const estimate = measure === "population0_17" || measure === "population18_24";
    return {
      value,
      source: "INSEE, recensement de la population 2016",
      vintage: 2016,
      ...(estimate ? { approximation: "Estimation à partir des tranches d'âge du recensement." } : {}),
    };
  },
};

export const input: IndicatorInput = {
  records,
  aggregates,
  editions,
  denominators,
  commune: "13001",
  departement: "13",
  communeIris: [iris1, iris2, iris3],
  communes: ["13001", "13002", "13055"],
};

/** One cell of the output; undefined when the cell does not exist. */
export function cellOf(
  cells: Cell[],
  indicator: string,
  year: number,
  level: Level,
  code: string,
  breakdown = "",
  category = "",
): Cell | undefined {
  const key = cellKey({ indicator, year, level, code, breakdown, category });
  return cells.find((c) => cellKey(c) === key);
}

/** The sum relation of a total over its cells of one breakdown (the fifth part of their keys). */
export const relationOf = (relations: SumRelation[], total: string, breakdown: string): SumRelation | undefined =>
  relations.find((r) => r.total === total && r.parts.every((p) => p.split("|")[4] === breakdown));

/** The computed value of one cell; undefined when the cell does not exist. */
export const valueOf = (...args: Parameters<typeof cellOf>): number | null | undefined => cellOf(...args)?.value;

/** In this fixture a zone code names its level: nine characters an IRIS, five a commune, two the département. */
const LEVEL_OF_CODE_LENGTH: Record<number, Level> = { 9: "iris", 5: "commune", 2: "departement" };

/** The expected value of one indicator in one year, zone by zone (null: computed but not computable). */
export type ExpectedValues = [indicator: string, year: number, byZone: Record<string, number | null>];

/** One test per indicator and year: every zone named has exactly the value written by hand. */
export function testValues(cells: Cell[], rows: ExpectedValues[]): void {
  test.each(rows)("%s %i = %o", (indicator, year, byZone) => {
    const computed = Object.fromEntries(
      Object.keys(byZone).map((code) => [
        code,
        valueOf(cells, indicator, year, LEVEL_OF_CODE_LENGTH[code.length]!, code),
      ]),
    );
    expect(computed).toStrictEqual(byZone);
  });
}
