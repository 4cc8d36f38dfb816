/**
 * A second table stacked under the first in one sheet (another year, a total block with
 * its own header) is not data of the first: it is told by a row that reads like a header.
 */
import { matchHeaders } from "./match-headers.ts";
import { normalizeHeader } from "./normalize-header.ts";
import { cellText, type RawCell } from "./parse-value.ts";
import type { DatasetSchema } from "./schema.ts";

/**
 * True for a row whose texts are headers of the schema. A cheap test first (two cells equal
 * to a header of the first table), then the header matcher on those rows only.
 */
export function headerDetector(headerRow: RawCell[], schema: DatasetSchema): (cells: RawCell[]) => boolean {
  const headers = new Set(headerRow.map((c) => normalizeHeader(cellText(c))).filter(Boolean));
  const needed = Math.min(2, headers.size);
  return (cells) => {
    let seen = 0;
    for (const c of cells) {
      if (typeof c !== "string") continue;
      if (headers.has(normalizeHeader(c)) && ++seen >= needed) break;
    }
    if (seen < needed || needed === 0) return false;
    return matchHeaders(cells, schema).fieldHits >= 1;
  };
}
