/**
 * De-duplication by the partner's identifier (Annex 1: "vérifier qu'une même personne n'est
 * pas présente plusieurs fois"). The first row is kept; later rows with the same identifier
 * are counted, and counted again as conflicts when their fields or address differ.
 * Protocol 1 returns carry no identifier: nothing can be de-duplicated there. A duplicate
 * whose values differ is never silent: each is named by its row and the first one's
 * (rule doublon-discordant), and `check` and `ingest` exit 1, since which row is right is the
 * partner's call, not the reader's.
 */
import type { ExportRow } from "../contracts.ts";

export interface DedupeResult {
  rows: ExportRow[];
  duplicates: number;
  conflicts: number;
  /** Rows of the conflicting duplicates and of the first occurrence kept, file order. */
  conflictRows: { row: number; firstRow: number }[];
}

export const CONFLICT_RULE = "doublon-discordant";

function content(row: ExportRow): string {
  return JSON.stringify([row.fields, row.address, row.iris ?? null, row.communeLabel ?? null]);
}

export function dedupeByIdentifier(rows: ExportRow[]): DedupeResult {
  const seen = new Map<string, { content: string; row: number }>();
  const kept: ExportRow[] = [];
  const conflictRows: DedupeResult["conflictRows"] = [];
  let duplicates = 0;
  for (const row of rows) {
    const id = row.identifier?.trim().toUpperCase();
    if (!id) {
      kept.push(row);
      continue;
    }
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, { content: content(row), row: row.row });
      kept.push(row);
      continue;
    }
    duplicates++;
    if (first.content !== content(row)) conflictRows.push({ row: row.row, firstRow: first.row });
  }
  return { rows: kept, duplicates, conflicts: conflictRows.length, conflictRows };
}

/** One French line per conflicting duplicate, never a value: the rows only. */
export function conflictMessages(file: string, result: DedupeResult, sheet?: string): string[] {
  const where = `${file}${sheet !== undefined ? `, feuille « ${sheet} »` : ""}`;
  return result.conflictRows.map(
    ({ row, firstRow }) =>
      `${where}, ligne ${row} : même identifiant que la ligne ${firstRow}, avec des valeurs différentes ; la ligne ${firstRow} est retenue, celle-ci est comptée en doublon (règle ${CONFLICT_RULE}). Vérifiez laquelle est juste.`,
  );
}
