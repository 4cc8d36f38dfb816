/**
 * Fuzzy matching of a parsed street name against the streets (or named places) of one
 * commune: candidates come from the words of the query and their near spellings; each is
 * scored on the words both share, weighted by rarity, then on type and postcode agreement.
 */
import type { AddressIndex, IndexedPlace, IndexedStreet } from "./address-index.ts";
import { allowedEdits, editDistance } from "./token-vocabulary.ts";
import { forgiveShortTypo } from "./short-typo.ts";
import { compatibleTypes } from "./street-types.ts";
import { significantTokens } from "./normalize.ts";
import { territoryLocalities } from "./territory-localities.ts";

export interface NameQuery {
  type: string | null;
  tokens: string[];
  /** All words of the name as written (articles kept), to prefer "RUE DE SAINT PONS" over "RUE SAINT PONS". */
  words?: string[];
  /** Words of the commune or village named in the address ("MILLES"). */
  localityTokens?: string[];
  localityWords?: string[];
  commune: string;
  postcode: string | null;
  /** IRIS of the village named in the address (Luynes, Les Milles...), if any. */
  villageIris: readonly string[] | null;
}

export interface Candidate<T> {
  item: T;
  score: number;
}

/** F-beta weighting (beta squared) of precision against recall. */
const PRECISION_BIAS = 0.5;

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Below this score a name is not recognised. */
export const ACCEPT_SCORE = 0.75;
/** Two candidates closer than this are ambiguous: the geocoder reports it, never guesses. */
export const AMBIGUITY_MARGIN = 0.06;
/** Weight, in the recall, of a first name or title missing before a surname that is there. */
const GIVEN_NAME_WEIGHT = 0.25;
/** Factor on the score of such a name, and its ceiling: below the certain threshold (0.9). */
const GIVEN_NAMES_FACTOR = 0.93;
const GIVEN_NAMES_CAP = 0.89;
/** Factor on a name that leaves an initial of the address unexplained. */
const UNMATCHED_INITIAL_FACTOR = 0.9;
/** Words shared by more names than this do not propose candidates alone (SAINT, JEAN...). */
const MAX_POSTINGS = 300;

interface NamedItem {
  type: string | null;
  tokens: string[];
  words?: string[];
  optional?: Set<string>;
  truncated?: boolean;
}

/** Singular and plural, masculine and feminine ("BLEU", "BLEUES") share a stem. */
function stem(word: string): string {
  let end = word.length;
  const last = word.charCodeAt(end - 1);
  if (last === 83 || last === 88) end--; // S, X
  if (word.charCodeAt(end - 1) === 69) end--; // E
  return end === word.length ? word : word.slice(0, end);
}

/**
 * Similarities already computed, by query word then reference word: an export repeats the same
 * words, and the edit distance is the matcher's costliest step. Bounded by the number of query
 * words kept (a file of unique misspellings starts it afresh).
 */
const SIMILARITY_CACHE_WORDS = 20_000;
const similarities = new Map<string, Map<string, number>>();

function tokenSimilarity(query: string, reference: string, prefixAllowed: boolean): number {
  if (query === reference) return 1;
  if (prefixAllowed && reference.length >= 2 && query.startsWith(reference)) return 1;
  let known = similarities.get(query);
  if (!known) {
    if (similarities.size >= SIMILARITY_CACHE_WORDS) similarities.clear();
    similarities.set(query, (known = new Map()));
  }
  let similarity = known.get(reference);
  if (similarity === undefined) known.set(reference, (similarity = wordSimilarity(query, reference)));
  return similarity;
}

function wordSimilarity(query: string, reference: string): number {
  // An initial or a two-letter abbreviation of a first name ("J", "CH").
  if (query.length <= 2) return reference.length > query.length && reference.startsWith(query) ? 0.7 : 0;
  if (query.length >= 4 && stem(query) === stem(reference)) return 0.96;
  const max = Math.min(allowedEdits(query.length), allowedEdits(reference.length));
  if (max === 0) return 0;
  const distance = editDistance(query, reference, max);
  return distance <= max ? 1 - distance / Math.max(query.length, reference.length) : 0;
}

