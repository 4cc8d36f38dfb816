/**
 * Synthetic APA à domicile beneficiaries: realistic ages (60+, mostly 75-95), GIR shares
 * (GIR 4 the most frequent), sex and living alone. Most 2016 beneficiaries are 2015 ones,
 * one year older; identifiers are renewed each year (no linkage is kept).
 */
import type { RawCell } from "../exports/parse-value.ts";
import { volumesPer1000 } from "./other-communes.ts";
import type { Renewal } from "./population-groups.ts";
import { chance, intBetween, pick, weighted, type Rng } from "../common/seeded-random.ts";
import {
  LOCATION_COLUMNS,
  partnerDate,
  type ErrorInjection,
  type IndividualRecord,
  type Place,
  type SampleColumn,
} from "./individual-sheet.ts";

export interface ApaPerson {
  place: Place;
  sex: "F" | "M";
  birthDate: string;
  livingAlone: boolean;
  gir: 1 | 2 | 3 | 4;
}

/** About 16.7 beneficiaries per 1,000 inhabitants, as in the Bouches-du-Rhône. */
export const APA_RATE = 16.7;
export const APA_VOLUMES = volumesPer1000(APA_RATE, "apa");

function drawBirthDate(rng: Rng, year: number): string {
  const age = weighted(rng, [
    [intBetween(rng, 60, 74), 15],
    [intBetween(rng, 75, 84), 38],
    [intBetween(rng, 85, 94), 40],
    [intBetween(rng, 95, 103), 7],
  ] as const);
  const birthYear = year - age;
  const dayOfYear = intBetween(rng, 0, 364);
  const d = new Date(Date.UTC(birthYear, 0, 1) + dayOfYear * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function newPerson(rng: Rng, year: number, place: Place): ApaPerson {
  const sex = chance(rng, 0.72) ? "F" : "M";
  return {
    place,
    sex,
    birthDate: drawBirthDate(rng, year),
    livingAlone: chance(rng, sex === "F" ? 0.62 : 0.35),
    gir: weighted(rng, [
      [1, 2],
      [2, 17],
      [3, 21],
      [4, 60],
    ] as const),
  };
}

/** Two linked years: survivors keep sex, birth date and address; dependency may worsen. */
export const APA_RENEWAL: Renewal<ApaPerson> = {
  kept: 0.86,
  carry: (p, rng) => ({
    ...p,
    gir: (p.gir > 1 && chance(rng, 0.15) ? p.gir - 1 : p.gir) as ApaPerson["gir"],
    livingAlone: p.livingAlone || chance(rng, 0.04),
  }),
  fresh: (place, rng, year) => newPerson(rng, year, place),
};

const SEX_CODES = { F: ["F", "F", "F", "Femme", "2"], M: ["M", "H", "H", "Homme", "1"] } as const;
const ALONE_CODES = ["Isolé(e)", "Personne isolée", "ISOLE", "Seul(e)"];
const COUPLE_CODES = ["Couple", "COUPLE", "En couple", "Marié(e)"];

export function apaRecord(person: ApaPerson, index: number, year: number, rng: Rng): IndividualRecord {
  const cells: Record<string, RawCell> = {
    sex: pick(rng, SEX_CODES[person.sex]),
    birthDate: partnerDate(person.birthDate, rng),
    livingAlone: pick(rng, person.livingAlone ? ALONE_CODES : COUPLE_CODES),
    gir: chance(rng, 0.7) ? person.gir : `GIR ${person.gir}`,
  };
  return {
    identifier: `APA-${year}-${String(index + 1).padStart(6, "0")}`,
    place: person.place,
    cells,
    fields: { sex: person.sex, birthDate: person.birthDate, livingAlone: person.livingAlone, gir: person.gir },
  };
}

export const APA_COLUMNS: SampleColumn[] = [
  { key: "identifier", headers: ["Index dossier", "N° dossier", "INDEX", "Identifiant"] },
  ...LOCATION_COLUMNS,
  { key: "sex", headers: ["Sexe", "SEXE", "sexe (H/F)"] },
  { key: "birthDate", headers: ["Date de naissance", "DATE NAISSANCE", "Date naiss.", "DDN"] },
  {
    key: "livingAlone",
    headers: ["Situation familiale", "SIT. FAM.", "Situation familiale (couple ou personne isolée)"],
  },
  { key: "gir", headers: ["Niveau GIR", "GIR", "niveau gir"] },
];

export function apaErrors(year: number): ErrorInjection[] {
  return [
    { rule: "gir-hors-plage", rate: 0.01, apply: (c, rng) => (c.gir = pick(rng, [5, 6, "GIR 5", 0])) },
    {
      rule: "age-apa-hors-plage",
      rate: 0.005,
      apply: (c, rng) =>
        (c.birthDate = `${String(intBetween(rng, 1, 28)).padStart(2, "0")}/0${intBetween(rng, 1, 9)}/${year - intBetween(rng, 30, 58)}`),
    },
    {
      rule: "date-invalide",
      rate: 0.003,
      apply: (c, rng) => (c.birthDate = pick(rng, ["31/02/1938", "inconnue", "00/00/1940", "1935/13/45"])),
    },
    { rule: "valeur-manquante", rate: 0.003, apply: (c, rng) => (c[pick(rng, ["sex", "gir", "livingAlone"])] = null) },
    { rule: "sexe-inconnu", rate: 0.002, apply: (c) => (c.sex = "X") },
    { rule: "identifiant-manquant", rate: 0.002, apply: (c) => (c.identifier = null) },
  ];
}

export function apaConflict(record: IndividualRecord, rng: Rng): Record<string, RawCell> {
  const gir = record.fields.gir as number;
  return chance(rng, 0.5)
    ? { gir: gir === 4 ? 3 : gir + 1 }
    : { livingAlone: record.fields.livingAlone ? "Couple" : "Isolé(e)" };
}
