/**
 * The families of real writing (issue 15), each on streets of Aix the real-writing set does not
 * use: complements before or after the street, ranges and lists, « ou », initials and missing
 * first names, a wrong street type, numbered roads, CEDEX / BP / CS, number signs, suffixes,
 * hyphens and apostrophes, typos, abbreviated titles, postcodes written apart or glued, and the
 * commune's short spellings. Each written address must land where the reference's own writing
 * of the same address lands (street as the BAN names it, and the number), and whatever was
 * guessed must never be called certain.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildRealWritingReference, readRealWriting } from "./real-writing.ts";
import { geocodeAddress, type GeocodeOutcome } from "../../loaders/geocode/geocode.ts";
import type { AddressIndex } from "../../loaders/geocode/address-index.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";

/** Written the reference's way: the street as the BAN names it, then the number. */
interface Family {
  family: string;
  /** Street (BAN name) and number the written addresses designate. */
  street: string;
  number: number;
  /** True when something had to be guessed: never certain, never « numéro exact » or « interpolé ». */
  guessed: boolean;
  written: string[];
}

const FAMILIES: Family[] = [
  {
    family: "complément avant la voie",
    street: "Rue Marechal Joffre",
    number: 12,
    guessed: false,
    written: [
      "Pharmacie du Cours, 12 rue Marechal Joffre 13100 Aix-en-Provence",
      "Les Jardins de l'Arc 12 rue Maréchal Joffre",
      "Centre social Les Amandiers - 12 rue du Maréchal Joffre - 13100 AIX",
    ],
  },
  {
    family: "complément avant la voie",
    street: "Rue du Marechal Lyautey",
    number: 8,
    guessed: false,
    written: [
      "Maison de retraite Les Lavandes 8 rue du Marechal Lyautey 13090 AIX EN PROVENCE",
      "EHPAD LES LAVANDES 8 R DU MAL LYAUTEY 13090",
    ],
  },
  {
    family: "résidence, bâtiment, domaine, lieu-dit",
    street: "Boulevard Jean Jaures",
    number: 14,
    guessed: false,
    written: [
      "RESIDENCE LE CLOS FLEURI BAT B 14 BD JEAN JAURES 13100 AIX",
      "14 bd Jean Jaurès Résidence le Clos Fleuri Bât B 13100",
      "Bât. 3, 14 boulevard Jean-Jaurès",
    ],
  },
  {
    family: "résidence, bâtiment, domaine, lieu-dit",
    street: "Boulevard du President Kennedy",
    number: 40,
    guessed: false,
    written: [
      "Domaine de la Tour, 40 bd du Président Kennedy 13540 Puyricard",
      "Lieu-dit Les Figons 40 bd Pdt Kennedy 13540",
      "Lycée agricole 40 BD PRESIDENT KENNEDY PUYRICARD",
    ],
  },
  {
    family: "complément après la voie",
    street: "Rue Anatole France",
    number: 10,
    guessed: true,
    written: ["10 rue Anatole France Pharmacie de la Gare", "10 RUE ANATOLE FRANCE CENTRE MEDICAL 13090"],
  },
  {
    family: "plage ou liste de numéros",
    street: "Avenue du Marechal Koenig",
    number: 20,
    guessed: true,
    written: ["20-22 avenue du Maréchal Koenig 13100", "20 22 24 av Mal Koenig", "20 à 24 avenue Maréchal Koenig"],
  },
  {
    family: "« ou »",
    street: "Rue Marechal Foch",
    number: 11,
    guessed: true,
    written: ["11 rue Maréchal Foch ou 20 rue Maréchal Joffre 13100", "11 ou 13 rue Marechal Foch"],
  },
  {
    family: "initiale du prénom",
    street: "Boulevard Emile Zola",
    number: 30,
    guessed: false,
    written: ["30 bd E Zola 13090", "30 bd. E. Zola", "30 BD EMILE ZOLA"],
  },
  {
    family: "prénom absent",
    street: "Rue du Docteur Lucien Cartotto",
    number: 10,
    guessed: true,
    written: ["10 rue Cartotto", "10 rue du Dr Cartotto", "10 rue Lucien Cartotto"],
  },
  {
    family: "prénom absent",
    street: "Avenue du General Preaud",
    number: 25,
    guessed: true,
    written: ["25 avenue Preaud", "25 av Préaud 13090"],
  },
  {
    family: "type de voie faux, nom unique",
    street: "Rue Clemenceau",
    number: 12,
    guessed: true,
    written: ["12 avenue Clemenceau", "12 bd Clémenceau 13090"],
  },
  {
    family: "type de voie faux, nom unique",
    street: "Rue du Marechal Lyautey",
    number: 8,
    guessed: true,
    written: ["8 chemin du Maréchal Lyautey", "8 AV MARECHAL LYAUTEY"],
  },
  {
    family: "route numérotée",
    street: "Route Départementale 9",
    number: 1360,
    guessed: false,
    written: ["1360 D 9 13290", "1360 RD9 Les Milles", "1360 route départementale 9"],
  },
  {
    family: "route numérotée",
    street: "Route Départementale 543",
    number: 200,
    guessed: false,
    written: ["200 RD 543", "200 D543 13540 Puyricard", "200 CD 543"],
  },
  {
    family: "CEDEX, BP, CS",
    street: "Rue Marechal Joffre",
    number: 12,
    guessed: false,
    written: [
      "BP 45 12 rue Marechal Joffre 13626 AIX EN PROVENCE CEDEX 1",
      "CS 70012 - 12 rue Mal Joffre - 13100 Aix",
      "12 rue Maréchal Joffre BP 123 13097 Aix Cedex 2",
      "12 rue Mal Joffre AIX EN PROVENCE CEDEX 1",
    ],
  },
  {
    family: "numéro après le complément ou la voie",
    street: "Rue Marechal Joffre",
    number: 12,
    guessed: false,
    written: ["rue Maréchal Joffre 12", "Résidence Le Joffre, rue Maréchal Joffre n° 12"],
  },
  {
    family: "tirets et apostrophes",
    street: "Rue du Mal Franchet d'Esperey",
    number: 5,
    guessed: false,
    written: [
      "5 rue du Maréchal-Franchet-d'Espérey",
      "5, rue du Mal Franchet-d’Espérey",
      "5 RUE DU MARECHAL FRANCHET D ESPEREY",
      "5 rue du Maréchal Franchet d' Espérey",
    ],
  },
  {
    family: "bis, ter, quater",
    street: "Rue Marechal Joffre",
    number: 12,
    guessed: false,
    written: ["12 bis rue Maréchal Joffre", "12B rue Mal Joffre", "12 ter rue Mal Joffre", "12 quater rue Mal Joffre"],
  },
  {
    family: "n°, N°, no",
    street: "Rue Marechal Joffre",
    number: 12,
    guessed: false,
    written: [
      "N° 12 rue Maréchal Joffre",
      "n°12 rue Maréchal Joffre",
      "no 12 rue Marechal Joffre",
      "NUM 12 R MAL JOFFRE",
    ],
  },
  {
    family: "accents absents, capitales, fautes de frappe",
    street: "Boulevard du Docteur Schweitzer",
    number: 8,
    guessed: false,
    written: ["8 BOULEVARD DU DOCTEUR SCHWEITZER", "8 bd du docteur Schwietzer", "8 bd du Docteur Schweizer"],
  },
  {
    family: "St, Ste, Saint",
    street: "Avenue St Michel du Pigonnet",
    number: 10,
    guessed: false,
    written: ["10 av. Saint-Michel du Pigonnet", "10 AV ST MICHEL DU PIGONNET", "10 avenue St-Michel-du-Pigonnet"],
  },
  {
    family: "Dr, Gal, Mal, Pdt, Av., bd.",
    street: "Rue du General Keller",
    number: 20,
    guessed: false,
    written: ["20 rue du Gal Keller 13090", "20 rue Général Keller", "20 r Gen Keller", "20 r. du Gal. Keller"],
  },
  {
    family: "Dr, Gal, Mal, Pdt, Av., bd.",
    street: "Avenue du Marechal Koenig",
    number: 12,
    guessed: false,
    written: ["12 Av. Mal Koenig", "12 av. du Mal. Koenig 13100 Aix", "12 AVENUE DU MARECHAL KOENIG"],
  },
  {
    family: "code postal et commune",
    street: "Rue Marechal Joffre",
    number: 12,
    guessed: false,
    written: [
      "12 rue Mal Joffre 13 100 Aix",
      "12 rue Mal Joffre 13100AIX",
      "12 rue Mal Joffre 13100Aix-en-Provence",
      "12 rue Mal Joffre Aix en Pce",
      "12 rue Mal Joffre Aix-en-Pce",
      "12 rue Mal Joffre 13100 AIX EN PCE",
      "12 rue Marechal Joffre, 13 100 AIX-EN-PROVENCE",
    ],
  },
];

