import { basename } from "node:path";
import ExcelJS from "exceljs";
import { InputError } from "../contracts.ts";
import { readCsvFile, type CsvTable } from "./csv.ts";

/**
 * Reads a CSV or the first matching sheet of an xlsx as a CsvTable. INSEE xlsx files carry a
 * few title lines above the header: the header is the first row holding `headerCell`.
 */
export async function readTable(file: string, headerCell: string): Promise<CsvTable> {
  if (!/\.xlsx$/i.test(file)) return readCsvFile(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new InputError(
      `Fichier ${basename(file)} illisible comme classeur Excel : ${(error as Error).message} (règle : format xlsx).`,
      file,
      "format",
    );
  }
  for (const sheet of workbook.worksheets) {
    const rows: string[][] = [];
    const lines: number[] = [];
    let header: string[] | null = null;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = (row.values as unknown[]).slice(1).map(cellText);
      if (!header) {
        if (values.some((v) => v.toUpperCase() === headerCell.toUpperCase())) header = values;
        return;
      }
      rows.push(values);
      lines.push(rowNumber);
    });
    if (header) {
      const h = header as string[];
      while (h.length > 0 && h[h.length - 1] === "") h.pop();
      return { file, header: h, rows: rows.map((r) => Array.from({ length: h.length }, (_, i) => r[i] ?? "")), lines };
    }
  }
  throw new InputError(
    `Fichier ${basename(file)} : aucune feuille ne contient la colonne ${headerCell} (règle : colonnes obligatoires).`,
    file,
    "missing-column",
  );
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value.trim();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { result?: unknown; text?: unknown; richText?: { text: string }[] };
    if (v.result !== undefined) return cellText(v.result);
    if (v.richText)
      return v.richText
        .map((t) => t.text)
        .join("")
        .trim();
    if (v.text !== undefined) return cellText(v.text);
  }
  return String(value);
}
