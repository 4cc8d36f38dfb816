import { splitCsvLine } from "../common/csv-line.ts";
/**
 * The official BAN address CSV ("adresses-DD.csv[.gz]", `;` separated): column names, one
 * row type, and a streaming reader that keeps only the communes of the territory.
 */
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { InputError } from "../contracts.ts";

export const BAN_COLUMNS = [
  "id",
  "id_fantoir",
  "numero",
  "rep",
  "nom_voie",
  "code_postal",
  "code_insee",
  "nom_commune",
  "code_insee_ancienne_commune",
  "nom_ancienne_commune",
  "x",
  "y",
  "lon",
  "lat",
  "type_position",
  "alias",
  "nom_ld",
  "libelle_acheminement",
  "nom_afnor",
  "source_position",
  "source_nom_voie",
  "certification_commune",
  "cad_parcelles",
] as const;
export type BanColumn = (typeof BAN_COLUMNS)[number];
export type BanRow = Record<BanColumn, string>;

/** Columns the index cannot do without. */
const REQUIRED: readonly BanColumn[] = ["numero", "nom_voie", "code_postal", "code_insee", "lon", "lat"];

/** The BAN marks a named place without house number (lieu-dit) with this number. */
export const PLACE_NUMBER = "99999";

function escapeCell(value: string): string {
  return /[";\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatBanCsv(rows: Iterable<BanRow>): string {
  const lines = [BAN_COLUMNS.join(";")];
  for (const row of rows) lines.push(BAN_COLUMNS.map((c) => escapeCell(row[c] ?? "")).join(";"));
  return lines.join("\n") + "\n";
}

/**
 * Reads a BAN file (plain or gzip), calling `onRow` for the rows of the given communes only.
 * Rows whose coordinates are unreadable are skipped and counted, never fatal: the BAN has a
 * few, and one bad row must not stop a build.
 */
export async function readBanCsv(
  file: string,
  communes: ReadonlySet<string>,
  onRow: (row: BanRow, line: number) => void,
): Promise<{ read: number; kept: number; skipped: number }> {
  const input = createReadStream(file);
  const stream = /\.gz$/i.test(file) ? input.pipe(createGunzip()) : input;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let header: string[] | null = null;
  let positions: number[] = [];
  let lineNumber = 0;
  let read = 0,
    kept = 0,
    skipped = 0;
  try {
    for await (const rawLine of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, "") : rawLine;
      if (line.trim() === "") continue;
      if (header === null) {
        header = splitCsvLine(line, ";").map((h) => h.trim());
        const missing = REQUIRED.filter((c) => !header!.includes(c));
        if (missing.length > 0) {
          throw new InputError(
            `Fichier ${basename(file)}, ligne 1 : colonne(s) ${missing.map((c) => `« ${c} »`).join(", ")} absente(s) (règle : format BAN adresses-DD.csv, séparateur « ; »).`,
            file,
            "ban-columns",
          );
        }
        positions = BAN_COLUMNS.map((c) => header!.indexOf(c));
        continue;
      }
      read++;
      const cells = splitCsvLine(line, ";");
      const row = {} as BanRow;
      BAN_COLUMNS.forEach((c, i) => {
        const at = positions[i]!;
        row[c] = at >= 0 ? (cells[at] ?? "").trim() : "";
      });
      if (!communes.has(row.code_insee)) continue;
      if (
        !Number.isFinite(Number.parseFloat(row.lon)) ||
        !Number.isFinite(Number.parseFloat(row.lat)) ||
        row.nom_voie === ""
      ) {
        skipped++;
        continue;
      }
      kept++;
      onRow(row, lineNumber);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `Fichier ${basename(file)}, ligne ${lineNumber} : lecture impossible (${(error as Error).message}) (règle : fichier BAN lisible, gzip ou texte).`,
      file,
      "ban-read",
    );
  } finally {
    input.destroy();
  }
  if (header === null) {
    throw new InputError(
      `Fichier ${basename(file)} : fichier vide (règle : format BAN adresses-DD.csv).`,
      file,
      "ban-columns",
    );
  }
  return { read, kept, skipped };
}
