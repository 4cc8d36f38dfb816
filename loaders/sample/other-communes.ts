/**
 * The other communes of the département, for the département-wide rows of the individual
 * files: real names and postcodes (@etalab/decoupage-administratif), drawn by population.
 */
import communes from "@etalab/decoupage-administratif/data/communes.json" with { type: "json" };
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

export const AIX_CODE = "13001";

export function partnerLabel(name: string): string {
  return stripAccents(name).toUpperCase().replace(/[-']/g, " ").replace(/\s+/g, " ").trim();
}

export const communes13: CommuneInfo[] = (communes as EtalabCommune[])
  .filter((c) => c.type === "commune-actuelle" && c.departement === "13")
  .map((c) => ({
    code: c.code,
    label: partnerLabel(c.nom),
    postcodes: c.codesPostaux ?? [],
    population: c.population ?? 0,
  }));

export const aix: CommuneInfo = communes13.find((c) => c.code === AIX_CODE)!;
const others = communes13.filter((c) => c.code !== AIX_CODE && c.postcodes.length > 0);
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
