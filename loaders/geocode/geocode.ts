/**
 * Geocoder: one address (a cell, or split columns) -> IRIS, through the address index.
 * Order of trust: exact number, interpolated number (certain), estimated number, whole street in
 * one IRIS, lieu-dit;
 * otherwise not placed. Ambiguous names are reported, never guessed.
 */
import type { MatchType, RawAddress } from "../contracts.ts";
import type { AddressIndex, IndexedStreet } from "./address-index.ts";
import { territoryLocalities } from "./territory-localities.ts";
import { findLocality, localityTable } from "./localities.ts";
import { expandNameTokens, significantTokens, tokenize } from "./normalize.ts";
import type { ParsedAddress } from "./parse-address.ts";
import { readingsOf, type Reading } from "./address-readings.ts";
import { placeNumber, type NumberPlacement } from "./house-number.ts";
import { decide, matchPlaces, matchStreets, type Candidate, type NameQuery } from "./street-matcher.ts";
import { chooseStreet } from "./candidate-choice.ts";
import { PLACE_TYPES, canonicalStreetType, compatibleTypes } from "./street-types.ts";

/** A street name must score at least this for an exact or interpolated number to be certain. */
export const CERTAIN_NAME_SCORE = 0.9;

/** Where one address was placed, and how surely. */
export interface GeocodeResult {
  iris: string | null;
  /** INSEE code of the commune, null when unknown. */
  commune: string | null;
  matchType: MatchType;
  /** 0..1, 1 = exact. */
  score: number;
  /** Exact number, or interpolated within the stated distance. */
  certain: boolean;
}

/** One reading's outcome; `recognised` says a street name was found (then no words are dropped). */
type ReadingOutcome = GeocodeOutcome & { recognised?: boolean };

export type GeocodeOutcome = GeocodeResult & {
  /** Name of the recognised street (or lieu-dit), for the analyst's checks. */
  street?: string;
  /** Why an address was not placed or is uncertain, in French. */
  reason?: string;
};

interface Where {
  commune: string | null;
  village: string | null;
  /** The postcode to compare with the streets': null for a CEDEX or unknown code. */
  postcode: string | null;
}

/** The village of the observed commune a postcode designates ("13080" -> LUYNES), if any. */
function villageOfPostcode(commune: string, postcode: string | null): string | null {
  const territory = territoryLocalities();
  return postcode && commune === territory.commune ? territory.villageOfPostcode[postcode] || null : null;
}

function resolveLocality(parsed: ParsedAddress, defaultCommune: string): Where {
  // A CEDEX code (13097, 13616...) is not a postcode of the streets: the name says the commune.
  const communes = parsed.postcode ? (localityTable().byPostcode.get(parsed.postcode) ?? []) : [];
  const postcode = communes.length > 0 ? parsed.postcode : null;
  const named = parsed.locality ? findLocality(parsed.locality) : null;
  // "18 rue de Jouques 13100 Jouques": a postcode of the observed commune wins over another
  // commune's name elsewhere in the cell (most often a street's name read as a place).
  const observed = territoryLocalities().commune;
  if (named && named.commune !== observed && communes.includes(observed) && !communes.includes(named.commune)) {
    return { commune: observed, village: villageOfPostcode(observed, postcode), postcode };
  }
  if (named) {
    // "<village's postcode> <COMMUNE>": the commune's name says less than the village's postcode
    // before it; the village's name alone: the village's postcode chooses among same-name streets as its name does.
    const village = named.village ?? villageOfPostcode(named.commune, postcode);
    const ownPostcode = village ? territoryLocalities().villages.find((v) => v.name === village)?.postcode : undefined;
    return { commune: named.commune, village, postcode: postcode ?? ownPostcode ?? null };
  }
  if (postcode) {
    if (communes.length === 1) {
      const commune = communes[0]!;
      return { commune, village: villageOfPostcode(commune, postcode), postcode };
    }
    if (communes.includes(defaultCommune)) return { commune: defaultCommune, village: null, postcode };
    if (communes.length > 1) return { commune: null, village: null, postcode };
  }
  // Protocol 1: the partner sends addresses of the configured commune without its name.
  return { commune: defaultCommune, village: null, postcode };
}

const notPlaced = (
  commune: string | null,
  reason: string,
  matchType: "not-found" | "ambiguous" | "commune" = "not-found",
): GeocodeOutcome => ({
  iris: null,
  commune,
  matchType,
  score: 0,
  certain: false,
  reason,
});