/** 0..1: how well the query's words and the reference's words cover each other. */
export function nameScore(
  index: AddressIndex,
  query: Pick<NameQuery, "type" | "tokens" | "words" | "localityTokens" | "localityWords">,
  item: NamedItem,
): number {
  const { type: queryType, tokens: queryTokens } = query;
  const references = item.tokens;
  const queryCount = queryTokens.length,
    referenceCount = references.length;
  if (queryCount === 0 || referenceCount === 0) return 0;
  // Plain loops: this runs for every candidate street of every address.
  const bestForQuery = new Float64Array(queryCount);
  const bestForReference = new Float64Array(referenceCount);
  for (let r = 0; r < referenceCount; r++) {
    const reference = references[r]!;
    const prefixAllowed = item.truncated === true && r === referenceCount - 1;
    let best = 0;
    for (let q = 0; q < queryCount; q++) {
      const s = tokenSimilarity(queryTokens[q]!, reference, prefixAllowed);
      if (s > best) best = s;
      if (s > bestForQuery[q]!) bestForQuery[q] = s;
    }
    bestForReference[r] = best;
  }
  const optional = item.optional;
  const shortTypo = forgiveShortTypo(queryTokens, references, bestForQuery, bestForReference, optional);
  // "AV MOZART" for Avenue Wolfgang Amadeus Mozart, "R DOCTEUR D ARGELOS" for ... Docteur Jean
  // d'Argelos: the first names and titles before a surname that is there are often left out.
  let surnameAt = referenceCount - 1;
  while (surnameAt > 0 && optional?.has(references[surnameAt]!) && bestForReference[surnameAt] === 0) surnameAt--;
  let givenNamesMissing = false;
  if (bestForReference[surnameAt]! >= 0.9) {
    for (let r = 0; r < surnameAt; r++) {
      if (bestForReference[r] === 0 && !optional?.has(references[r]!)) {
        givenNamesMissing = true;
        break;
      }
    }
  }
  let recallWeight = 0,
    recallSum = 0,
    optionalMissing = 0,
    optionalFromLocality = 0;
  for (let r = 0; r < referenceCount; r++) {
    const reference = references[r]!;
    const best = bestForReference[r]!;
    // A word that only says where the street is may be left out of the address.
    if (best === 0 && optional?.has(reference)) {
      if (query.localityTokens?.includes(reference)) optionalFromLocality++;
      else optionalMissing++;
      continue;
    }
    const w = index.weight(reference) * (givenNamesMissing && best === 0 ? GIVEN_NAME_WEIGHT : 1);
    recallWeight += w;
    recallSum += w * best;
  }
  let precisionWeight = 0,
    precisionSum = 0,
    unmatchedInitial = false;
  for (let q = 0; q < queryCount; q++) {
    const token = queryTokens[q]!;
    const w = token.length <= 2 ? 0.5 : index.weight(token);
    precisionWeight += w;
    precisionSum += w * bestForQuery[q]!;
    if (token.length === 1 && bestForQuery[q] === 0) unmatchedInitial = true;
  }
  const recall = recallWeight > 0 ? recallSum / recallWeight : 0;
  const precision = precisionWeight > 0 ? precisionSum / precisionWeight : 0;
  if (recall === 0 || precision === 0) return 0;
  // ...but the street that does not need it fits better ("CHEMIN DES ECOLES" vs "... PUYRICARD").
  // Precision counts more than recall: addresses often leave out a first name, rarely add words.
  let score =
    (((1 + PRECISION_BIAS) * recall * precision) / (PRECISION_BIAS * precision + recall)) * 0.93 ** optionalMissing;
  // The village written after the street belongs to this street's name: it fits best.
  if (optionalFromLocality > 0) score *= 1.08;
  if (
    query.words &&
    item.words &&
    (sameWords(query.words, item.words) || sameWords([...query.words, ...(query.localityWords ?? [])], item.words))
  )
    score *= 1.03;
  // An initial that no word of the name begins with speaks against it ("J DE LAROQUE" is not Rue Laroque).
  if (unmatchedInitial) score *= UNMATCHED_INITIAL_FACTOR;
  // Never certain: the name was completed from the reference.
  if (givenNamesMissing) score = Math.min(score * GIVEN_NAMES_FACTOR, GIVEN_NAMES_CAP);
  // Never certain either: a short word was read through a typo.
  if (shortTypo) score = Math.min(score, GIVEN_NAMES_CAP);
  if (queryType && item.type) score *= compatibleTypes(queryType, item.type) ? 1 : 0.85;
  else if (queryType || item.type) score *= 0.97;
  return score;
}

