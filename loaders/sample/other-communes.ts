/**
 * The observed commune (data/observatory.json) and the other communes of its département, for
 * the département-wide rows of the individual files: real names, postcodes and populations
 * (@etalab/decoupage-administratif), drawn by population.
 */
import communes from "@etalab/decoupage-administratif/data/communes.json" with { type: "json" };
import { readObservatoryConfig } from "../config.ts";
import { stripAccents } from "../common/plain-text.ts";
import { intBetween, pick, type Rng } from "../common/seeded-random.ts";

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
 * Rows of a file for the observed commune, from a rate per 1,000 inhabitants, and for the rest
 * of the département. The rest stays at a fixed sample (`others`): at its population's volume
 * (about 14 times Aix's) the secondary suppression hides the commune and département totals
 * of the APA (seen on the Aix sample), so the département's figures are not yet to scale.
 */
export function volumesPer1000(rate: number, others: number): { commune: number; others: number } {
  return { commune: Math.round((rate * observed.population) / 1000), others };
}

/** What the rest of the département would hold at the same rate (for the benchmarks). */
export const othersAtScale = (rate: number): number => Math.round((rate * othersPopulation) / 1000);
const cumulative: number[] = [];
others.reduce((sum, c) => (cumulative.push(sum + c.population), sum + c.population), 0);

export function drawOtherCommune(rng: Rng): CommuneInfo {
  const x = rng() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return others[lo]!;
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
