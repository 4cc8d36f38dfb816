/**
 * Formula injection ("CSV injection"): a cell whose text starts with =, +, -, @ (or a tab or
 * carriage return, which some spreadsheets strip before reading the rest) is run as a formula
 * when an analyst opens the file in Excel or LibreOffice. A partner's label, a commentary or
 * a commune name written back into a CSV or XLSX must therefore be neutralised: a leading
 * apostrophe makes the spreadsheet show it as text (OWASP's recommendation). Numbers stay
 * numbers: "-3" as a number is not text and is not touched.
 */

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** True when a text cell would be read as a formula by a spreadsheet. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** A text cell made inert for spreadsheets; any other value is returned unchanged. */
export function neutraliseCell<T>(value: T): T | string {
  if (typeof value !== "string") return value;
  return looksLikeFormula(value) ? `'${value}` : value;
}

/** Every cell of a row, neutralised (for CSV and XLSX writers alike). */
export function neutraliseRow<T>(row: readonly T[]): (T | string)[] {
  return row.map((cell) => neutraliseCell(cell));
}
