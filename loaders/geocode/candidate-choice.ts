/**
 * What the geocoder does with streets too close to choose by name: the postcode or the village
 * settles namesakes of different types, an address that names no village means the city's
 * street rather than a village's namesake, and candidates that all lie in one IRIS at the
 * number place the address there without choosing a street. Each of these is a guess, said so
 * by the outcome, and never certain.
 */
import type { IndexedStreet } from "./address-index.ts";
import { placeNumber } from "./house-number.ts";
import { compatibleTypes } from "./street-types.ts";
import { chooseAmongNamesakes, decide, isCityPostcode, type Candidate, type NameQuery } from "./street-matcher.ts";

export type StreetChoice =
  | {
      best: Candidate<IndexedStreet>;
      /** Why the choice is a guess, in French (empty when the name alone chose). */
      guess?: string;
      /** The city's street presumed over a village namesake. */
      presumed?: boolean;
    }
  | { sharedIris: string; candidates: Array<Candidate<IndexedStreet>> }
  | { ambiguous: Array<Candidate<IndexedStreet>> }
  | null;

export interface NumberWritten {
  number: number | null;
  suffix: string | null;
  locate: (lon: number, lat: number) => string | null;
}

/** The name without the words that only say where it is: "RUE DE LA LIBERTE LES MILLES" is a LIBERTE. */
const requiredName = (street: IndexedStreet) => street.tokens.filter((t) => !street.optional.has(t)).join(" ");

const inPostcode = (street: IndexedStreet, postcode: string | null) =>
  postcode === null || street.postcodes.includes(postcode);
const inVillage = (street: IndexedStreet, villageIris: readonly string[] | null) =>
  villageIris === null || street.iris.some((code) => villageIris.includes(code));
const inCity = (street: IndexedStreet) => street.postcodes.every(isCityPostcode);
const hasNumber = (street: IndexedStreet, number: number) => street.numbers.includes(number);

export function chooseStreet(
  ranked: ReadonlyArray<Candidate<IndexedStreet>>,
  query: NameQuery,
  written: NumberWritten,
): StreetChoice {
  const named = chooseAmongNamesakes(decide(ranked), query);
  if (named === null) return null;
  if ("best" in named) return named;
  const candidates = named.ambiguous;
  const first = candidates[0]!.item;
  const namesakes = candidates.every((c) => requiredName(c.item) === requiredName(first));
  const located = query.postcode !== null || query.villageIris !== null;

  // "14 BOULEVARD X 13100": Avenue X in 13100, Traverse X in 13290. The postcode (or village)
  // chooses among the types the name has; the type written fits none, or the address wrote none.
  // A candidate of the type written outside the postcode may be the one meant: then the postcode
  // does not settle it (a street of the type written may also be missing from the candidates).
  const typeWritten = (c: Candidate<IndexedStreet>) =>
    query.type !== null && c.item.type !== null && compatibleTypes(query.type, c.item.type);
  if (namesakes && located && !candidates.some(typeWritten)) {
    const fitting = candidates.filter(
      (c) => inPostcode(c.item, query.postcode) && inVillage(c.item, query.villageIris),
    );
    const types = new Set(candidates.map((c) => c.item.type ?? ""));
    if (fitting.length === 1 && types.size > 1) {
      // A type written that differs is said by the geocoder ("type de voie différent").
      return { best: fitting[0]!, ...(query.type ? {} : { guess: "voie choisie par le code postal ou le village" }) };
    }
  }

  // "23 R CAIRE LUYNES", Rue René Caire and Rue Camille Caire in the village: the IRIS is sure,
  // the street is not. Candidates outside the village written are namesakes elsewhere.
  const inVillageWritten = candidates.filter((c) => inVillage(c.item, query.villageIris));
  const pool = inVillageWritten.length > 0 ? inVillageWritten : candidates;
  const shared = sharedIris(pool, written);
  if (shared && pool.length > 1) return { sharedIris: shared, candidates: pool };

  // No postcode nor village: an address of the commune most likely means the city's street.
  if (namesakes && !located) {
    const city = candidates.filter((c) => inCity(c.item));
    if (city.length === 1 && city.length < candidates.length) {
      const chosen = city[0]!.item;
      // A number that only a village's namesake has speaks against the presumption.
      const number = written.number;
      const onlyInVillage =
        number !== null &&
        !hasNumber(chosen, number) &&
        candidates.some((c) => c.item !== chosen && hasNumber(c.item, number));
      if (!onlyInVillage) return { best: city[0]!, guess: "homonyme présumé en ville", presumed: true };
    }
  }
  return named;
}

/** The one IRIS every candidate places the number in (or lies in whole, without number), if any. */
function sharedIris(candidates: Array<Candidate<IndexedStreet>>, written: NumberWritten): string | null {
  let shared: string | null = null;
  for (const { item } of candidates) {
    const placement = placeNumber(item, written.number, written.suffix, written.locate);
    if (placement.iris === null || (shared !== null && placement.iris !== shared)) return null;
    shared = placement.iris;
  }
  return shared;
}
