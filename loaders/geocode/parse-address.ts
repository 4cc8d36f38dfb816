/**
 * French address parsing: turns a messy cell ("Résidence les Pins bât. C, 12 bis av. J. Jaurès
 * 13210 St-Rémy") into a house number, a street type, the tokens of the street name, a postcode and
 * a locality, dropping complements (building, flat, floor, BP, CEDEX...).
 */
import type { RawAddress } from "../contracts.ts";
import { ARTICLES, normalizeText, significantTokens } from "./normalize.ts";
import { localityTable } from "./localities.ts";
import { MULTI_WORD_TYPES, PLACE_TYPES, canonicalStreetType } from "./street-types.ts";

export interface ParsedAddress {
  number: number | null;
  /** BIS, TER, QUATER, or a letter. */
  suffix: string | null;
  /** Last number of a range or list ("12-14", "43 45 47"): the first one is kept for matching. */
  rangeEnd: number | null;
  streetType: string | null;
  /** Street name words as written (normalised), type excluded. */
  streetWords: string[];
  /** Identifying tokens of the street name: abbreviations expanded, articles dropped. */
  streetTokens: string[];
  /** A residence, lotissement or lieu-dit named besides (or instead of) a street. */
  placeWords: string[];
  postcode: string | null;
  /** Commune or village label as written, normalised ("SAINT REMY DE PROVENCE", a village's name). */
  locality: string | null;
}

// Maps, not objects: a lookup by an arbitrary word is then a plain hash probe (the geocoder's hot path).
const SUFFIXES = new Map<string, string>([
  ["BIS", "BIS"],
  ["B", "BIS"],
  ["TER", "TER"],
  ["T", "TER"],
  ["QUATER", "QUATER"],
  ["QUA", "QUATER"],
  ["Q", "QUATER"],
  ["QUINQUIES", "QUINQUIES"],
  ["C", "C"],
  ["D", "D"],
  ["A", "A"],
  ["E", "E"],
  ["F", "F"],
]);

/** Complement keywords; the short code that follows ("BAT C", "APPT 12") goes with them. */
const COMPLEMENT_WITH_CODE = new Set([
  "BAT",
  "BATIMENT",
  "BT",
  "BTM",
  "APPT",
  "APT",
  "APP",
  "APPART",
  "APPARTEMENT",
  "ETG",
  "ETAGE",
  "ESC",
  "ESCALIER",
  "PORTE",
  "LOGEMENT",
  "LOG",
  "BP",
  "CS",
  "TSA",
  "CEDEX",
  "ENTREE",
  "ENT",
  "BAL",
  "BOITE",
  "CASE",
  "POSTALE",
  "NUM",
  "NO",
  "NR",
  "LGT",
  "APPTS",
]);
/** "BAT", "APPT", "CEDEX"...: a keyword whose short code is a complement, not a house number. */
export function isComplementKeyword(token: string): boolean {
  return COMPLEMENT_WITH_CODE.has(token);
}
const COMPLEMENT_ALONE = new Set(["RDC", "REZ", "CHAUSSEE", "SOUS", "SOL"]);
const POSTAL_BOXES = new Set(["BP", "CS", "TSA"]);
/** Words after which a number is the road's, not a house number ("ROUTE NATIONALE 7"). */
const ROAD_NUMBER_AFTER = new Set(["NATIONALE", "DEPARTEMENTALE", "VICINAL", "CHV", "VC", "NO"]);
/** "RN 7", "N7", "RD 9", "D9", "CD 543": a numbered road, written as the reference names it. */
const NUMBERED_ROAD = /^(RN|N|RD|D|CD)(\d{1,4})$/;
const ROAD_KINDS = new Map<string, string>([
  ["RN", "NATIONALE"],
  ["N", "NATIONALE"],
  ["RD", "DEPARTEMENTALE"],
  ["D", "DEPARTEMENTALE"],
  ["CD", "DEPARTEMENTALE"],
]);
const ORDINAL = /^\d+(ER|ERE|E|EME|ND|NDE)$/;

const RANGE_MARK = "ZZRANGEZZ";

