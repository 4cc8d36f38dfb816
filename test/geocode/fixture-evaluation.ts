/**
 * Scores the geocoder on the hand-written test set: for each address, the expected street is
 * written by hand; the expected IRIS is the reference's own answer for that street and number.
 */
import { readFileSync } from "node:fs";
import type { RawAddress } from "../../loaders/contracts.ts";
import type { AddressIndex, IndexedStreet } from "../../loaders/geocode/address-index.ts";
import { splitStreetName } from "../../loaders/geocode/address-index.ts";
import { geocodeAddress, type GeocodeOutcome } from "../../loaders/geocode/geocode.ts";
import { placeNumber } from "../../loaders/geocode/house-number.ts";
import { expandNameTokens } from "../../loaders/geocode/normalize.ts";
import { parseAddress } from "../../loaders/geocode/parse-address.ts";

const FIXTURE = new URL("./fixtures/addresses-aix.csv", import.meta.url);

export interface FixtureCase {
  line: number;
  address: RawAddress | string;
  expectedStreet: string;
  noise: string;
}

export function readFixture(): FixtureCase[] {
  return readFileSync(FIXTURE, "utf8")
    .split(/\r?\n/)
    .slice(1)
    .map((line, i) => ({ line: i + 2, cells: line.split(";") }))
    .filter(({ cells }) => cells.length >= 3)
    .map(({ line, cells }) => {
      const [text, expectedStreet, noise] = cells as [string, string, string];
      const parts = text.split("|");
      const address: RawAddress | string =
        parts.length === 4 ? { number: parts[0], street: parts[1], postcode: parts[2], commune: parts[3] } : text;
      return { line, address, expectedStreet, noise };
    });
}

const identity = (type: string | null, words: string[]) => `${type ?? ""}|${expandNameTokens(words).join(" ")}`;

export function streetNamed(index: AddressIndex, fantoirName: string): IndexedStreet | undefined {
  const { type, words } = splitStreetName(fantoirName);
  const wanted = identity(type, words);
  return index.streets.find((s) => identity(s.type, s.words) === wanted);
}

export type Verdict = "right" | "wrong" | "not-placed" | "not-in-reference";

export interface Evaluated extends FixtureCase {
  result: GeocodeOutcome;
  expectedIris: string | null;
  verdict: Verdict;
}

export function evaluate(index: AddressIndex, cases: FixtureCase[]): Evaluated[] {
  return cases.map((c) => {
    const result = geocodeAddress(index, c.address, { commune: "13001" });
    const street = streetNamed(index, c.expectedStreet);
    const parsed = parseAddress(c.address);
    const expectedIris = street ? placeNumber(street, parsed.number, parsed.suffix, index.locate).iris : null;
    let verdict: Verdict;
    if (!street || !expectedIris) verdict = "not-in-reference";
    else if (result.iris === null) verdict = "not-placed";
    else verdict = result.iris === expectedIris && result.street === street.name ? "right" : "wrong";
    return { ...c, result, expectedIris, verdict };
  });
}