function candidateIds(index: AddressIndex, tokens: readonly string[], byToken: Map<string, number[]>): Set<number> {
  const ids = new Set<number>();
  const lists: number[][] = [];
  for (const token of tokens) {
    if (token.length === 1) continue;
    for (const { word } of index.vocabulary.near(token)) {
      const postings = byToken.get(word);
      if (postings) lists.push(postings);
    }
  }
  const selective = lists.filter((l) => l.length <= MAX_POSTINGS);
  for (const list of selective.length > 0 ? selective : lists) for (const id of list) ids.add(id);
  return ids;
}

/** A postcode of the observed commune that designates one of its villages (territory.villages). */
const isVillagePostcode = (postcode: string) => (territoryLocalities().villageOfPostcode[postcode] ?? "") !== "";
/** A postcode of the observed commune's city, not of a village (a city may have several). */
export const isCityPostcode = (postcode: string) =>
  postcode in territoryLocalities().villageOfPostcode && !isVillagePostcode(postcode);

function locationFactor(query: NameQuery, postcodes: readonly string[], iris: readonly (string | null)[]): number {
  let factor = 1;
  if (query.postcode && !postcodes.includes(query.postcode)) {
    // A city's postcodes, when it has several, are often swapped.
    factor *= isCityPostcode(query.postcode) && postcodes.some(isCityPostcode) ? 0.98 : 0.95;
  }
  if (query.villageIris && !iris.some((code) => code !== null && query.villageIris!.includes(code))) factor *= 0.95;
  return factor;
}

function rank<T>(scored: Array<Candidate<T>>): Array<Candidate<T>> {
  return scored
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
}

/**
 * Variants of the query where two adjacent words written apart form one word of the reference
 * ("VAL ROSE" -> VALROSE, "LE BRUN" -> LEBRUN).
 */
export function joinedVariants(index: AddressIndex, query: NameQuery): NameQuery[] {
  const words = query.words ?? [];
  const variants: NameQuery[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const joined = words[i]! + words[i + 1]!;
    if (!index.vocabulary.has(joined)) continue;
    const merged = [...words.slice(0, i), joined, ...words.slice(i + 2)];
    variants.push({ ...query, words: merged, tokens: significantTokens(merged) });
  }
  return variants;
}

/**
 * Street matches already computed, by query, for each index: an export names the same streets
 * again and again (a commune has a few thousand), and matching a name is most of a geocoding.
 * Bounded, so that a file of unique misspellings cannot grow it without end.
 */
const MATCH_CACHE_SIZE = 50_000;
const streetMatches = new WeakMap<AddressIndex, Map<string, Array<Candidate<IndexedStreet>>>>();

function queryKey(query: NameQuery): string {
  return [
    query.type ?? "",
    query.tokens.join(" "),
    query.words?.join(" ") ?? "",
    query.localityTokens?.join(" ") ?? "",
    query.localityWords?.join(" ") ?? "",
    query.commune,
    query.postcode ?? "",
    query.villageIris?.join(" ") ?? "",
  ].join("|");
}

/** Streets that fit the query, best first (at most five); the result is shared: never modify it. */
export function matchStreets(index: AddressIndex, query: NameQuery): ReadonlyArray<Candidate<IndexedStreet>> {
  let cache = streetMatches.get(index);
  if (!cache) streetMatches.set(index, (cache = new Map()));
  const key = queryKey(query);
  const known = cache.get(key);
  if (known) return known;
  const found = computeStreetMatches(index, query);
  if (cache.size >= MATCH_CACHE_SIZE) cache.clear();
  cache.set(key, found);
  return found;
}

