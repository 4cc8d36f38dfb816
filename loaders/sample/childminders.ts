/**
 * Synthetic approved childminders: places by age group and children kept. Most 2016
 * childminders are 2015 ones; some keep more children than places (a warning, not an error).
 */
import type { RawCell } from "../exports/parse-value.ts";
import { volumesPer1000 } from "./other-communes.ts";
import type { Renewal } from "./population-groups.ts";
import { chance, intBetween, pick, weighted, type Rng } from "../common/seeded-random.ts";
import { LOCATION_COLUMNS, type IndividualFile, type IndividualRecord, type Place } from "./individual-sheet.ts";

/** About 4.7 approved childminders per 1,000 inhabitants. */
export const CHILDMINDER_RATE = 4.7;
export const CHILDMINDER_VOLUMES = volumesPer1000(CHILDMINDER_RATE, "childminders");

export interface Childminder {
  place: Place;
  placesTotal: number;
  placesUnder3: number;
  places3Plus: number;
  childrenUnder3: number;
  children3Plus: number;
}

function draw(rng: Rng, place: Place): Childminder {
  const placesTotal = weighted(rng, [
    [1, 4],
    [2, 12],
    [3, 38],
    [4, 46],
  ] as const);
  const placesUnder3 = intBetween(rng, Math.max(0, placesTotal - 2), placesTotal);
  const places3Plus = placesTotal - placesUnder3;
  const over = chance(rng, 0.02);
  const childrenUnder3 = over ? placesUnder3 + 1 : intBetween(rng, 0, placesUnder3);
  const children3Plus = over ? places3Plus + 1 : intBetween(rng, 0, places3Plus);
  return { place, placesTotal, placesUnder3, places3Plus, childrenUnder3, children3Plus };
}

/** Most 2016 childminders are 2015 ones, keeping their approval as it was; some have it changed. */
export const CHILDMINDER_RENEWAL: Renewal<Childminder> = {
  kept: 0.9,
  carry: (c, rng) => (chance(rng, 0.8) ? { ...c } : draw(rng, c.place)),
  fresh: (place, rng) => draw(rng, place),
};

export function childminderRecord(c: Childminder, index: number, year: number, rng: Rng): IndividualRecord {
  // Partners leave optional counts blank now and then: read as unknown (null), row kept.
  const blank = chance(rng, 0.02) ? pick(rng, ["places3Plus", "children3Plus"] as const) : null;
  const value = (k: keyof Childminder): number | null => (k === blank ? null : (c[k] as number));
  const fields = {
    placesTotal: c.placesTotal,
    placesUnder3: c.placesUnder3,
    places3Plus: value("places3Plus"),
    childrenUnder3: c.childrenUnder3,
    children3Plus: value("children3Plus"),
  };
  const kept = c.childrenUnder3 + (fields.children3Plus ?? 0);
  const cells: Record<string, RawCell> = { ...fields };
  return {
    identifier: `AM-${year}-${String(index + 1).padStart(6, "0")}`,
    place: c.place,
    cells,
    fields,
    ...(kept > c.placesTotal ? { warnings: ["enfants-au-dela-des-places"] } : {}),
  };
}

const columns = [
  { key: "identifier", headers: ["Index", "Index assistante maternelle", "N° agrément", "Identifiant"] },
  ...LOCATION_COLUMNS,
  { key: "placesTotal", headers: ["Nombre de places accordées par l'agrément", "Nb places agrément", "PLACES"] },
  {
    key: "placesUnder3",
    headers: [
      "Nombre de places accordées pour des enfants de moins de 3 ans",
      "Nb places < 3 ans",
      "places moins de 3 ans",
    ],
  },
  {
    key: "places3Plus",
    headers: [
      "Nombre de places accordées par l'agrément pour des enfants de 3 ans ou plus (en périscolaire)",
      "Nb places 3 ans et +",
      "places périscolaire",
    ],
  },
  {
    key: "childrenUnder3",
    headers: ["Nombre d'enfants de moins de 3 ans gardées", "Nb enfants < 3 ans", "enfants gardés moins de 3 ans"],
  },
  {
    key: "children3Plus",
    headers: ["Nombre d'enfants de 3 ans ou plus gardées", "Nb enfants 3 ans et +", "enfants gardés 3 ans ou plus"],
  },
];

const errors: IndividualFile["errors"] = [
  { rule: "effectif-negatif", rate: 0.003, apply: (c, rng) => (c[pick(rng, ["placesTotal", "childrenUnder3"])] = -1) },
  {
    rule: "nombre-invalide",
    rate: 0.003,
    apply: (c, rng) => (c[pick(rng, ["placesTotal", "placesUnder3"])] = pick(rng, ["3 ou 4", "NC", "2,5"])),
  },
  { rule: "identifiant-manquant", rate: 0.002, apply: (c) => (c.identifier = null) },
];

function conflict(record: IndividualRecord): Record<string, RawCell> {
  const kept = record.fields.childrenUnder3 as number;
  return { childrenUnder3: kept > 0 ? kept - 1 : 1 };
}

export const CHILDMINDER_FILE: IndividualFile = { columns, errors, conflict };