const ATTACHED_SUFFIX = /^(\d{1,4})(BIS|TER|QUATER|[A-F])$/;

function startsWithDigit(token: string): boolean {
  const code = token.charCodeAt(0);
  return code >= 48 && code <= 57;
}

/** "13210ST REMY": a postcode glued to the commune. */
const GLUED_POSTCODE = /\b(\d{5})([A-Z])/g;
const GLUED_POSTCODE_TEST = /\d{5}[A-Z]/;
/** "13 210 ST REMY": a postcode written in two groups, as a number is. */
const SPACED_POSTCODE = /(^|\s)(\d{2}) (\d{3})(?= ([A-Z]+)|$)/g;
const SPACED_POSTCODE_TEST = /(^|\s)\d{2} \d{3}( [A-Z]|$)/;

/**
 * The postcode written as one word: split from a commune glued to it, joined when written in two
 * groups ("13 100"), only when the joined code is a postcode of the département and no street
 * type follows (then "13 100" would be two numbers).
 */
function joinPostcodes(normalized: string): string {
  // Most addresses have neither: one scan for five figures then a letter, one for two then three.
  const unglued = GLUED_POSTCODE_TEST.test(normalized) ? normalized.replace(GLUED_POSTCODE, "$1 $2") : normalized;
  if (!SPACED_POSTCODE_TEST.test(unglued)) return unglued;
  return unglued.replace(SPACED_POSTCODE, (whole, before: string, head: string, tail: string, next?: string) =>
    localityTable().byPostcode.has(head + tail) && (next === undefined || canonicalStreetType(next) === null)
      ? `${before}${head}${tail}`
      : whole,
  );
}

function preTokenize(text: string): string[] {
  const marked = text.replace(/(^|[^\d])(\d{1,4})\s*[-/&]\s*(\d{1,4})(?!\d)/g, `$1$2 ${RANGE_MARK} $3`);
  const normalized = joinPostcodes(normalizeText(marked)).replace(
    /\b(\d{1,4}) (?:A|ET|AU) (\d{1,4})\b/g,
    `$1 ${RANGE_MARK} $2`,
  );
  if (normalized === "") return [];
  const tokens: string[] = [];
  const words = normalized.split(" ");
  for (let i = 0; i < words.length; i++) {
    const token = words[i]!;
    // Only a word that starts with a figure can be a number with its suffix: the rest is kept as is.
    if (!startsWithDigit(token)) {
      tokens.push(token);
      continue;
    }
    // "2E ETAGE" is a floor, not number 2 suffix E.
    const next = words[i + 1];
    if ((next === "ETAGE" || next === "ETG") && ORDINAL.test(token)) {
      tokens.push(token);
      continue;
    }
    const attached = ATTACHED_SUFFIX.exec(token);
    if (attached) tokens.push(attached[1]!, attached[2]!);
    else tokens.push(token);
  }
  return tokens;
}

/** "N", "NO", "NUM", "NR": the house number follows ("PL DE VERDUN N 6"), once a street is named. */
const NUMBER_SIGNS = new Set(["N", "NO", "NUM", "NR"]);

/**
 * Drops a number sign written after the street ("AV X N 6", "RUE Y NUM 12"), keeping the number:
 * before any street type it is a numbered road ("N 7"), after a road word the road's number
 * ("CHEMIN VICINAL NO 3"), after a complement the complement's ("APPT NO 12").
 */
function dropNumberSigns(tokens: string[]): string[] {
  const typeAt = tokens.findIndex((t) => canonicalStreetType(t) !== null);
  if (typeAt < 0) return tokens;
  // "NO 12 RUE X", "NUM 12 AV Y": the sign before the house number of the street that follows.
  const signAt = typeAt - 2;
  if (
    signAt >= 0 &&
    NUMBER_SIGNS.has(tokens[signAt]!) &&
    /^\d{1,4}$/.test(tokens[signAt + 1]!) &&
    (signAt === 0 || !COMPLEMENT_WITH_CODE.has(tokens[signAt - 1]!))
  )
    return dropNumberSigns([...tokens.slice(0, signAt), ...tokens.slice(signAt + 1)]);
  return tokens.filter((token, i) => {
    if (i <= typeAt + 1 || !NUMBER_SIGNS.has(token) || !/^\d{1,4}$/.test(tokens[i + 1] ?? "")) return true;
    const previous = tokens[i - 1]!;
    return (
      ROAD_NUMBER_AFTER.has(previous) ||
      COMPLEMENT_WITH_CODE.has(previous) ||
      previous === "ROUTE" ||
      previous === "RTE" ||
      /^\d/.test(previous)
    );
  });
}

