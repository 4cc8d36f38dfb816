/**
 * Where a Protocol 1 table starts, and whether its address column holds addresses. The
 * Département's exports open with a title block ("Export APA", a date) above the header; a
 * partner's file may name the wrong column. Neither may turn into output rows or into names
 * geocoded as addresses.
 */
import { normalizeText } from "./normalize.ts";
import { canonicalStreetType } from "./street-types.ts";

/** How far down a header is looked for: a title block is a few lines. */
const HEADER_SEARCH_ROWS = 40;

/**
 * The index of the header row: the first of the first 40 rows that fills every column the
 * command reads (title rows fill one cell), or holds every column title the command names.
 * 0 when none does, which keeps the rule « en-tête en ligne 1 » and its own messages.
 */
export function headerRowIndex(rows: readonly string[][], used: readonly number[], titles: readonly string[]): number {
  const wanted = titles.map(normalizeText);
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const row = rows[i]!;
    const cells = row.map((c) => normalizeText(c));
    if (wanted.length && wanted.every((title) => cells.includes(title))) return i;
    if (!wanted.length && used.every((at) => (row[at] ?? "").trim() !== "")) return i;
  }
  return 0;
}

/**
 * True when a written address could be one: it holds a digit (number, postcode) or a street
 * or place type. A column of names or identifiers has neither on any row.
 */
export function looksLikeAddress(text: string): boolean {
  if (/\d/.test(text)) return true;
  return normalizeText(text)
    .split(/\s+/)
    .some((token) => canonicalStreetType(token) !== null);
}
