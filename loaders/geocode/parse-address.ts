/**
 * French address parsing: turns a messy cell ("Résidence les Pins bât. C, 12 bis av. J. Jaurès
 * 13100 Aix") into a house number, a street type, the tokens of the street name, a postcode and
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
  /** Last number of a range ("12-14"): the first one is kept for matching. */
  rangeEnd: number | null;
  streetType: string | null;
  /** Street name words as written (normalised), type excluded. */
  streetWords: string[];
  /** Identifying tokens of the street name: abbreviations expanded, articles dropped. */
  streetTokens: string[];
  /** A residence, lotissement or lieu-dit named besides (or instead of) a street. */
  placeWords: string[];
  postcode: string | null;
  /** Commune or village label as written, normalised ("AIX EN PROVENCE", "LES MILLES"). */
  locality: string | null;
}

const SUFFIXES: Record<string, string> = {
  BIS: "BIS",
  B: "BIS",
  TER: "TER",
  T: "TER",
  QUATER: "QUATER",
  QUA: "QUATER",
  Q: "QUATER",
  QUINQUIES: "QUINQUIES",
  C: "C",
  D: "D",
  A: "A",
  E: "E",
  F: "F",
};

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
const COMPLEMENT_ALONE = new Set(["RDC", "REZ", "CHAUSSEE", "SOUS", "SOL"]);
const ORDINAL = /^\d+(ER|ERE|E|EME|ND|NDE)$/;

const RANGE_MARK = "ZZRANGEZZ";

function preTokenize(text: string): string[] {
  const marked = text.replace(/(^|[^\d])(\d{1,4})\s*[-/&]\s*(\d{1,4})(?!\d)/g, `$1$2 ${RANGE_MARK} $3`);
  const normalized = normalizeText(marked).replace(/\b(\d{1,4}) (?:A|ET|AU) (\d{1,4})\b/g, `$1 ${RANGE_MARK} $2`);
  if (normalized === "") return [];
  const tokens: string[] = [];
  const words = normalized.split(" ");
  words.forEach((token, i) => {
    // "2E ETAGE" is a floor, not number 2 suffix E.
    if (ORDINAL.test(token) && /^(ETAGE|ETG)$/.test(words[i + 1] ?? "")) {
      tokens.push(token);
      return;
    }
    const attached = /^(\d{1,4})(BIS|TER|QUATER|[A-F])$/.exec(token);
    if (attached) tokens.push(attached[1]!, attached[2]!);
    else tokens.push(token);
  });
  return tokens;
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
      continue;
    }
    if (COMPLEMENT_ALONE.has(token) && (token !== "SOUS" || next === "SOL")) continue;
    out.push(token);
  }
  return out;
}

/** Removes a trailing locality when what is left still names a street. */
function takeTrailingLocality(tokens: string[]): string | null {
  for (let length = Math.min(5, tokens.length - 1); length >= 1; length--) {
    const phrase = tokens.slice(tokens.length - length).join(" ");
    if (!localityTable().byName.has(phrase)) continue;
    const rest = tokens.slice(0, tokens.length - length);
    const before = rest[rest.length - 1];
    // "ROUTE DE LUYNES" is a street, not "ROUTE" in Luynes.
    if (before === undefined || ARTICLES.has(before)) continue;
    const restNames = rest.filter(
      (t) => !/^\d+$/.test(t) && t !== RANGE_MARK && canonicalStreetType(t) === null && !SUFFIXES[t],
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
  let tokens = dropComplements(preTokenize(text));

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

  // The house number is the first number followed by a street (name or type).
  let numberAt = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (isNumber(tokens[i]) && i + 1 < tokens.length) {
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
    if (tokens[i] === RANGE_MARK && isNumber(tokens[i + 1])) {
      rangeEnd = Number(tokens[i + 1]);
      i += 2;
    }
    const maybeSuffix = tokens[i];
    if (
      maybeSuffix &&
      SUFFIXES[maybeSuffix] &&
      i + 1 < tokens.length &&
      (maybeSuffix.length > 1 || readType(tokens, i + 1) || tokens.length - i > 2)
    ) {
      suffix = SUFFIXES[maybeSuffix]!;
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
