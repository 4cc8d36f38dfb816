/**
 * Geocoder: one address (a cell, or split columns) -> IRIS, through the address index.
 * Order of trust: exact number, interpolated number, whole street in one IRIS, lieu-dit;
 * otherwise not placed. Ambiguous names are reported, never guessed.
 */
import type { MatchType, RawAddress } from "../contracts.ts";
import type { AddressIndex } from "./address-index.ts";
import { territoryLocalities } from "./territory-localities.ts";
import { findLocality, localityTable } from "./localities.ts";
import { expandNameTokens, significantTokens, tokenize } from "./normalize.ts";
import { parseAddress, type ParsedAddress } from "./parse-address.ts";
import { placeNumber } from "./house-number.ts";
import { decide, matchPlaces, matchStreets, type NameQuery } from "./street-matcher.ts";
import { PLACE_TYPES, canonicalStreetType } from "./street-types.ts";

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

export type GeocodeOutcome = GeocodeResult & {
  /** Name of the recognised street (or lieu-dit), for the analyst's checks. */
  street?: string;
  /** Why an address was not placed or is uncertain, in French. */
  reason?: string;
};

interface Where {
  commune: string | null;
  village: string | null;
}

function resolveLocality(parsed: ParsedAddress, defaultCommune: string): Where {
  const named = parsed.locality ? findLocality(parsed.locality) : null;
  if (named) return { commune: named.commune, village: named.village };
  if (parsed.postcode) {
    const communes = localityTable().byPostcode.get(parsed.postcode) ?? [];
    if (communes.length === 1) {
      const commune = communes[0]!;
      const territory = territoryLocalities();
      const village = commune === territory.commune ? territory.villageOfPostcode[parsed.postcode] || null : null;
      return { commune, village };
    }
    if (communes.includes(defaultCommune)) return { commune: defaultCommune, village: null };
    if (communes.length > 1) return { commune: null, village: null };
  }
  // Protocol 1: the partner sends addresses of the configured commune without its name.
  return { commune: defaultCommune, village: null };
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
  const parsed = parseAddress(address);
  const where = resolveLocality(parsed, defaults.commune);
  if (where.commune === null)
    return notPlaced(null, "code postal partagé par plusieurs communes, commune non précisée");
  if (!index.communes.has(where.commune))
    return notPlaced(where.commune, "commune hors du territoire : comptée à la commune", "commune");
  const village = where.village ? territoryLocalities().villages.find((v) => v.name === where.village) : undefined;
  const query: NameQuery = {
    type: parsed.streetType,
    tokens: parsed.streetTokens,
    words: expandNameTokens(parsed.streetWords),
    localityTokens: parsed.locality ? significantTokens(tokenize(parsed.locality)) : [],
    localityWords: parsed.locality ? expandNameTokens(tokenize(parsed.locality)) : [],
    commune: where.commune,
    postcode: parsed.postcode,
    villageIris: village?.iris ?? null,
  };

  let ambiguousStreets: string[] = [];
  if (query.tokens.length > 0 && !(parsed.streetType && PLACE_TYPES.has(parsed.streetType))) {
    const decision = decide(matchStreets(index, query));
    if (decision && "best" in decision) {
      const { item: street, score } = decision.best;
      const placement = placeNumber(street, parsed.number, parsed.suffix, index.locate);
      const certain = placement.certain && score >= CERTAIN_NAME_SCORE;
      return {
        iris: placement.iris,
        commune: where.commune,
        matchType: placement.matchType,
        score: placement.iris ? Math.round(Math.min(1, score * placement.factor) * 1000) / 1000 : 0,
        certain,
        street: street.name,
        ...(placement.reason ? { reason: placement.reason } : {}),
      };
    }
    if (decision && "ambiguous" in decision) ambiguousStreets = decision.ambiguous.map((c) => c.item.name);
  }

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
    if (decision && "best" in decision && decision.best.item.iris) {
      return {
        iris: decision.best.item.iris,
        commune: where.commune,
        matchType: "lieu-dit",
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
    return notPlaced(where.commune, `voie ambiguë : ${ambiguousStreets.length} voies possibles`, "ambiguous");
  }
  return notPlaced(
    where.commune,
    query.tokens.length > 0 ? "voie introuvable dans la référence" : "aucun nom de voie reconnu",
  );
}
