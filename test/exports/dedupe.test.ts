import { describe, expect, it } from "vitest";
import type { ExportRow } from "../../loaders/contracts.ts";
import { conflictMessages, dedupeByIdentifier } from "../../loaders/exports/dedupe.ts";

const row = (n: number, identifier: string | null, gir: number, street = "1 rue A"): ExportRow => ({
  file: "f.csv",
  row: n,
  identifier,
  address: { full: street },
  fields: { gir },
});

describe("dedupeByIdentifier", () => {
  it("keeps the first row, counts identical and conflicting duplicates", () => {
    const result = dedupeByIdentifier([
      row(2, "A1", 2),
      row(3, "A2", 3),
      row(4, "A1", 2),
      row(5, "a1 ", 4),
      row(6, "A2", 3, "2 rue B"),
    ]);
    expect(result.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(result.duplicates).toBe(3);
    expect(result.conflicts).toBe(2);
    expect(result.conflictRows).toEqual([
      { row: 5, firstRow: 2 },
      { row: 6, firstRow: 3 },
    ]);
    expect(conflictMessages("f.csv", result)[0]).toBe(
      "f.csv, ligne 5 : même identifiant que la ligne 2, avec des valeurs différentes ; la ligne 2 est retenue, celle-ci est comptée en doublon (règle doublon-discordant). Vérifiez laquelle est juste.",
    );
  });

  it("leaves Protocol 1 rows (no identifier) untouched", () => {
    const rows = [row(2, null, 2), row(3, null, 2)];
    expect(dedupeByIdentifier(rows)).toEqual({ rows, duplicates: 0, conflicts: 0, conflictRows: [] });
  });
});
