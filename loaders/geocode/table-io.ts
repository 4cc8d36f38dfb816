/**
 * Reading and writing the Protocol 1 tables. Reading goes through the exports' one reader
 * (format by content, encoding per file, zip guard, quoted cells over several lines, bounded
 * time and size); writing neutralises every cell a spreadsheet would run as a formula.
 */
import { writeFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import ExcelJS from "exceljs";
import { formatCsv } from "../common/csv-write.ts";
import { neutraliseRow } from "../security/spreadsheet-safe.ts";
import { InputError } from "../contracts.ts";
import { cellText } from "../exports/parse-value.ts";
import { readTable as readAnyTable } from "../exports/read-table.ts";

export interface Table {
  file: string;
  sheet?: string;
  /** Rows of cell texts; rowNumbers[i] is the 1-based row of rows[i] in the file. */
  rows: string[][];
  rowNumbers: number[];
  /** French notes for the person running the command (hidden sheets not read). */
  notes: string[];
}

export async function readTable(file: string, sheetName?: string): Promise<Table> {
  const table = await readAnyTable(file);
  const name = basename(file);
  const notes: string[] = [];
  const sheet = sheetName
    ? table.sheets.find((s) => s.name === sheetName)
    : table.sheets.find((s) => (s.state ?? "visible") === "visible");
  if (!sheet)
    throw new InputError(
      sheetName
        ? `Fichier ${name} : feuille « ${sheetName} » absente (règle : feuille existante).`
        : `Fichier ${name} : aucune feuille visible (règle : feuille visible ; désignez-la avec --feuille).`,
      file,
      "sheet",
    );
  for (const s of table.sheets)
    if (s !== sheet && (s.state ?? "visible") !== "visible") notes.push(`feuille masquée « ${s.name} » non lue`);
  return {
    file,
    ...(sheet.name !== undefined ? { sheet: sheet.name } : {}),
    rows: sheet.rows.map((row) => row.map((c) => cellText(c))),
    rowNumbers: sheet.rowNumbers,
    notes,
  };
}

function outputKind(file: string): "xlsx" | "csv" {
  const ext = extname(file).toLowerCase();
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv" || ext === ".txt") return "csv";
  throw new InputError(
    `Fichier ${basename(file)} : extension ${ext || "absente"} non reconnue pour la sortie, attendu .xlsx ou .csv (règle : format xlsx ou csv).`,
    file,
    "format",
  );
}

export async function writeTable(file: string, header: string[], rows: Array<Array<string | number>>): Promise<void> {
  if (outputKind(file) === "csv") {
    await writeFile(file, formatCsv([header, ...rows]), "utf8");
    return;
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("IRIS");
  sheet.addRow(header);
  // exceljs writes strings as text, never as formulas; the apostrophe also keeps a later copy to CSV safe.
  for (const row of rows) sheet.addRow(neutraliseRow(row));
  await workbook.xlsx.writeFile(file);
}
