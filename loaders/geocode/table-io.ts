import { splitCsvLine } from "../common/csv-line.ts";
/**
 * Reading and writing the Protocol 1 tables (xlsx through exceljs, or delimited text). Old
 * binary .xls files are refused: exceljs cannot read them and a silent conversion could lose
 * rows.
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import ExcelJS from "exceljs";
import { InputError } from "../contracts.ts";
import { decodeText } from "../reference/csv.ts";

export interface Table {
  file: string;
  sheet?: string;
  /** Rows of cell texts; rowNumbers[i] is the 1-based row of rows[i] in the file. */
  rows: string[][];
  rowNumbers: number[];
}

function kindOf(file: string): "xlsx" | "csv" {
  const ext = extname(file).toLowerCase();
  if (ext === ".xls") {
    throw new InputError(
      `Fichier ${basename(file)} : le format .xls (Excel 97-2003) n'est pas lu. Enregistrez-le en .xlsx ou en .csv (séparateur « ; ») puis relancez (règle : format xlsx ou csv).`,
      file,
      "format",
    );
  }
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv" || ext === ".txt") return "csv";
  throw new InputError(
    `Fichier ${basename(file)} : extension ${ext || "absente"} non reconnue, attendu .xlsx ou .csv (règle : format xlsx ou csv).`,
    file,
    "format",
  );
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return value.result === undefined || value.result === null ? "" : String(value.result);
    return "";
  }
  return String(value);
}

export async function readTable(file: string, sheetName?: string): Promise<Table> {
  if (kindOf(file) === "csv") {
    const text = decodeText(await readFile(file));
    const lines = text.split(/\r\n|\n|\r/);
    const first = lines.find((l) => l.trim() !== "") ?? "";
    const delimiter = [";", "\t", ","]
      .map((d) => [d, first.split(d).length] as const)
      .sort((a, b) => b[1] - a[1])[0]![0];
    const rows: string[][] = [];
    const rowNumbers: number[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      rows.push(splitCsvLine(line, delimiter).map((c) => c.trim()));
      rowNumbers.push(i + 1);
    });
    return { file, rows, rowNumbers };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new InputError(
      `Fichier ${basename(file)} : classeur xlsx illisible (${(error as Error).message}) (règle : format xlsx).`,
      file,
      "format",
    );
  }
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    throw new InputError(
      `Fichier ${basename(file)} : feuille « ${sheetName ?? "1"} » absente (règle : feuille existante).`,
      file,
      "sheet",
    );
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push(cells);
    rowNumbers.push(rowNumber);
  });
  return { file, sheet: sheet.name, rows, rowNumbers };
}

export async function writeTable(file: string, header: string[], rows: Array<Array<string | number>>): Promise<void> {
  if (kindOf(file) === "csv") {
    const escape = (v: string | number) => {
      const s = String(v);
      return /[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    await writeFile(file, [header, ...rows].map((r) => r.map(escape).join(";")).join("\n") + "\n", "utf8");
    return;
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("IRIS");
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}
