import { splitCsvLine } from "../common/csv-line.ts";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import iconv from "iconv-lite";
import { InputError } from "../contracts.ts";

/** A delimited file as read: header and rows of raw cells, each row with its 1-based line. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
  lines: number[];
}

/** UTF-8 (BOM stripped); files that are not valid UTF-8 are read as Windows-1252 (older INSEE exports). */
export function decodeText(buffer: Buffer): string {
  const utf8 = buffer.toString("utf8");
  const text = utf8.includes("\uFFFD") ? iconv.decode(buffer, "win1252") : utf8;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const detectDelimiter = (headerLine: string): string => {
  const counts = [";", ",", "\t"].map((d) => [d, headerLine.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![0];
};

/**
 * Parses a delimited text (`;`, `,` or tab, detected on the header). Trailing empty header
 * columns (Filosofi pads every line with `;`) are dropped, so are blank lines.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const allLines = text.split(/\r\n|\n|\r/);
  const headerIndex = allLines.findIndex((l) => l.trim() !== "");
  if (headerIndex < 0) {
    throw new InputError(`Le fichier ${basename(file)} est vide.`, file, "empty-file");
  }
  const delimiter = detectDelimiter(allLines[headerIndex]!);
  const header = splitCsvLine(allLines[headerIndex]!, delimiter).map((h) => h.trim());
  while (header.length > 0 && header[header.length - 1] === "") header.pop();
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = headerIndex + 1; i < allLines.length; i++) {
    const line = allLines[i]!;
    if (line.trim() === "") continue;
    rows.push(
      splitCsvLine(line, delimiter)
        .slice(0, header.length)
        .map((c) => c.trim()),
    );
    lines.push(i + 1);
  }
  return { file, header, rows, lines };
}

export async function readCsvFile(file: string): Promise<CsvTable> {
  return parseCsv(decodeText(await readFile(file)), file);
}

/** Index of each required column; a French error naming the file and the missing columns. */
export function requireColumns<K extends string>(table: CsvTable, columns: readonly K[]): Record<K, number> {
  const index = {} as Record<K, number>;
  const missing: string[] = [];
  for (const column of columns) {
    const i = table.header.findIndex((h) => h.toUpperCase() === column.toUpperCase());
    if (i < 0) missing.push(column);
    else index[column] = i;
  }
  if (missing.length > 0) {
    throw new InputError(
      `Fichier ${basename(table.file)} : colonne${missing.length > 1 ? "s" : ""} manquante${missing.length > 1 ? "s" : ""} ` +
        `${missing.join(", ")} (ligne 1, en-tête ; règle : colonnes obligatoires).`,
      table.file,
      "missing-column",
    );
  }
  return index;
}

/** Secret or not-available markers of INSEE and CNAF files: unknown, never zero. */
const UNKNOWN = new Set(["", "s", "nd", "n.d.", "na", "nc", "ns", "secret", "-", "."]);

/**
 * Reads a public count or rate: decimal comma, thousands separators (space, NBSP, U+202F)
 * and secret cells (empty -> null). Anything else that is not a number is an error naming
 * file, line and column (reference data is public, so the cell may be quoted).
 */
export function parseNumber(
  cell: string | undefined,
  where: { file: string; line: number; column: string },
): number | null {
  const raw = (cell ?? "").trim();
  if (UNKNOWN.has(raw.toLowerCase())) return null;
  let s = raw.replace(/[\s\u00A0\u202F\u2009]/g, "");
  if (s.includes(",")) s = s.includes(".") ? s.replace(/,/g, "") : s.replace(",", ".");
  const value = Number(s);
  if (!Number.isFinite(value) || s === "") {
    throw new InputError(
      `Fichier ${basename(where.file)}, ligne ${where.line}, colonne ${where.column} : « ${raw} » n'est pas un nombre (règle : nombre).`,
      where.file,
      "number",
    );
  }
  return value;
}
