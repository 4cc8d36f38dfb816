import type { Denominators, Level, ReferenceValue } from "../contracts.ts";
import { cafYears, readCafIris } from "./caf.ts";
import { communesOfDepartement, legalPopulationVintage, municipalArrondissements } from "./communes.ts";
import { readIrisHousing } from "./housing.ts";
import { communeOfArrondissement } from "./iris-contours.ts";
import { readIrisList, type IrisEntry } from "./iris-list.ts";
import type { IrisValues } from "./iris-table.ts";
import { readIrisPopulation, type IrisPopulationTable } from "./population.ts";

const DENOMINATOR_MEASURES = [
  "population",
  "population75p",
  "population60p",
  "population0_17",
  "population18_24",
  "childrenUnder3",
  "households",
] as const;
export type DenominatorMeasure = (typeof DENOMINATOR_MEASURES)[number];

export interface ReferenceDenominators extends Denominators {
  measures: readonly DenominatorMeasure[];
  departement: string;
}

interface IrisMeasure {
  value: number | null;
  approximation?: string;
}

const sumOrNull = (values: (number | null)[]): number | null =>
  values.some((v) => v === null) ? null : values.reduce<number>((s, v) => s + v!, 0);

/** One measure computed from the RP age groups; exact bands are used when the file has them. */
function ageMeasure(pop: IrisPopulationTable, measure: DenominatorMeasure, code: string): IrisMeasure {
  const p = pop.get(code);
  if (!p) return { value: null };
  const g = (k: string) => (k in p.ageGroups ? p.ageGroups[k]! : undefined);
  const has = (...keys: string[]) => keys.every((k) => g(k) !== undefined);
  switch (measure) {
    case "population":
      return { value: p.total };
    case "population75p":
      return { value: g("75+") ?? null };
    case "population60p":
      return { value: sumOrNull([g("60-74") ?? null, g("75+") ?? null]) };
    case "population0_17":
      if (has("0-2", "3-5", "6-10", "11-17"))
        return { value: sumOrNull(["0-2", "3-5", "6-10", "11-17"].map((k) => g(k)!)) };
      return {
        value: g("0-14") == null || g("15-29") == null ? null : g("0-14")! + (3 / 15) * g("15-29")!,
        approximation: "Estimation : 0-14 ans + 3/15 des 15-29 ans (le recensement ne donne pas la tranche 0-17 ans).",
      };
    case "population18_24":
      if (has("18-24")) return { value: g("18-24")! };
      return {
        value: g("15-29") == null ? null : (7 / 15) * g("15-29")!,
        approximation: "Estimation : 7/15 des 15-29 ans (le recensement ne donne pas la tranche 18-24 ans).",
      };
    default:
      return { value: null };
  }
}

const HOUSEHOLDS_NOTE = "Ménages estimés par les résidences principales (maisons + appartements) du recensement.";
const CAF_NOTE =
  "Enfants de moins de 3 ans couverts par la CAF (ENF_2), et non l'ensemble des enfants de moins de 3 ans.";

/**
 * Denominators of docs/INDICATORS.md at IRIS, arrondissement, commune and département level. Unknown is null,
 * never zero; every estimate says so in `approximation`.
 */
