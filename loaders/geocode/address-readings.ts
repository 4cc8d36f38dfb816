/**
 * The ways one address cell can be read, best first. Agents and publishers write more than the
 * address: "Lycée X, 8 rue Y, La Beauvalle, 13637 Arles Cedex 2", "34 rue A ou 13 rue B",
 * "3 R JOSEPH CABASSOL CENTRE D ART". The geocoder tries the readings in order and stops at a
 * certain one; a reading that had to guess (the first of several addresses, words dropped from
 * the street name) can never give a certain match.
 */
import type { RawAddress } from "../contracts.ts";
import { normalizeText, significantTokens } from "./normalize.ts";
import { localityTable } from "./localities.ts";
import { isComplementKeyword, parseAddress, type ParsedAddress } from "./parse-address.ts";
import { PLACE_TYPES, canonicalStreetType } from "./street-types.ts";

/** What a reading had to guess: nothing, which of several addresses, or which words are the street. */
export type Guess = "alternative" | "trimmed" | null;

export interface Reading {
  parsed: ParsedAddress;
  guess: Guess;
}

/** "10 ou 12 cours X", "rue X 12 ou 14 bis": two house numbers of one street. */
const NUMBER_ALTERNATIVE =
  /(^|[^\dA-Za-zÀ-ÿ])(\d{1,4})(\s*(?:bis|ter|quater)\b)?\s+ou\s+\d{1,4}(?:\s*(?:bis|ter|quater)\b)?(?!\d)/gi;

/**
 * The first of "N ou M" numbers, and whether a house number was chosen: after a complement
 * keyword ("BAT 3 OU 4") the choice is between buildings, dropped with the complement anyway.
 */
function firstNumbers(text: string): { text: string; chosen: boolean } {
  let chosen = false;
  const rewritten = text.replace(
    NUMBER_ALTERNATIVE,
    (_match, before: string, first: string, suffix: string | undefined, at: number) => {
      const previous =
        normalizeText(text.slice(0, at + before.length))
          .split(" ")
          .pop() ?? "";
      if (!isComplementKeyword(previous)) chosen = true;
      return `${before}${first}${suffix ?? ""}`;
    },
  );
  return { text: rewritten, chosen };
}

/** "34 rue Célony ou 13 rue de la Molle": "ou" followed by a number or a street type. */
const ALTERNATIVE = /\s+ou\s+(?=\d|[A-Za-zÀ-ÿ.]+\s)/i;
/** Separators between the parts of a cell: commas, semicolons, brackets, a dash between spaces. */
const SEPARATORS = /\s*[,;()]\s*|\s+[-–]\s+/;

function withPlace(parsed: ParsedAddress, whole: ParsedAddress): ParsedAddress {
  if (parsed.postcode !== null || parsed.locality !== null) return parsed;
  return { ...parsed, postcode: whole.postcode, locality: whole.locality };
}

function namesAStreet(parsed: ParsedAddress): boolean {
  return parsed.streetTokens.length > 0 && !(parsed.streetType !== null && PLACE_TYPES.has(parsed.streetType));
}

/** A house number alone in its part ("1, avenue X"): it belongs to the street that follows. */
const LONE_NUMBER = /^\s*\d{1,4}\s*(?:bis|ter|quater|[a-f])?\s*$/i;

function withNumbersJoined(parts: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (LONE_NUMBER.test(part) && i + 1 < parts.length) parts[i + 1] = `${part.trim()} ${parts[i + 1]}`;
    else joined.push(part);
  }
  return joined;
}

