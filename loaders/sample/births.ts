/** Synthetic 8th-day health certificates: a new cohort each year, mothers' ages and birth ranks as observed in France. */
import type { RawCell } from "../exports/parse-value.ts";
import { volumesPer1000 } from "./other-communes.ts";
import { populationGroups, yearTarget, type PopulationStreams } from "./population-groups.ts";
import { chance, normal, pick, shuffleInPlace, weighted, type Rng } from "../common/seeded-random.ts";
import { LOCATION_COLUMNS, type IndividualFile, type IndividualRecord, type Place } from "./individual-sheet.ts";
import type { AddressDrawer } from "./generate-types.ts";

/** About 10.7 births per 1,000 inhabitants a year. */
export const BIRTH_RATE = 10.7;
export const BIRTH_VOLUMES = volumesPer1000(BIRTH_RATE, "births");

export interface Birth {
  place: Place;
  motherAge: number | null;
  birthRank: number | null;
}

export function birthPopulation(streams: PopulationStreams, drawAddress: AddressDrawer): Birth[] {
  const births: Birth[] = [];
  for (const group of populationGroups(BIRTH_VOLUMES, streams, drawAddress)) {
    const rng = group.rng;
    for (let i = yearTarget(group); i > 0; i--)
      births.push({
        place: group.place(),
        // Certificates often leave a field blank: kept, counted as unknown.
        motherAge: chance(rng, 0.01) ? null : Math.round(Math.min(48, Math.max(15, normal(rng, 30.8, 5.3)))),
        birthRank: chance(rng, 0.01)
          ? null
          : weighted(rng, [
              [1, 43],
              [2, 36],
              [3, 13],
              [4, 5],
              [5, 2],
              [6, 1],
            ] as const),
      });
  }
  return shuffleInPlace(streams.others, births);
}

export function birthRecord(birth: Birth, index: number, year: number, rng: Rng): IndividualRecord {
  const cells: Record<string, RawCell> = {
    motherAge: birth.motherAge === null ? null : chance(rng, 0.2) ? String(birth.motherAge) : birth.motherAge,
    birthRank: birth.birthRank,
  };
  return {
    identifier: `CS8-${year}-${String(index + 1).padStart(6, "0")}`,
    place: birth.place,
    cells,
    fields: { motherAge: birth.motherAge, birthRank: birth.birthRank },
  };
}

const columns = [
  { key: "identifier", headers: ["Index", "Index enfant", "N° certificat", "Identifiant"] },
  ...LOCATION_COLUMNS,
  { key: "motherAge", headers: ["Âge de la mère", "AGE MERE", "age mère", "Age de la mere"] },
  { key: "birthRank", headers: ["Rang de naissance", "RANG", "Rang de naissance de l'enfant"] },
];

const errors: IndividualFile["errors"] = [
  { rule: "age-mere-invraisemblable", rate: 0.005, apply: (c, rng) => (c.motherAge = pick(rng, [9, 72, 0, 130])) },
  { rule: "rang-naissance-invraisemblable", rate: 0.003, apply: (c, rng) => (c.birthRank = pick(rng, [0, 25])) },
  {
    rule: "nombre-invalide",
    rate: 0.002,
    apply: (c, rng) => (c[pick(rng, ["motherAge", "birthRank"])] = pick(rng, ["NC", "2e", "?"])),
  },
  { rule: "identifiant-manquant", rate: 0.002, apply: (c) => (c.identifier = null) },
];

function conflict(record: IndividualRecord): Record<string, RawCell> {
  const rank = record.fields.birthRank as number | null;
  return { birthRank: rank === null || rank === 1 ? 2 : rank - 1 };
}

export const BIRTH_FILE: IndividualFile = { columns, errors, conflict };
