/**
 * De-duplication by the partner's identifier (Annex 1: "vérifier qu'une même personne n'est
 * pas présente plusieurs fois"). The first row is kept; later rows with the same identifier
 * are counted, and counted again as conflicts when their fields or address differ.
 * Protocol 1 returns carry no identifier: nothing can be de-duplicated there.
 */
import type { ExportRow } from "../contracts.ts";

export interface DedupeResult {
  rows: ExportRow[];
  duplicates: number;
  conflicts: number;
}

function content(row: ExportRow): string {
  return JSON.stringify([row.fields, row.address, row.iris ?? null, row.communeLabel ?? null]);
}

export function dedupeByIdentifier(rows: ExportRow[]): DedupeResult {
  const seen = new Map<string, string>();
  const kept: ExportRow[] = [];
  let duplicates = 0;
  let conflicts = 0;
  for (const row of rows) {
    const id = row.identifier?.trim().toUpperCase();
    if (!id) {
      kept.push(row);
      continue;
    }
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, content(row));
      kept.push(row);
      continue;
    }
    duplicates++;
    if (first !== content(row)) conflicts++;
  }
  return { rows: kept, duplicates, conflicts };
}
