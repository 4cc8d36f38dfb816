/**
 * A one-letter typo in a short word of a street name ("Rue Fernand Doll" for Rue Fernand Dol,
 * "Rue Félix Gas" for Rue Félix Gras). The general fuzzy match allows no edit on a word of three
 * letters, where a typo most often makes another word; here one letter added, dropped or two
 * swapped is forgiven, but only when every other word of the name matches exactly, and the
 * name's score then stays below the certain threshold.
 */
import { editDistance } from "./token-vocabulary.ts";

/** Similarity given to the short word forgiven. */
export const SHORT_TYPO_SIMILARITY = 0.75;

const SHORT = 3;
const AT_MOST = 5;

/** One letter added, dropped, or two neighbours swapped; a letter replaced is another word. */
function oneLetterSlip(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length && [...a].sort().join("") !== [...b].sort().join("")) return false;
  return editDistance(a, b, 1) === 1;
}

/**
 * Forgives the typo when exactly one word of each side is unmatched, those two are short and one
 * slip apart, and every other word matched exactly (words that only say where the street is may
 * be missing). Updates the best similarities in place; true when a typo was forgiven.
 */
export function forgiveShortTypo(
  queryTokens: readonly string[],
  referenceTokens: readonly string[],
  bestForQuery: Float64Array | number[],
  bestForReference: Float64Array | number[],
  optional: ReadonlySet<string> | undefined,
): boolean {
  let q = -1,
    r = -1;
  for (let i = 0; i < queryTokens.length; i++) {
    if (bestForQuery[i] === 1) continue;
    if (bestForQuery[i] !== 0 || q >= 0) return false;
    q = i;
  }
  for (let i = 0; i < referenceTokens.length; i++) {
    if (bestForReference[i] === 1 || (bestForReference[i] === 0 && optional?.has(referenceTokens[i]!))) continue;
    if (bestForReference[i] !== 0 || r >= 0) return false;
    r = i;
  }
  if (q < 0 || r < 0 || queryTokens.length < 2) return false;
  const a = queryTokens[q]!,
    b = referenceTokens[r]!;
  if (Math.min(a.length, b.length) < SHORT || Math.max(a.length, b.length) > AT_MOST) return false;
  if (Math.min(a.length, b.length) > SHORT && a.length === b.length) return false;
  if (!oneLetterSlip(a, b)) return false;
  bestForQuery[q] = SHORT_TYPO_SIMILARITY;
  bestForReference[r] = SHORT_TYPO_SIMILARITY;
  return true;
}