const CERTAIN_TYPES = new Set(["exact", "interpolated"]);

let index: AddressIndex;
const geocode = (text: string) => geocodeAddress(index, text, { commune: "13001" });

beforeAll(async () => {
  index = (await buildRealWritingReference(resolveReferenceDir(), readRealWriting())).index;
}, 60_000);

/** Where the reference's own writing of the address lands: the answer the written forms must give. */
function canonical(f: Family): GeocodeOutcome {
  return geocode(`${f.number} ${f.street}`);
}

describe("real writing, family by family, on streets the real-writing set does not use", () => {
  it("writes each family on a street of the reference, whose own writing is placed with certainty", () => {
    expect(FAMILIES.flatMap((f) => f.written).length).toBeGreaterThanOrEqual(70);
    for (const f of FAMILIES) {
      const own = canonical(f);
      expect(own, f.street).toMatchObject({ street: f.street, certain: true });
    }
  });

  it.each(FAMILIES.map((f) => [f.family, f] as const))(
    "%s: placed in the right IRIS, on the right street, certain when nothing was guessed",
    (_, f) => {
      const expected = canonical(f);
      const outcomes = f.written.map((text) => ({ text, ...geocode(text) }));
      expect(
        outcomes
          // Nothing guessed: the number was read too, so the match is certain (a street in one IRIS
          // would place a lost number at the right IRIS all the same).
          .filter((o) => o.iris !== expected.iris || o.street !== f.street || (!f.guessed && !o.certain))
          .map(
            (o) => `« ${o.text} » -> ${o.street ?? "-"} ${o.iris ?? "non placée"} (${o.matchType}) ${o.reason ?? ""}`,
          ),
      ).toEqual([]);
    },
  );

  it.each(FAMILIES.filter((f) => f.guessed).map((f) => [f.family, f] as const))(
    "%s: what was guessed is never certain, nor called « numéro exact » or « interpolé »",
    (_, f) => {
      for (const text of f.written) {
        const outcome = geocode(text);
        expect(outcome.certain, text).toBe(false);
        expect(CERTAIN_TYPES.has(outcome.matchType), `${text} : ${outcome.matchType}`).toBe(false);
        expect(outcome.reason, text).toBeTruthy();
      }
    },
  );
});

