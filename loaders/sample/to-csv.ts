/**
 * The same sample as a partner's CSV export (Windows-1252 and ";" by default, as Excel
 * "CSV (séparateur : point-virgule)" writes it), to check both readers give the same rows.
 */
import { writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

export interface CsvOptions {
  encoding?: "windows-1252" | "utf-8" | "utf-8-bom";
  separator?: ";" | "," | "\t";
}

const pad = (n: number) => String(n).padStart(2, "0");

function cellToText(value: unknown): string {
  if (value === null || value === undefined) return "";
  // Excel writes a formatted date cell as the text it displays.
  if (value instanceof Date)
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  if (typeof value === "object" && "result" in (value as object))
    return cellToText((value as { result: unknown }).result);
  return String(value);
}

function quote(text: string, sep: string): string {
  return /["\r\n]/.test(text) || text.includes(sep) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function linesToCsv(lines: unknown[][], separator: string): string {
  return lines.map((cells) => cells.map((c) => quote(cellToText(c), separator)).join(separator)).join("\r\n") + "\r\n";
}

export function encodeCsv(text: string, encoding: CsvOptions["encoding"] = "windows-1252"): Buffer {
  if (encoding === "utf-8") return Buffer.from(text, "utf8");
  if (encoding === "utf-8-bom") return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
  return iconv.encode(text, "win1252");
}

export async function xlsxToCsv(xlsxPath: string, csvPath: string, opts: CsvOptions = {}): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  const sheet = workbook.worksheets[0]!;
  const lines: unknown[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const values = (sheet.getRow(r).values as unknown[]) ?? [];
    lines.push(values.slice(1));
  }
  await writeFile(csvPath, encodeCsv(linesToCsv(lines, opts.separator ?? ";"), opts.encoding));
}