export function geocodeAddress(
  index: AddressIndex,
  address: RawAddress | string | null,
  defaults: { commune: string },
): GeocodeOutcome {
  if (
    address === null ||
    (typeof address === "string" ? address.trim() === "" : !address.full && !address.street && !address.number)
  ) {
    return notPlaced(null, "adresse vide");
  }
  let best: ReadingOutcome | null = null;
  let recognised = false;
  let tried = 0;
  for (const reading of readingsOf(address)) {
    // Dropping words from a name that was recognised would only make a loose match.
    if (reading.guess === "trimmed" && recognised) break;
    if (++tried > MAX_READINGS) break;
    const outcome = geocodeReading(index, reading, defaults);
    if (outcome.certain || outcome.matchType === "commune" || outcome.commune === null) return outcome;
    if (outcome.recognised) recognised = true;
    delete outcome.recognised;
    if (best === null || strength(outcome) > strength(best)) best = outcome;
    if (outcome.iris !== null && (outcome.score >= CERTAIN_NAME_SCORE || outcome.score === GUESSED_SCORE_CAP)) break;
  }
  return best!;
}

/**
 * The score of a guessed placement (an estimated number, a range, a type that differs, a
 * presumed namesake) stays below the certain threshold, whatever its name score: the score says
 * the weaker type as the label does. A reading this good ends the search as a
 * certain name would (an estimate from a better-read street is no better).
 */
const GUESSED_SCORE_CAP = 0.89;
const CERTAIN_OR_PLAIN: ReadonlySet<MatchType> = new Set(["exact", "interpolated", "street", "ambiguous", "not-found"]);
const scoreCap = (matchType: MatchType) => (CERTAIN_OR_PLAIN.has(matchType) ? 1 : GUESSED_SCORE_CAP);

/**
 * The type of a placement on a recognised street: a guess on the number (a range alone) or on
 * the street (type, first name, namesake) gets its own weaker type, never « numéro exact ».
 */
function numberMatchType(
  placement: NumberPlacement,
  guessed: readonly string[],
  alternative: boolean,
  presumed: boolean,
): MatchType {
  if (placement.iris && alternative) return "alternative";
  if (placement.iris && presumed) return "presumed";
  const onNumber =
    placement.matchType === "exact" || placement.matchType === "interpolated" || placement.matchType === "estimated";
  if (!onNumber || guessed.length === 0) return placement.matchType;
  return guessed.every((g) => g === RANGE_GUESS) ? "range" : "approximate";
}

/** Readings tried at most for one address: the hopeless ones must stay cheap. */
const MAX_READINGS = 12;

const PLACEMENT_RANK: Partial<Record<MatchType, number>> = {
  exact: 4,
  interpolated: 4,
  estimated: 4,
  approximate: 4,
  range: 4,
  alternative: 4,
  presumed: 4,
  "shared-iris": 3,
  street: 3,
  "lieu-dit": 2,
  ambiguous: 1,
};

/** Which of two uncertain outcomes to keep: placed on a number, then on a street, then by score. */
function strength(outcome: GeocodeOutcome): number {
  return (
    (outcome.iris !== null ? (PLACEMENT_RANK[outcome.matchType] ?? 0) : outcome.matchType === "ambiguous" ? 1 : 0) +
    outcome.score
  );
}

const RANGE_GUESS = "plusieurs numéros, le premier retenu";

/** Why a number placement is not certain, in French; empty when nothing was guessed. */
function guesses(reading: Reading, street: IndexedStreet, score: number): string[] {
  const { parsed } = reading;
  const found: string[] = [];
  if (reading.guess === "alternative") found.push("première de plusieurs adresses");
  if (reading.guess === "trimmed") found.push("mots retirés autour du nom de voie");
  if (parsed.rangeEnd !== null) found.push(RANGE_GUESS);
  if (parsed.streetType && street.type && !compatibleTypes(parsed.streetType, street.type))
    found.push("type de voie différent");
  if (score < CERTAIN_NAME_SCORE) found.push("nom de voie approché");
  return found;
}

