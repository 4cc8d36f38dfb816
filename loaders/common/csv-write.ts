/**
 * The project's one CSV writer, for files a person opens in a spreadsheet: ";" by default,
 * quotes where needed, and text that a spreadsheet would evaluate as a formula neutralised
 * by the security module's rule (a leading apostrophe). Numbers stay numbers, written the
 * way the caller asks (French spreadsheets want a decimal comma).
 */
import { neutraliseCell } from "../security/spreadsheet-safe.ts";

export type CsvValue = string | number | null | undefined;

export interface CsvFormat {
  separator?: ";" | "," | "\t";
  /** How numbers are written (French spreadsheets want a decimal comma). */
  formatNumber?: (n: number) => string;
}

function csvField(value: CsvValue, format: CsvFormat = {}): string {
  if (value === null || value === undefined) return "";
  const separator = format.separator ?? ";";
  const text = typeof value === "number" ? (format.formatNumber ?? String)(value) : neutraliseCell(value);
  return text.includes(separator) || /["\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to CSV text for French spreadsheets: BOM, CRLF, one line per row. */
export function formatCsv(rows: readonly (readonly CsvValue[])[], format: CsvFormat = {}): string {
  const separator = format.separator ?? ";";
  return `\uFEFF${rows.map((row) => row.map((v) => csvField(v, format)).join(separator)).join("\r\n")}\r\n`;
}
