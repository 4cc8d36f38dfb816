/**
 * Invented street names for the fictitious reference of a commune whose FANTOIR list is not in
 * the reference directory: common French names, plus streets named after each IRIS (so that the
 * fictitious reference places them there). Deterministic for a seed; the site says they are
 * invented.
 */
import type { IrisCollection } from "../reference/iris-contours.ts";
import type { FantoirStreet } from "./fantoir.ts";
import { normalizeText } from "./normalize.ts";
import { pick, seededRandom } from "../common/seeded-random.ts";

const TYPES = ["RUE", "AV", "BD", "CHE", "IMP", "ALL", "TRA", "RTE"];
const NAMES = [
  "DE LA REPUBLIQUE",
  "JEAN JAURES",
  "DE LA LIBERATION",
  "VICTOR HUGO",
  "DE LA GARE",
  "DES VIGNES",
  "PASTEUR",
  "DU GENERAL DE GAULLE",
  "DES ECOLES",
  "DES PINS",
  "DES OLIVIERS",
  "DES CIGALES",
  "FREDERIC MISTRAL",
  "DE PROVENCE",
  "DU MOULIN",
  "DU 4 SEPTEMBRE",
  "DES PLATANES",
  "GAMBETTA",
  "JULES FERRY",
  "LOUIS PASTEUR",
  "DES LAVANDES",
  "DES AMANDIERS",
  "DES TILLEULS",
  "DES ROSIERS",
  "DES CYPRES",
  "DES MURIERS",
  "DU STADE",
  "DE LA FONTAINE",
  "DE LA PAIX",
  "DU MARCHE",
  "DES ARTISANS",
  "DES JARDINS",
  "DU CANAL",
  "DE L EGLISE",
  "ALPHONSE DAUDET",
  "MARCEL PAGNOL",
  "PAUL CEZANNE",
  "JEAN MOULIN",
  "ALBERT CAMUS",
  "GEORGE SAND",
  "EMILE ZOLA",
  "ANATOLE FRANCE",
  "MARIE CURIE",
  "CLEMENT ADER",
  "DES ALPILLES",
  "DU MISTRAL",
  "DE LA CALANQUE",
  "DES GENETS",
  "DES CHENES",
  "DES MIMOSAS",
];

/** Three streets named after each IRIS, then common names until about 30 streets per IRIS. */
export function inventedStreets(iris: IrisCollection, seed: number): FantoirStreet[] {
  const rng = seededRandom(seed + 1);
  const streets: FantoirStreet[] = [];
  const seen = new Set<string>();
  const add = (type: string, name: string) => {
    const key = `${type} ${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    streets.push({ type, name: name.slice(0, 26) });
  };
  for (const f of iris.features) {
    const place = normalizeText(f.properties.name);
    for (const type of ["RUE", "CHE", "AV"]) add(type, `DE ${place}`);
  }
  const target = Math.max(200, 30 * iris.features.length);
  const common = TYPES.length * NAMES.length;
  for (let attempt = 0; streets.length < target && attempt < common * 4; attempt++)
    add(pick(rng, TYPES), pick(rng, NAMES));
  return streets;
}
