/**
 * Reading and writing the Protocol 1 tables. Reading goes through the exports' one reader
 * (format by content, encoding per file, zip guard, quoted cells over several lines, bounded
 * time and size); writing neutralises every cell a spreadsheet would run as a formula: in CSV
 * with a leading apostrophe, in XLSX by typing the cell as text (the identifier stays intact).
 */
import { writeFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import ExcelJS from "exceljs";
import { formatCsv } from "../common/csv-write.ts";
import { InputError } from "../contracts.ts";
import { cellText } from "../exports/parse-value.ts";
import { readTable as readAnyTable } from "../exports/read-table.ts";
import { describeEncoding } from "../exports/decode-text.ts";
import { columnLetter } from "../exports/read-export.ts";

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
    if (s !== sheet && (s.state ?? "visible") !== "visible") notes.push(`feuille masquée « ${s.name} » non lue.`);
  const encoding = table.encodingDecision ? describeEncoding(table.encodingDecision) : null;
  if (encoding) notes.push(encoding);
  for (const { line, column } of table.strayCells ?? [])
    notes.push(
      `ligne ${line}, colonne ${columnLetter(column)} : octet isolé hors UTF-8, lu en Windows-1252 ; vérifiez l'accent de cette cellule (règle octet-hors-utf8).`,
    );
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
  // An xlsx cell holding a string is typed text (t="s"): no spreadsheet evaluates it, so the
  // identifier is written exactly as the partner sent it and joins back to its person. The
  // apostrophe is for CSV only, the one format where a spreadsheet reads "=..." as a formula.
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}
