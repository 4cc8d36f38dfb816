/**
 * The observation date and the date of last update, as the partner states them in the title
 * rows above the header ("Date d'observation : 31/12/2015", "Mise à jour le 15/03/2016").
 */
import { stripAccents } from "../common/plain-text.ts";
import { cellText, parseFrenchDate, type RawCell } from "./parse-value.ts";

const OBSERVATION = /observation|arrete|situation au|donnees au|stock au|au 31/;
const UPDATE = /mise a jour|mis a jour|\bmaj\b|actualis|extraction|extrait le/;
const DATE_IN_TEXT =
  /(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:er)?[\s-]+[a-zéèûô]+\.?[\s-]+\d{4})/i;

function findDate(cells: RawCell[], from: number): string | undefined {
  for (let i = from; i < cells.length; i++) {
    const cell = cells[i];
    if (cell instanceof Date || typeof cell === "number") {
      const parsed = parseFrenchDate(cell);
      if (parsed.ok && parsed.value) return parsed.value;
      continue;
    }
    const match = DATE_IN_TEXT.exec(cellText(cell));
    if (match) {
      const parsed = parseFrenchDate(match[1]);
      if (parsed.ok && parsed.value) return parsed.value;
    }
  }
  return undefined;
}

export function datesFromTitleRows(rows: RawCell[][]): { observationDate?: string; lastUpdate?: string } {
  const found: { observationDate?: string; lastUpdate?: string } = {};
  for (const row of rows) {
    row.forEach((cell, i) => {
      const text = stripAccents(cellText(cell)).toLowerCase();
      if (!text) return;
      if (!found.lastUpdate && UPDATE.test(text)) found.lastUpdate = findDate(row, i);
      else if (!found.observationDate && OBSERVATION.test(text)) found.observationDate = findDate(row, i);
    });
  }
  return found;
}
