/**
 * The header block every download opens with (Articles 6 and 7: a table copied out of the
 * site keeps its title, what it measures, its source and its dates): the visual's title, each
 * indicator's definition and unit, the source lines with their dates, and what « s » means.
 * Written once at the top of the file, never repeated on every row.
 */
import { OPEN_LICENCE } from "../reference/sources.ts";

export interface IndicatorYearEdition {
  sources: string[];
  observationDate: string | null;
  lastUpdate: string | null;
}

/** What « s » means, in every download and in the explorer's exports. */
export const SECRET_NOTE =
  "« s » : secret statistique (moins de 5 personnes, zone de moins de 100 habitants, ou case qui permettrait de les recalculer). Case vide : donnée non disponible.";

export const UNITS: Record<string, string> = {
  count: "effectif",
  amount: "effectif (places ou enfants)",
  rate: "taux",
  share: "part (%)",
  evolution: "évolution (%)",
};

/**
 * The unit of an indicator in a download: its own words when it has them (the context tables:
 * a median income is in euros, a poverty rate a share of people), else the words of its kind.
 * « amount » alone cannot say whether it counts places, children or euros.
 */
export const unitWords = (indicator: { unitLabel?: string } | undefined, unit: string): string =>
  indicator?.unitLabel ?? UNITS[unit] ?? unit;

/** "31/12/2016" from "2016-12-31": the date as a French reader writes it. */
export const frenchDate = (iso: string | null | undefined): string =>
  iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : "non précisée";

/**
 * A source as a download cites it: public producers (INSEE, CNAF, IGN) with their licence, as
 * Etalab's licence asks; the Département's line, which opens with "Source", word for word
 * (the same rule as the pages' source-line.js).
 */
export const attributed = (source: string): string =>
  source.startsWith("Source ") || source.includes("Licence Ouverte") ? source : `${source} — ${OPEN_LICENCE}`;

/** One source line per year: "2016 : <sources> (données au 31/12/2016, mise à jour du …)". */
export function sourceLinesOf(editions: Record<number, IndicatorYearEdition>): string[] {
  return Object.entries(editions).map(([year, edition]) => {
    const dates = [
      `données au ${frenchDate(edition.observationDate)}`,
      ...(edition.lastUpdate ? [`mise à jour du ${frenchDate(edition.lastUpdate)}`] : []),
    ];
    return `${year} : ${edition.sources.map(attributed).join(" ; ")} (${dates.join(", ")})`;
  });
}

export interface HeaderBlockInput {
  title: string;
  /** Label, definition and unit of each indicator the file holds. */
  indicators: { label: string; definition?: string; unit: string; unitLabel?: string }[];
  /** Source lines with their dates. */
  sources: string[];
}

/** Rows of two cells (field, text) in reading order. */
export function headerBlock(input: HeaderBlockInput): [string, string][] {
  const rows: [string, string][] = [["Titre", input.title]];
  for (const indicator of input.indicators) {
    rows.push(["Libellé", indicator.label]);
    if (indicator.definition) rows.push(["Définition", indicator.definition]);
    rows.push(["Unité", unitWords(indicator, indicator.unit)]);
  }
  for (const line of [...new Set(input.sources)]) rows.push(["Source", line]);
  rows.push(["Secret", SECRET_NOTE]);
  return rows;
}