function dropComplements(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (ORDINAL.test(token) && (next === "ETAGE" || next === "ETG")) {
      i++;
      continue;
    }
    if (COMPLEMENT_WITH_CODE.has(token)) {
      if (next === "POSTALE") i++;
      const code = tokens[i + 1];
      // "BAT C2", "APPT 12", "CEDEX 1": the short code after the keyword goes with it.
      if (
        code !== undefined &&
        canonicalStreetType(code) === null &&
        (/^\d{1,4}$/.test(code) || (code.length <= 3 && !/^\d{5}$/.test(code)))
      )
        i++;
      // "CS 30715 13616", "BP 90010 13603": a box number has five digits when the postcode follows.
      else if (
        code !== undefined &&
        POSTAL_BOXES.has(token) &&
        /^\d{5}$/.test(code) &&
        tokens.slice(i + 2).some((t) => /^\d{5}$/.test(t))
      )
        i++;
      continue;
    }
    if (COMPLEMENT_ALONE.has(token) && (token !== "SOUS" || next === "SOL")) continue;
    out.push(token);
  }
  return out;
}

let lastWords: Set<string> | null = null;
/** The last word of every locality name ("PROVENCE", "MILLES"). */
function localityLastWords(): Set<string> {
  lastWords ??= new Set([...localityTable().byName.keys()].map((name) => name.slice(name.lastIndexOf(" ") + 1)));
  return lastWords;
}

/** Removes a trailing locality when what is left still names a street. */
function takeTrailingLocality(tokens: string[]): string | null {
  // Most addresses end with no locality: one probe on the last word spares the phrases.
  if (tokens.length === 0 || !localityLastWords().has(tokens[tokens.length - 1]!)) return null;
  // A cell that is only the commune's or a village's name ("SAINT REMY DE PROVENCE") names no street:
  // read as a street, it would match "RUE DE PROVENCE".
  const whole = tokens.join(" ");
  if (localityTable().byName.has(whole)) {
    tokens.length = 0;
    return whole;
  }
  for (let length = Math.min(5, tokens.length - 1); length >= 1; length--) {
    const phrase = tokens.slice(tokens.length - length).join(" ");
    if (!localityTable().byName.has(phrase)) continue;
    const rest = tokens.slice(0, tokens.length - length);
    const before = rest[rest.length - 1];
    // "ROUTE DE LUYNES" is a street, not "ROUTE" in Luynes; so is "RUE VAUVENARGUES", a commune's
    // name right after a street type.
    if (before === undefined || ARTICLES.has(before) || canonicalStreetType(before) !== null) continue;
    const restNames = rest.filter(
      (t) => !/^\d+$/.test(t) && t !== RANGE_MARK && canonicalStreetType(t) === null && !SUFFIXES.has(t),
    );
    if (significantTokens(restNames).length === 0) continue;
    tokens.length = tokens.length - length;
    return phrase;
  }
  return null;
}

function isNumber(token: string | undefined): boolean {
  return token !== undefined && /^\d{1,4}$/.test(token);
}

/** Articles after which a number written in figures is a word of the name ("PLACE DES 4 DAUPHINS"). */
const NAME_NUMBER_AFTER = new Set(["DE", "DU", "DES", "D", "LA", "LE", "LES", "L", "AU", "AUX"]);

/**
 * A number that can be a house number: not the number of a road, nor a number word of a street
 * name, written in figures after a street type and an article ("RUE DU 4 SEPTEMBRE").
 */
