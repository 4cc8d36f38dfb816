/**
 * The families of real writing (issue 15), each on streets of Aix the real-writing set does not
 * use: complements before or after the street, ranges and lists, « ou », initials and missing
 * first names, a wrong street type, numbered roads, CEDEX / BP / CS, number signs, suffixes,
 * hyphens and apostrophes, typos, abbreviated titles, postcodes written apart or glued, and the
 * commune's short spellings. Each written address must land where the reference's own writing
 * of the same address lands (street as the BAN names it, and the number), and whatever was
 * guessed must never be called certain.
 */
import { readFileSync } from "node:fs";
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

/** One family a record; data, so the cases read as a table and not as repeated code. */
const FAMILIES: Family[] = JSON.parse(
  readFileSync(new URL("./fixtures/writing-families.json", import.meta.url), "utf8"),
);

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
