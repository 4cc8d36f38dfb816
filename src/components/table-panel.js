// @ts-check
import { html } from "htl";
import { unitText } from "./format.js";
import { categoryLabel } from "./map-panel.js";
import { cellsByCode } from "./parquet.js";
import { pageMarking, saveButtons, SECRET_NOTE } from "./result-downloads.js";
import { sourceLine, sourceText } from "./source-line.js";
import { zoneTable } from "./zone-table.js";

/** @typedef {import("./types.js").PageCatalogue} PageCatalogue */
/** @typedef {import("./types.js").PublishedCell} PublishedCell */
/** @typedef {import("./types.js").VisualDefinition} VisualDefinition */
/** @typedef {import("./types.js").ZoneFeature} ZoneFeature */

/**
 * The zones a table lists: the IRIS of the commune, or the commune beside its département
 * (their cells sit at two levels, so they are keyed by code into one map).
 * @param {PublishedCell[]} cells
 * @param {{indicator: string, year: number, level: "iris" | "commune", breakdown: string, category: string}} where
 * @param {ZoneFeature[]} iris
 * @param {PageCatalogue["territory"]} territory
 * @returns {{features: ZoneFeature[], byCode: Map<string, PublishedCell>}}
 */
export function tableZones(cells, where, iris, territory) {
  if (where.level === "iris") return { features: iris, byCode: cellsByCode(cells, where) };
  const zone = (/** @type {string} */ code, /** @type {string} */ name) =>
    /** @type {ZoneFeature} */ ({
      type: "Feature",
      properties: { code, name },
      geometry: { type: "Point", coordinates: [0, 0] },
    });
  return {
    features: [zone(territory.commune, territory.communeName), zone(territory.departement, territory.departementName)],
    byCode: new Map([
      ...cellsByCode(cells, { ...where, level: "commune" }),
      ...cellsByCode(cells, { ...where, level: "departement" }),
    ]),
  };
}

/** Rows an IRIS table of an analysis shows before it is unfolded, when its prose names no IRIS. */
export const FOLDED_ROWS = 10;

/**
 * A table of one indicator by zone for one year (an analysis page's ::tableau): the same
 * sortable table as under every map, with its definition, source line and dates, and the
 * download of exactly its rows (never another year, zone or category). An IRIS table opens
 * folded on the IRIS the analysis names, or on its first rows: 54 rows at once buried the
 * prose that follows; it unfolds with a button, and prints whole (a meeting document has no
 * button, and partners look for their own quartier in it).
 * @param {object} options
 * @param {VisualDefinition} options.visual
 * @param {PublishedCell[]} options.cells
 * @param {PageCatalogue} options.catalogue
 * @param {ZoneFeature[]} options.iris
 * @param {PageCatalogue["territory"]} options.territory
 * @param {"iris" | "commune"} options.level
 * @param {number} options.year the analysis's year (the latest published year before it when absent)
 * @param {string} [options.category] "breakdown|category", or "" for the whole population
 * @param {string[]} [options.cited] codes of the IRIS the analysis names (citedZones)
 */
export function tablePanel({ visual, cells, catalogue, iris, territory, level, year, category = "", cited = [] }) {
  const indicator = visual.indicators[0] ?? "";
  const info = catalogue.indicators[indicator];
  if (!info) return html`<p class="muted">Indicateur non publié : ${indicator}.</p>`;
  const years = info.years.map(Number).filter((y) => y <= year);
  const shownYear = years.includes(year) ? year : (years.at(-1) ?? year);
  const [breakdown = "", part = ""] = category ? category.split("|") : [];
  const { features, byCode } = tableZones(
    cells,
    { indicator, year: shownYear, level, breakdown, category: part },
    iris,
    territory,
  );
  const edition = info.editions[shownYear];
  const zoneWord = level === "iris" ? "IRIS" : "Territoire";
  const title = `${info.label}${part ? ` (${categoryLabel(part, breakdown)})` : ""}, ${shownYear}`;
  const rows = features.map((f) => {
    const cell = byCode.get(f.properties.code);
    return {
      zone: f.properties.name,
      code: f.properties.code,
      indicateur: indicator,
      annee: shownYear,
      valeur: cell?.secret ? "s" : (cell?.value ?? null),
    };
  });
  const header = [
    ...(pageMarking() ? [["Diffusion", pageMarking()]] : []),
    ["Titre", `${title} — Observatoire ABS`],
    ...(info.definition ? [["Définition", info.definition]] : []),
    ["Unité", unitText(info.unit, info.per, info.label)],
    ...(edition ? [["Source", sourceText(edition)]] : []),
    ["Secret", SECRET_NOTE],
  ];
  const fold = level === "iris" ? { count: FOLDED_ROWS, cited } : undefined;
  const section = html`<section class="table-panel" data-visual=${visual.id} data-level=${level}>
    <h3>${title}</h3>
    ${zoneTable(features, byCode, { unit: info.unit, valueLabel: info.label, zoneLabel: zoneWord, fold })}
    ${info.definition ? html`<p class="definition">${info.definition}</p>` : ""} ${edition ? sourceLine(edition) : ""}
    ${saveButtons(
      { fields: ["zone", "code", "indicateur", "annee", "valeur"], rows, header },
      {
        lead: "Télécharger ce tableau (toutes ses lignes, avec titre, définition et source) : ",
        stem: visual.id,
        years: [shownYear],
      },
    )}
  </section>`;
  // What the table shows, as the map panel exposes it (the preview's citation helper reads it).
  Object.defineProperty(section, "selection", { get: () => ({ indicator, year: shownYear, category }) });
  return section;
}