function geocodeReading(index: AddressIndex, reading: Reading, defaults: { commune: string }): ReadingOutcome {
  const { parsed } = reading;
  const where = resolveLocality(parsed, defaults.commune);
  if (where.commune === null)
    return notPlaced(null, "code postal partagé par plusieurs communes, commune non précisée");
  if (!index.communes.has(where.commune))
    return notPlaced(where.commune, "commune hors du territoire : comptée à la commune", "commune");
  const village = where.village ? territoryLocalities().villages.find((v) => v.name === where.village) : undefined;
  // The parser gives the locality already normalised.
  const written = parsed.locality ? parsed.locality.split(" ") : [];
  const villageWords =
    village && !significantTokens(tokenize(village.name)).every((t) => written.includes(t))
      ? tokenize(village.name)
      : [];
  const localityWords = [...villageWords, ...written];
  const query: NameQuery = {
    type: parsed.streetType,
    tokens: parsed.streetTokens,
    words: expandNameTokens(parsed.streetWords),
    // The village the postcode designates speaks for the street as if written ("... LES MILLES").
    localityTokens: significantTokens(localityWords),
    localityWords: expandNameTokens(localityWords),
    commune: where.commune,
    postcode: where.postcode,
    villageIris: village?.iris ?? null,
  };
  const alternative = reading.guess === "alternative";

  let ambiguousStreets: Array<Candidate<IndexedStreet>> = [];
  if (query.tokens.length > 0 && !(parsed.streetType && PLACE_TYPES.has(parsed.streetType))) {
    const written = { number: parsed.number, suffix: parsed.suffix, locate: index.locate };
    const decision = chooseStreet(matchStreets(index, query), query, written);
    // Words dropped from the name: only a name that then fits whole is believed.
    if (decision && "best" in decision && !(reading.guess === "trimmed" && decision.best.score < CERTAIN_NAME_SCORE)) {
      const { item: street, score } = decision.best;
      const placement = placeNumber(street, parsed.number, parsed.suffix, index.locate);
      const guessed = [...guesses(reading, street, score), ...(decision.guess ? [decision.guess] : [])];
      const matchType = numberMatchType(placement, guessed, alternative, decision.presumed === true);
      const reasons = [placement.reason, ...(placement.iris ? guessed : [])].filter((r) => r);
      return {
        iris: placement.iris,
        commune: where.commune,
        matchType,
        score: placement.iris
          ? Math.round(Math.min(1, score * placement.factor, scoreCap(matchType)) * 1000) / 1000
          : 0,
        certain: placement.certain && guessed.length === 0,
        street: street.name,
        ...(reasons.length > 0 ? { reason: reasons.join(" ; ") } : {}),
        recognised: true,
      };
    }
    if (decision && "sharedIris" in decision && reading.guess !== "trimmed") {
      const score = Math.min(...decision.candidates.map((c) => c.score));
      return {
        iris: decision.sharedIris,
        commune: where.commune,
        matchType: alternative ? "alternative" : "shared-iris",
        score: Math.round(Math.min(score, GUESSED_SCORE_CAP) * 1000) / 1000,
        certain: false,
        reason: `${decision.candidates.length} voies possibles dans le même IRIS : ${decision.candidates.map((c) => c.item.name).join(", ")}`,
        recognised: true,
      };
    }
    if (decision && "ambiguous" in decision) ambiguousStreets = decision.ambiguous;
  }

  // Words dropped from a name found nothing: a lieu-dit of those words would be a loose match.
  if (reading.guess === "trimmed") return notPlaced(where.commune, "voie introuvable dans la référence");

  // No street: a lieu-dit or a residence named in the address.
  const placeWords = parsed.placeWords;
  const placeQueries: NameQuery[] = [];
  if (placeWords.length > 0) {
    const type = canonicalStreetType(placeWords[0]!);
    placeQueries.push({ ...query, type, tokens: significantTokens(type ? placeWords.slice(1) : placeWords) });
  }
  if (query.tokens.length > 0 && ambiguousStreets.length === 0) placeQueries.push(query);
  for (const placeQuery of placeQueries) {
    if (placeQuery.tokens.length === 0) continue;
    const decision = decide(matchPlaces(index, placeQuery));
    // A lieu-dit is one point: outside the village the address names, it is a namesake; away
    // from every street the address writes with its type, it is a complement ("Parc X, avenue Y").
    const inVillage = (iris: string | null) =>
      !query.villageIris || (iris !== null && query.villageIris.includes(iris));
    const onStreetWritten = (iris: string) =>
      ambiguousStreets.length === 0 || ambiguousStreets.some((c) => c.item.iris.includes(iris));
    if (
      decision &&
      "best" in decision &&
      decision.best.item.iris &&
      inVillage(decision.best.item.iris) &&
      onStreetWritten(decision.best.item.iris)
    ) {
      return {
        iris: decision.best.item.iris,
        commune: where.commune,
        matchType: alternative ? "alternative" : "lieu-dit",
        score: Math.round(Math.min(1, decision.best.score * 0.9) * 1000) / 1000,
        certain: false,
        street: decision.best.item.name,
      };
    }
    if (decision && "ambiguous" in decision) {
      return notPlaced(where.commune, `lieu-dit ambigu (${decision.ambiguous.length} candidats)`, "ambiguous");
    }
  }
  if (ambiguousStreets.length > 0) {
    return {
      ...notPlaced(where.commune, `voie ambiguë : ${ambiguousStreets.length} voies possibles`, "ambiguous"),
      recognised: true,
    };
  }
  return notPlaced(
    where.commune,
    query.tokens.length > 0 ? "voie introuvable dans la référence" : "aucun nom de voie reconnu",
  );
}
