/**
 * Where a table ends, for every command (check, ingest, geocode, the build): a second table
 * stacked under the first in one sheet (another year, a total block with its own header) is
 * not data of the first. It is told by a row that reads like the header: the header itself
 * after a blank or title row (right under a data row it is a page break of a printed export,
 * read and ignored), or a row with at least two of the header's titles that the schema, when
 * there is one, reads as a header too.
 */
import { boundedMemo } from "../common/bounded-memo.ts";
import { matchHeaders } from "./match-headers.ts";
import { normalizeHeader } from "./normalize-header.ts";
import { cellText, type RawCell } from "./parse-value.ts";
import type { DatasetSchema } from "./schema.ts";

export type RowKind = "data" | "repeated-header" | "second-table";

export interface TableEnd {
  /** What a row under the header is; `blankBefore`: blank rows just above it. */
  classify(cells: RawCell[], blankBefore: number): RowKind;
  /** The caller read the last "data" row as a title, total or note: what follows is not contiguous data. */
  ignored(): void;
}

export function tableEnd(headerRow: RawCell[], schema?: DatasetSchema): TableEnd {
  // Every row of the file passes here: the same cell texts (communes, categories) come back
  // row after row, so their normal forms are kept, within a bound (addresses never repeat).
  const normal = boundedMemo(normalizeHeader, 50_000);
  const headerTexts = headerRow.map(cellText);
  const headerCells = headerTexts.map(normal);
  // Normalisation keeps a text's digits, in order, and makes none (normalize-header.ts): a cell
  // whose digits are those of no header cell (an identifier, an address, a date) equals none
  // of them, and is told so without being normalised (most cells of an export are such).
  const headerDigits = new Set(headerTexts.map(digitsOf));
  const normalOrNone = (text: string) => (headerDigits.has(digitsOf(text)) ? normal(text) : NO_HEADER);
  // Cell by cell, stopping at the first difference: a data row differs at its first cell.
  const isHeaderAgain = (cells: RawCell[]) => {
    if (cells.length !== headerCells.length) return false;
    for (let i = 0; i < cells.length; i++) if (normalOrNone(cellText(cells[i]!)) !== headerCells[i]) return false;
    return true;
  };
  const titles = new Set(headerCells.filter(Boolean));
  const needed = Math.min(2, titles.size);
  // A cheap test first (two cells equal to a title of the header), then the schema's matcher.
  const looksLikeHeader = (cells: RawCell[]) => {
    if (needed === 0) return false;
    let seen = 0;
    for (const c of cells) {
      if (typeof c !== "string") continue;
      if (titles.has(normalOrNone(c)) && ++seen >= needed) break;
    }
    if (seen < needed) return false;
    return schema ? matchHeaders(cells, schema).fieldHits >= 1 : true;
  };
  let previousWasData = true;
  return {
    classify(cells, blankBefore) {
      const repeated = isHeaderAgain(cells);
      if (repeated ? !(previousWasData && blankBefore === 0) : looksLikeHeader(cells)) return "second-table";
      previousWasData = !repeated;
      return repeated ? "repeated-header" : "data";
    },
    ignored() {
      previousWasData = false;
    },
  };
}

/** No normal form of a header is this (normal forms are lower-case words and spaces). */
const NO_HEADER = "\u0000";

/** The ASCII digits of a text, in order ("" when it has none). */
function digitsOf(text: string): string {
  let digits = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += text[i];
  }
  return digits;
}

const TITLE_OR_FOOTER = /^(total|sous[- ]total|source|note|lecture|champ|nb ?:|remarque)/i;

/** A total, a source, a note: a row that opens with one of their words. */
export const isFooterText = (text: string) => TITLE_OR_FOOTER.test(text);

/**
 * A row of an individual table that is a title or a note, not a person: one filled cell of
 * several words (« Bénéficiaires 2014 »), or a first cell opening like a total or a source.
 */
export function isTitleRow(cells: RawCell[]): boolean {
  // A loop, not filter(): every row of every file passes here.
  let first: RawCell = null;
  let filled = 0;
  for (const c of cells) if (c !== null && !(typeof c === "string" && c.trim() === "") && ++filled === 1) first = c;
  if (!filled) return false;
  return (filled === 1 && typeof first === "string" && /\s/.test(first.trim())) || isFooterText(cellText(first));
}