function computeStreetMatches(index: AddressIndex, query: NameQuery): Array<Candidate<IndexedStreet>> {
  const variants = joinedVariants(index, query);
  if (variants.length === 0) return matchStreetsOnce(index, query);
  const best = new Map<number, Candidate<IndexedStreet>>();
  for (const variant of [query, ...variants]) {
    for (const c of matchStreetsOnce(index, variant)) {
      if ((best.get(c.item.id)?.score ?? -1) < c.score) best.set(c.item.id, c);
    }
  }
  return rank([...best.values()]);
}

function streetScore(index: AddressIndex, query: NameQuery, street: IndexedStreet): number {
  return nameScore(index, query, street) * locationFactor(query, street.postcodes, street.iris);
}

function matchStreetsOnce(index: AddressIndex, query: NameQuery): Array<Candidate<IndexedStreet>> {
  const exact: Array<Candidate<IndexedStreet>> = [];
  for (const id of index.streetsByKey.get(query.tokens.join(" ")) ?? []) {
    const street = index.streets[id]!;
    if (street.commune === query.commune) exact.push({ item: street, score: streetScore(index, query, street) });
  }
  const bestExact = rank(exact);
  // An exact name with the right type needs no fuzzy search.
  if (bestExact.length > 0 && bestExact[0]!.score >= 0.95) return bestExact;
  const scored: Array<Candidate<IndexedStreet>> = [];
  for (const id of candidateIds(index, query.tokens, index.streetsByToken)) {
    const street = index.streets[id]!;
    if (street.commune !== query.commune) continue;
    scored.push({ item: street, score: streetScore(index, query, street) });
  }
  return rank(scored);
}

export function matchPlaces(index: AddressIndex, query: NameQuery): Array<Candidate<IndexedPlace>> {
  const scored: Array<Candidate<IndexedPlace>> = [];
  for (const id of candidateIds(index, query.tokens, index.placesByToken)) {
    const place = index.places[id]!;
    if (place.commune !== query.commune) continue;
    scored.push({
      item: place,
      score: nameScore(index, query, place) * locationFactor(query, [place.postcode], [place.iris]),
    });
  }
  return rank(scored);
}

/** The name without the words that only say where it is: "RUE DE LA LIBERTE LES MILLES" is a LIBERTE. */
const requiredTokens = (street: IndexedStreet) => street.tokens.filter((t) => !street.optional.has(t)).join(" ");

/**
 * Among namesakes too close to choose by name (the city's "Chemin des Écoles" and the village's
 * "Chemin des Écoles Puyricard", or two same-name streets of a BAN without id_fantoir), the one
 * the address locates: the only one of the postcode written, or of the village named. Streets of
 * different names or types stay ambiguous: a postcode never makes a name fit better.
 */
export function chooseAmongNamesakes(
  decision: ReturnType<typeof decide<IndexedStreet>>,
  query: NameQuery,
): ReturnType<typeof decide<IndexedStreet>> {
  if (decision === null || !("ambiguous" in decision)) return decision;
  const candidates = decision.ambiguous;
  const first = candidates[0]!.item;
  const name = requiredTokens(first);
  const sameType = (street: IndexedStreet) =>
    street.type === first.type ||
    (street.type !== null && first.type !== null && compatibleTypes(street.type, first.type));
  if (!candidates.every((c) => requiredTokens(c.item) === name && sameType(c.item))) return decision;
  const fits = (c: Candidate<IndexedStreet>) =>
    (query.postcode === null || c.item.postcodes.includes(query.postcode)) &&
    (query.villageIris === null || c.item.iris.some((code) => query.villageIris!.includes(code)));
  if (query.postcode === null && query.villageIris === null) return decision;
  const located = candidates.filter(fits);
  return located.length === 1 ? { best: located[0]! } : decision;
}

/** The accepted candidate, "ambiguous" when two are too close to choose, or null. */
export function decide<T>(
  candidates: ReadonlyArray<Candidate<T>>,
): { best: Candidate<T> } | { ambiguous: Array<Candidate<T>> } | null {
  const [first, second] = candidates;
  if (!first || first.score < ACCEPT_SCORE) return null;
  if (second && second.score >= ACCEPT_SCORE - AMBIGUITY_MARGIN && first.score - second.score < AMBIGUITY_MARGIN) {
    return { ambiguous: candidates.filter((c) => first.score - c.score < AMBIGUITY_MARGIN) };
  }
  return { best: first };
}
