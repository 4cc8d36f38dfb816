/**
 * Finds the header row, the sheet and the dataset of an export: partners put title rows
 * above the header, and may send several sheets or a file of another dataset.
 */
import type { DatasetSchema } from "./schema.ts";
import { matchHeaders, type HeaderMatch } from "./match-headers.ts";
import type { Sheet } from "./read-table.ts";

/** Title rows are few; a header further down is not looked for. */
export const HEADER_SEARCH_ROWS = 40;

export interface HeaderLocation {
  sheetIndex: number;
  /** 0-based index in sheet.rows. */
  rowIndex: number;
  schema: DatasetSchema;
  match: HeaderMatch;
}

function score(match: HeaderMatch): number {
  return match.fieldHits * 100 + match.columns.length;
}

export function locateHeader(
  sheets: Sheet[],
  schemas: DatasetSchema[],
  mapping: Record<string, string> = {},
): HeaderLocation | null {
  let best: HeaderLocation | null = null;
  sheets.forEach((sheet, sheetIndex) => {
    const limit = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
    for (let rowIndex = 0; rowIndex < limit; rowIndex++) {
      const row = sheet.rows[rowIndex];
      if (row.filter((c) => typeof c === "string").length < 2) continue;
      for (const schema of schemas) {
        const match = matchHeaders(row, schema, mapping);
        if (match.fieldHits === 0) continue;
        if (!best || score(match) > score(best.match)) best = { sheetIndex, rowIndex, schema, match };
      }
    }
  });
  return best;
}
