/**
 * The observed commune (data/observatory.json) and the other communes of its département, for
 * the département-wide rows of the individual files: real names, postcodes and populations
 * (@etalab/decoupage-administratif). Every file holds the whole département at its rate per
 * 1,000 inhabitants, so that the commune's, the other communes' and the département's rates
 * all read true in the comparisons.
 */
import communes from "@etalab/decoupage-administratif/data/communes.json" with { type: "json" };
import { readObservatoryConfig } from "../config.ts";
import { stripAccents } from "../common/plain-text.ts";
import { intBetween, pick, substream, type Rng } from "../common/seeded-random.ts";

export interface CommuneInfo {
  code: string;
  /** As partners write it: capitals, no accents, spaces for hyphens ("SALON DE PROVENCE"). */
  label: string;
  postcodes: string[];
  population: number;
}

interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
}

export function partnerLabel(name: string): string {
  return stripAccents(name).toUpperCase().replace(/[-']/g, " ").replace(/\s+/g, " ").trim();
}

const territory = readObservatoryConfig().territory;

export const departementCommunes: CommuneInfo[] = (communes as EtalabCommune[])
  .filter((c) => c.type === "commune-actuelle" && c.departement === territory.departement)
  .map((c) => ({
    code: c.code,
    label: partnerLabel(c.nom),
    postcodes: c.codesPostaux ?? [],
    population: c.population ?? 0,
  }));

/** The commune the CCAS observes: its rows carry addresses drawn from its reference. */
export const observed: CommuneInfo = departementCommunes.find((c) => c.code === territory.commune) ?? {
  code: territory.commune,
  label: partnerLabel(territory.communeName),
  postcodes: [],
  population: 0,
};
const others = departementCommunes.filter((c) => c.code !== observed.code && c.postcodes.length > 0);
const othersPopulation = others.reduce((sum, c) => sum + c.population, 0);

/**
 * Rows of one individual file: the observed commune's and the rest of the département's, and
 * how a row of the rest picks its commune. Both follow the populations at the file's rate per
 * 1,000 inhabitants, so that every level reads a plausible rate; the benchmarks and the secrecy
 * chain's tests set the two counts for their own scenarios.
 */
export interface SampleVolumes {
  commune: number;
  others: number;
  /** A commune of the rest of the département, drawn by its population times its own rate factor. */
  drawOther: (rng: Rng) => CommuneInfo;
}

/**
 * Each other commune's rate is the file's rate times a factor of its own, between 0.8 and 1.2,
 * fixed by the file's name and the commune's code: communes differ as real ones do, while
 * staying near the observed commune's rate (which is the file's rate).
 */
export function volumesPer1000(rate: number, file: string): SampleVolumes {
  const weights = others.map((c) => c.population * (0.8 + 0.4 * substream(0, "rate", file, c.code)()));
  const cumulative: number[] = [];
  weights.reduce((sum, w) => (cumulative.push(sum + w), sum + w), 0);
  const weighted = cumulative[cumulative.length - 1] ?? 0;
  return {
    commune: Math.round((rate * observed.population) / 1000),
    others: Math.round((rate * weighted) / 1000),
    drawOther: (rng) => others[firstAbove(cumulative, rng() * weighted)]!,
  };
}

/** What the rest of the département holds at the rate without the communes' factors (for the benchmarks). */
export const othersAtScale = (rate: number): number => Math.round((rate * othersPopulation) / 1000);

/** The first index whose cumulative weight exceeds x (binary search). */
function firstAbove(cumulative: number[], x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const STREETS = [
  "RUE DE LA REPUBLIQUE",
  "AVENUE JEAN JAURES",
  "BOULEVARD DE LA LIBERATION",
  "RUE VICTOR HUGO",
  "AVENUE DE LA GARE",
  "CHEMIN DES VIGNES",
  "RUE PASTEUR",
  "AVENUE DU GENERAL DE GAULLE",
  "PLACE DE LA MAIRIE",
  "RUE DES ECOLES",
  "TRAVERSE DES PINS",
  "IMPASSE DES OLIVIERS",
  "ALLEE DES CIGALES",
  "BOULEVARD NATIONAL",
  "RUE FREDERIC MISTRAL",
  "AVENUE DE PROVENCE",
  "CHEMIN DU MOULIN",
  "RUE DU 4 SEPTEMBRE",
  "AVENUE DES PLATANES",
  "RUE GAMBETTA",
];

/** "<n> <street> <postcode> <COMMUNE>", the shape the convention asks for. */
export function otherCommuneAddress(
  rng: Rng,
  commune: CommuneInfo,
): { text: string; street: string; postcode: string } {
  const street = pick(rng, STREETS);
  const postcode = pick(rng, commune.postcodes);
  return { text: `${intBetween(rng, 1, 120)} ${street} ${postcode} ${commune.label}`, street, postcode };
}