function isHouseNumber(tokens: readonly string[], at: number): boolean {
  if (!isNumber(tokens[at])) return false;
  const previous = tokens[at - 1] ?? "";
  if (ROAD_NUMBER_AFTER.has(previous)) return false;
  if (
    NAME_NUMBER_AFTER.has(previous) &&
    tokens[at + 1] !== undefined &&
    canonicalStreetType(tokens[at + 1]!) === null
  ) {
    for (let i = 0; i < at - 1; i++) if (canonicalStreetType(tokens[i]!) !== null) return false;
  }
  return true;
}

/** "RN 7", "RN7", "D 9", "CD 543" -> ROUTE NATIONALE 7, ROUTE DEPARTEMENTALE 9... */
function expandNumberedRoads(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const glued = NUMBERED_ROAD.exec(token);
    const kind = ROAD_KINDS.get(glued ? glued[1]! : token);
    const roadNumber = glued ? glued[2]! : tokens[i + 1];
    // "N 7 CELONY" is a road; "N 12 RUE X" is a number written "N 12" (numéro).
    const lone = !glued && token.length === 1;
    if (kind && isNumber(roadNumber) && !(lone && canonicalStreetType(tokens[i + 2] ?? "") !== null)) {
      if (out[out.length - 1] === "ROUTE" || out[out.length - 1] === "RTE") out.pop();
      out.push("ROUTE", kind, roadNumber!);
      if (!glued) i++;
      continue;
    }
    out.push(token);
  }
  return out;
}

/**
 * "COURS MIRABEAU 24-26", "AVENUE PASTEUR 11": a house number written after the street is moved
 * before it, when no number precedes the street.
 */
function leadingNumber(tokens: string[]): string[] {
  let end = tokens.length;
  if (end > 1 && SUFFIXES.has(tokens[end - 1]!) && tokens[end - 1]!.length > 1) end--;
  let start = end - 1;
  if (!isHouseNumber(tokens, start)) return tokens;
  while (start >= 2 && tokens[start - 1] === RANGE_MARK && isNumber(tokens[start - 2])) start -= 2;
  while (start >= 1 && isHouseNumber(tokens, start - 1)) start--;
  if (start === 0) return tokens;
  for (let i = 0; i < start; i++) if (isHouseNumber(tokens, i)) return tokens;
  // Before the street's type, so that a name written before the street stays a complement.
  let typeAt = 0;
  for (let i = 0; i < start; i++) {
    const type = readType(tokens, i);
    if (type && !PLACE_TYPES.has(type.type)) {
      typeAt = i;
      break;
    }
  }
  return [
    ...tokens.slice(0, typeAt),
    ...tokens.slice(start, end),
    ...tokens.slice(typeAt, start),
    ...tokens.slice(end),
  ];
}

function readType(tokens: string[], at: number): { type: string; length: number } | null {
  const first = tokens[at];
  if (first === undefined) return null;
  for (const [a, b, type] of MULTI_WORD_TYPES) {
    if (first === a && tokens[at + 1] === b) return { type, length: 2 };
  }
  const type = canonicalStreetType(first);
  // A lone "R" or "A" followed by nothing is a name, not a type.
  return type && at + 1 < tokens.length ? { type, length: 1 } : null;
}