describe("a certain match is never a guess", () => {
  it("calls certain only what was read whole: a missing title, another type or one street of two is weaker", () => {
    // Each of these designates a real street of the reference, with a word missing or changed.
    for (const text of [
      "12 rue Joffre 13100",
      "12 avenue Maréchal Joffre",
      "8 bd Schweitzer",
      "10 rue Renée Antoine",
      "20 rue Keller",
      "14 bd Jaurès",
    ]) {
      const outcome = geocode(text);
      if (outcome.iris !== null) expect(outcome, text).toMatchObject({ certain: false });
      expect(CERTAIN_TYPES.has(outcome.matchType), `${text} : ${outcome.matchType}`).toBe(false);
    }
  });

  it("reads « 13 100 » as a postcode only where no street follows it", () => {
    expect(geocode("13 rue Marechal Joffre 13 100 Aix")).toMatchObject({ street: "Rue Marechal Joffre" });
    // Two numbers before a street are a list of house numbers, never a postcode.
    const list = geocode("13 100 rue Marechal Joffre");
    expect(list.certain).toBe(false);
  });

  it("places no one on a cell that only names the commune or a village (never « rue de Provence »)", () => {
    for (const text of ["AIX EN PROVENCE", "Aix-en-Provence", "aix en provence", "LES MILLES", "Luynes"])
      expect(geocode(text), text).toMatchObject({ iris: null });
  });
});
