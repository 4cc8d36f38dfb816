/**
 * Header normalisation: partners write the same column in many ways (case, accents, spacing,
 * abbreviations, plurals), so headers are compared as sets of normalised tokens.
 */

import { stripAccents } from "../common/plain-text.ts";

const ABBREVIATIONS: Record<string, string> = {
  nb: "nombre",
  nbr: "nombre",
  nbre: "nombre",
  benef: "beneficiaire",
  bnf: "beneficiaire",
  pers: "personne",
  enf: "enfant",
  adr: "adresse",
  addr: "adresse",
  naiss: "naissance",
  nais: "naissance",
  sit: "situation",
  fam: "familiale",
  famil: "familiale",
  num: "numero",
  no: "numero",
  n: "numero",
  lib: "libelle",
  geo: "geographique",
  geogr: "geographique",
  hom: "homme",
  fem: "femme",
};

// Words that carry no meaning for matching; "ou"/"et" are kept out so that "3 ans ou plus" keeps "plus".
const STOP_WORDS = new Set([
  "de",
  "du",
  "des",
  "la",
  "le",
  "les",
  "l",
  "d",
  "a",
  "au",
  "aux",
  "pour",
  "par",
  "en",
  "et",
  "ou",
  "un",
  "une",
  "dont",
]);

/** Light stemming so that plural and feminine forms meet: "gardées", "gardés", "garde". */
function stem(token: string): string {
  let t = token;
  if (t.length > 3 && t.endsWith("s")) t = t.slice(0, -1);
  if (t.length > 3 && t.endsWith("e")) t = t.slice(0, -1);
  return t;
}

export function headerTokens(header: string): string[] {
  const text = stripAccents(String(header))
    .toLowerCase()
    .replace(/n\s*[°º]/g, " numero ")
    .replace(/>=|≥|\+/g, " plus ")
    .replace(/<=|≤|</g, " moins ")
    .replace(/[^a-z0-9]+/g, " ");
  const tokens: string[] = [];
  for (const raw of text.split(" ")) {
    if (!raw) continue;
    const expanded = ABBREVIATIONS[raw] ?? raw;
    for (const word of expanded.split(" ")) {
      if (STOP_WORDS.has(word)) continue;
      tokens.push(stem(word));
    }
  }
  return tokens;
}

/** Canonical key of a header: its tokens joined, so "Code Postal" = "code_postal" = "CODE  POSTAL". */
export function normalizeHeader(header: string): string {
  return headerTokens(header).join(" ");
}
