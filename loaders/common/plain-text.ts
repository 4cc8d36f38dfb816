/**
 * The one text normaliser: two spellings of the same words ("Bouches-du-Rhône",
 * "BOUCHES DU RHONE") must compare equal wherever a label, an address or a header is matched,
 * so every matcher reduces both sides with these functions rather than its own variant.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ASCII = /^[\x20-\x7e]*$/;
const NON_ALPHANUMERIC = /[^A-Z0-9]+/g;
const LIGATURES: Record<string, string> = { Œ: "OE", Æ: "AE" };

/** "Département" -> "Departement": accents dropped, case and punctuation kept. */
export function stripAccents(text: string): string {
  return text.normalize("NFD").replace(COMBINING_MARKS, "");
}

/**
 * "Bouches-du-Rhône" -> "BOUCHES DU RHONE": upper case, no accents, ligatures written out
 * ("Œ" -> "OE"), every run of other characters as one space, trimmed.
 */
export function plainUpper(text: string): string {
  // Plain ASCII has no accent nor ligature: the Unicode decomposition is skipped (the geocoder
  // reduces every address this way, and most are written without accents).
  if (ASCII.test(text)) return text.toUpperCase().replace(NON_ALPHANUMERIC, " ").trim();
  return stripAccents(text)
    .toUpperCase()
    .replace(/[ŒÆ]/g, (c) => LIGATURES[c] ?? c)
    .replace(NON_ALPHANUMERIC, " ")
    .trim();
}