/** Parses one address (a full cell, or the parts of a split address). */
export function parseAddress(address: RawAddress | string): ParsedAddress {
  const raw: RawAddress = typeof address === "string" ? { full: address } : address;
  const text = raw.full ?? [raw.number, raw.street].filter((p) => p && String(p).trim() !== "").join(" ");
  let tokens = dropComplements(dropNumberSigns(preTokenize(text)));

  let postcode: string | null = null;
  let locality: string | null = null;
  const postcodeAt = tokens.findIndex((t) => /^\d{5}$/.test(t));
  if (postcodeAt >= 0) {
    postcode = tokens[postcodeAt]!;
    const after = tokens.slice(postcodeAt + 1);
    if (after.length > 0) locality = after.join(" ");
    tokens = tokens.slice(0, postcodeAt);
  }
  const village = takeTrailingLocality(tokens);
  if (village) locality = locality && locality !== village ? `${village} ${locality}` : village;
  if (raw.postcode && raw.postcode.trim() !== "")
    postcode = normalizeText(raw.postcode).replace(/\D/g, "").slice(0, 5) || postcode;
  if (raw.commune && raw.commune.trim() !== "") locality = normalizeText(raw.commune);

  tokens = leadingNumber(expandNumberedRoads(tokens));

  // The house number is the first number followed by a street (name or type).
  let numberAt = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (isHouseNumber(tokens, i) && i + 1 < tokens.length) {
      numberAt = i;
      break;
    }
  }
  let number: number | null = null;
  let suffix: string | null = null;
  let rangeEnd: number | null = null;
  let streetStart = 0;
  let prefix: string[] = [];
  if (numberAt >= 0) {
    number = Number(tokens[numberAt]);
    let i = numberAt + 1;
    // "12-14", "43 45 47", "8 10": the first number is kept, the others only say it was a list.
    for (;;) {
      if (tokens[i] === RANGE_MARK && isNumber(tokens[i + 1])) {
        rangeEnd = Number(tokens[i + 1]);
        i += 2;
      } else if (isNumber(tokens[i]) && i + 1 < tokens.length) {
        rangeEnd = Number(tokens[i]);
        i++;
      } else break;
    }
    const maybeSuffix = tokens[i];
    if (
      maybeSuffix &&
      SUFFIXES.has(maybeSuffix) &&
      i + 1 < tokens.length &&
      (maybeSuffix.length > 1 || readType(tokens, i + 1) || tokens.length - i > 2)
    ) {
      suffix = SUFFIXES.get(maybeSuffix)!;
      i++;
    }
    prefix = tokens.slice(0, numberAt);
    streetStart = i;
  } else {
    // No number: a street type (other than a group of dwellings) opens the street.
    const typeAt = tokens.findIndex((_, i) => {
      const t = readType(tokens, i);
      return t !== null && !PLACE_TYPES.has(t.type);
    });
    if (typeAt > 0) {
      prefix = tokens.slice(0, typeAt);
      streetStart = typeAt;
    }
  }

  let streetType: string | null = null;
  let streetWords = tokens.slice(streetStart).filter((t) => t !== RANGE_MARK);
  const type = readType(streetWords, 0);
  if (type) {
    streetType = type.type;
    streetWords = streetWords.slice(type.length);
  }
  // A numbered road ends with its number: what follows is a complement ("RN 7 - MONTEE D AVIGNON").
  if (streetWords[0] === "NATIONALE" || streetWords[0] === "DEPARTEMENTALE") {
    const roadNumberAt = streetWords.findIndex((w) => /^\d+$/.test(w));
    if (roadNumberAt > 0) streetWords = streetWords.slice(0, roadNumberAt + 1);
  }
  // "12 AV JEAN PEYTRAL BIS": the suffix written after the name.
  const trailing = streetWords[streetWords.length - 1];
  if (suffix === null && number !== null && streetWords.length > 1 && trailing && /^(BIS|TER|QUATER)$/.test(trailing)) {
    suffix = trailing;
    streetWords = streetWords.slice(0, -1);
  }
  // A residence written after the street ("12 rue X résidence Y") is a complement.
  let placeWords = prefix.filter((t) => t !== RANGE_MARK);
  const groupAt = streetWords.findIndex(
    (t, i) =>
      i > 0 &&
      !ARTICLES.has(streetWords[i - 1]!) &&
      (t === "RES" || t === "RESIDENCE" || t === "IMM" || t === "IMMEUBLE" || t === "LOTISSEMENT" || t === "HLM"),
  );
  if (groupAt > 0) {
    if (placeWords.length === 0) placeWords = streetWords.slice(groupAt);
    streetWords = streetWords.slice(0, groupAt);
  }
  if (streetType && PLACE_TYPES.has(streetType) && placeWords.length === 0 && number === null) {
    // "RES LES CERISIERS": the whole address is the name of a place.
    placeWords = [...tokens.slice(streetStart)];
  }
  return {
    number,
    suffix,
    rangeEnd,
    streetType,
    streetWords,
    streetTokens: significantTokens(streetWords),
    placeWords,
    postcode,
    locality,
  };
}