export async function loadDenominators(
  refDir: string,
  opts: { departement?: string } = {},
): Promise<ReferenceDenominators> {
  const dep = opts.departement ?? "13";
  const [population, housing, irisList] = await Promise.all([
    readIrisPopulation(refDir),
    readIrisHousing(refDir),
    readIrisList(refDir),
  ]);
  const cafByYear = new Map<number, IrisValues>();
  for (const year of cafYears(refDir)) cafByYear.set(year, await readCafIris(refDir, year));

  const communes = communesOfDepartement(dep);
  // Marseille's arrondissements: their legal population, and the sum of their IRIS otherwise.
  const arrondissements = communes.flatMap((c) => municipalArrondissements(c.code));
  const legalVintage = legalPopulationVintage();
  const legalSource = `INSEE, populations légales ${legalVintage}`;
  const depIris = irisList.filter((i) => i.code.startsWith(dep));
  const irisOfCommune = new Map<string, IrisEntry[]>();
  for (const i of depIris) {
    const list = irisOfCommune.get(i.commune) ?? [];
    list.push(i);
    irisOfCommune.set(i.commune, list);
  }
  const knownIris = new Set([...depIris.map((i) => i.code), ...population.codes().filter((c) => c.startsWith(dep))]);

  /** The CAF year used for an observation year: the same, else the nearest one, said on the page. */
  function cafFor(year: number): { table: IrisValues; note?: string } | null {
    const years = [...cafByYear.keys()];
    if (years.length === 0) return null;
    if (cafByYear.has(year)) return { table: cafByYear.get(year)! };
    const nearest = years.reduce((a, b) => (Math.abs(b - year) < Math.abs(a - year) ? b : a));
    return {
      table: cafByYear.get(nearest)!,
      note: `Données CAF ${nearest} utilisées pour ${year} (pas de données CAF par IRIS pour ${year}).`,
    };
  }

  function irisValue(
    measure: DenominatorMeasure,
    code: string,
    year: number,
  ): (IrisMeasure & { source: string; vintage: number }) | null {
    if (measure === "households") {
      const v = housing.get(code);
      return {
        value: v ? sumOrNull([v.P_RPMAISON ?? null, v.P_RPAPPART ?? null]) : null,
        approximation: HOUSEHOLDS_NOTE,
        source: housing.source,
        vintage: housing.vintage,
      };
    }
    if (measure === "childrenUnder3") {
      const caf = cafFor(year);
      if (!caf) return null;
      return {
        value: caf.table.value(code, "ENF_2"),
        approximation: [CAF_NOTE, caf.note].filter(Boolean).join(" "),
        source: caf.table.source,
        vintage: caf.table.vintage,
      };
    }
    return { ...ageMeasure(population, measure, code), source: population.source, vintage: population.vintage };
  }

  /** Which IRIS a by-IRIS file must hold for a commune to be complete: habitat and whole-commune IRIS. */
  const mustHave = (i: IrisEntry) => i.type === "H" || i.type === "Z";
  function holderOf(measure: DenominatorMeasure, year: number): ((code: string) => boolean) | null {
    if (measure === "households") return (c) => housing.get(c) !== null;
    if (measure === "childrenUnder3") {
      const caf = cafFor(year);
      return caf ? (c) => caf.table.get(c) !== null : null;
    }
    return (c) => population.get(c) !== null;
  }
  const codesHeldFor = (measure: DenominatorMeasure, year: number): string[] =>
    measure === "households"
      ? housing.codes()
      : measure === "childrenUnder3"
        ? (cafFor(year)?.table.codes() ?? [])
        : population.codes();

  function aggregate(
    measure: DenominatorMeasure,
    iris: string[],
    year: number,
  ): { value: number | null; approximation?: string; source: string; vintage: number } | null {
    const values = iris.map((c) => irisValue(measure, c, year));
    const first = values.find((v) => v !== null);
    if (!first) return null;
    const known = values.filter((v) => v && v.value !== null).map((v) => v!.value!);
    const secret = values.length - known.length;
    const notes = new Set(values.map((v) => v?.approximation).filter((a): a is string => !!a));
    if (secret > 0) notes.add(`${secret} IRIS sans valeur (secret statistique) non comptés : sous-estimation.`);
    return {
      value: known.length === 0 ? null : known.reduce((s, v) => s + v, 0),
      approximation: notes.size ? [...notes].join(" ") : undefined,
      source: first.source,
      vintage: first.vintage,
    };
  }

  const measures = new Set<string>(DENOMINATOR_MEASURES);
  const strip = (v: ReferenceValue): ReferenceValue =>
    v.approximation ? v : { value: v.value, source: v.source, vintage: v.vintage };

  return {
    measures: DENOMINATOR_MEASURES,
    departement: dep,
    get(measure: string, level: Level, code: string, year: number): ReferenceValue | null {
      if (!measures.has(measure)) return null;
      const m = measure as DenominatorMeasure;
      if (level === "iris") {
        if (!knownIris.has(code)) return null;
        const v = irisValue(m, code, year);
        return v ? strip(v) : null;
      }
      if (level === "commune" || level === "arrondissement") {
        const zone =
          level === "commune" ? communes.find((c) => c.code === code) : arrondissements.find((a) => a.code === code);
        if (!zone) return null;
        if (m === "population") return { value: zone.population, source: legalSource, vintage: legalVintage };
        const holds = holderOf(m, year);
        const list =
          level === "commune" ? (irisOfCommune.get(code) ?? []) : depIris.filter((i) => i.code.startsWith(code));
        const held = codesHeldFor(m, year).filter(
          (c) =>
            c.startsWith(dep) && (list.some((i) => i.code === c) || (list.length === 0 && communeOfCode(c) === code)),
        );
        const covered =
          holds !== null && (list.length > 0 ? list.filter(mustHave).every((i) => holds(i.code)) : held.length > 0);
        if (!covered) {
          const any = irisValue(m, list[0]?.code ?? `${code}0000`, year);
          return any ? { value: null, source: any.source, vintage: any.vintage } : null;
        }
        const v = aggregate(m, held, year);
        return v ? strip(v) : null;
      }
      if (code !== dep) return null;
      if (m === "population") {
        return { value: sumOrNull(communes.map((c) => c.population)), source: legalSource, vintage: legalVintage };
      }
      const held = codesHeldFor(m, year).filter((c) => c.startsWith(dep));
      const v = aggregate(m, held, year);
      if (!v) return null;
      const holds = holderOf(m, year)!;
      const missing = communes.filter((c) => {
        const list = irisOfCommune.get(c.code) ?? [];
        return list.length === 0
          ? !held.some((h) => communeOfCode(h) === c.code)
          : !list.filter(mustHave).every((i) => holds(i.code));
      });
      if (missing.length > 0) {
        const missingPop = missing.reduce((s, c) => s + (c.population ?? 0), 0);
        const total = communes.reduce((s, c) => s + (c.population ?? 0), 0);
        const share = (100 * (total - missingPop)) / total;
        v.approximation = [
          v.approximation,
          `Somme des IRIS du fichier : ${missing.length} communes absentes (${share.toFixed(1).replace(".", ",")} % de la population légale couverte) : sous-estimation.`,
        ]
          .filter(Boolean)
          .join(" ");
      }
      return strip(v);
    },
  };
}

const communeOfCode = (irisCode: string): string => communeOfArrondissement(irisCode.slice(0, 5));
