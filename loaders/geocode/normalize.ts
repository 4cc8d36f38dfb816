/**
 * Text normalisation shared by the address index and the parser, so that both sides of a
 * comparison are reduced the same way: upper case, no accents, apostrophes and punctuation
 * as spaces (FANTOIR writes "D ALBERT" for "d'Albert").
 */

import { plainUpper } from "../common/plain-text.ts";

/** "N° 12" is a number sign, not a word N: dropped before the plain reduction. */
export function normalizeText(text: string): string {
  // plainUpper drops the accents itself; the number sign is looked for only where one is written.
  return plainUpper(text.includes("°") ? text.replace(/N\s*°/gi, " ") : text);
}

export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === "" ? [] : normalized.split(" ");
}

/** Words that carry no identity in a street name ("de", "la", "l'"...). */
export const ARTICLES = new Set([
  "DE",
  "DU",
  "DES",
  "D",
  "LA",
  "LE",
  "LES",
  "L",
  "A",
  "AU",
  "AUX",
  "ET",
  "EN",
  "SUR",
  "SOUS",
]);

/** Abbreviations of titles and saints found in street names, expanded to one spelling. */
export const NAME_ABBREVIATIONS: Record<string, string> = {
  ST: "SAINT",
  STE: "SAINTE",
  STS: "SAINTS",
  GAL: "GENERAL",
  GEN: "GENERAL",
  GRL: "GENERAL",
  MAL: "MARECHAL",
  PDT: "PRESIDENT",
  PRES: "PRESIDENT",
  DR: "DOCTEUR",
  DOC: "DOCTEUR",
  PR: "PROFESSEUR",
  PROF: "PROFESSEUR",
  CDT: "COMMANDANT",
  CNE: "CAPITAINE",
  LT: "LIEUTENANT",
  LTN: "LIEUTENANT",
  COL: "COLONEL",
  ADJ: "ADJUDANT",
  MGR: "MONSEIGNEUR",
  ND: "NOTRE DAME",
  VX: "VIEUX",
  VIEL: "VIEIL",
  GD: "GRAND",
  GDE: "GRANDE",
  PT: "PETIT",
  PTE: "PETITE",
  FG: "FAUBOURG",
  FBG: "FAUBOURG",
  QRT: "QUARTIER",
  QUART: "QUARTIER",
  MME: "MADAME",
  MLLE: "MADEMOISELLE",
};

/** Numbers written in figures inside street names ("RUE DU 4 SEPTEMBRE", "DES 2 ORMES"). */
const NUMBER_WORDS = [
  "ZERO",
  "UN",
  "DEUX",
  "TROIS",
  "QUATRE",
  "CINQ",
  "SIX",
  "SEPT",
  "HUIT",
  "NEUF",
  "DIX",
  "ONZE",
  "DOUZE",
];

/** Every token that expands, to its words: one hash probe per token on the geocoder's hot path. */
const EXPANSIONS = new Map<string, readonly string[]>([
  ...Object.entries(NAME_ABBREVIATIONS).map(([short, long]) => [short, long.split(" ")] as const),
  ...NUMBER_WORDS.flatMap((word, n) => [[String(n), [word]] as const, [String(n).padStart(2, "0"), [word]] as const]),
]);

/** Name tokens with abbreviations expanded (a token may expand to two: ND -> NOTRE DAME). */
export function expandNameTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const expanded = EXPANSIONS.get(token);
    if (expanded) out.push(...expanded);
    else out.push(token);
  }
  return out;
}

/** Tokens that identify a street: expanded, articles dropped. */
export function significantTokens(tokens: readonly string[]): string[] {
  return expandNameTokens(tokens).filter((t) => !ARTICLES.has(t));
}