/** The parts of a cell that name a street (a number and a name, or a street type first). */
function segmentReadings(text: string, whole: ParsedAddress): ParsedAddress[] {
  // Parts that are only a postcode or a commune add nothing to the plain parse: not worth reading apart.
  const raw = withNumbersJoined(text.split(SEPARATORS)).filter((p) => p.trim() !== "" && !/^\s*\d{5}\b/.test(p));
  if (raw.length < 2) return [];
  const parts = raw.map(normalizeText).filter((p) => p !== "" && !localityTable().byName.has(p));
  if (parts.length < 2) return [];
  const found: ParsedAddress[] = [];
  for (const part of parts) {
    const words = part.split(" ");
    const type = canonicalStreetType(words[0] ?? "");
    const numbered = /^\d/.test(words[0] ?? "") && words.length > 1;
    if (!numbered && !(type && !PLACE_TYPES.has(type) && words.length > 1)) continue;
    const parsed = withPlace(parseAddress(part), whole);
    if (namesAStreet(parsed)) found.push(parsed);
  }
  return found;
}

/** Readings that start at a later street type ("CH DU PAYS D ARLES AV DES TAMARIS"). */
function laterTypeReadings(text: string, whole: ParsedAddress): ParsedAddress[] {
  const words = normalizeText(text).split(" ");
  const found: ParsedAddress[] = [];
  for (let i = 1; i < words.length - 1; i++) {
    const type = canonicalStreetType(words[i]!);
    if (!type || PLACE_TYPES.has(type)) continue;
    const start = /^\d{1,4}$/.test(words[i - 1]!) ? i - 1 : i;
    const parsed = withPlace(parseAddress(words.slice(start).join(" ")), whole);
    if (namesAStreet(parsed)) found.push(parsed);
  }
  return found;
}

/**
 * The street name with words dropped: after it ("... CABASSOL CENTRE D ART"), longest first,
 * then one word before it ("2 rue Emmanuel Signoret" for Rue Signoret).
 */
function trimmedReadings(parsed: ParsedAddress): ParsedAddress[] {
  const words = parsed.streetWords;
  const found: ParsedAddress[] = [];
  const push = (kept: string[]) => {
    const tokens = significantTokens(kept);
    if (tokens.length > 0 && tokens.some((t) => t.length > 2))
      found.push({ ...parsed, streetWords: kept, streetTokens: tokens });
  };
  for (let end = words.length - 1; end >= 1; end--) push(words.slice(0, end));
  if (significantTokens(words).length >= 2) push(words.slice(1));
  return found;
}

/**
 * Readings of an address, lazily and best first. The first is the plain parse; when the cell
 * gives alternatives, every reading is of the first one and says so.
 */
export function* readingsOf(address: RawAddress | string): Generator<Reading> {
  const given: RawAddress = typeof address === "string" ? { full: address } : address;
  const numbers = firstNumbers(given.full ?? given.number ?? "");
  const raw: RawAddress =
    given.full !== undefined
      ? { ...given, full: numbers.text }
      : given.number !== undefined
        ? { ...given, number: numbers.text }
        : given;
  const text = raw.full ?? [raw.number, raw.street].filter((p) => p && String(p).trim() !== "").join(" ");
  const alternatives = raw.full !== undefined ? text.split(ALTERNATIVE) : [text];
  const base: Guess = alternatives.length > 1 || numbers.chosen ? "alternative" : null;
  const whole = parseAddress(alternatives.length > 1 ? { ...raw, full: alternatives[alternatives.length - 1] } : raw);
  const first = base ? alternatives[0]! : text;
  const segments = raw.full !== undefined ? segmentReadings(first, whole) : [];
  const main = base ? withPlace(parseAddress({ ...raw, full: first }), whole) : whole;
  // A part that names a street is read before the whole cell: the rest is complements.
  for (const parsed of segments) yield { parsed, guess: base };
  yield { parsed: main, guess: base };
  for (const parsed of raw.full !== undefined ? laterTypeReadings(first, whole) : [])
    yield { parsed, guess: base ?? "trimmed" };
  for (const reading of [...segments, main]) {
    for (const parsed of trimmedReadings(reading)) yield { parsed, guess: base ?? "trimmed" };
  }
}
