// @ts-check
import * as Plot from "@observablehq/plot";
import { html } from "htl";
import { findCell, yearsOf } from "./cells.js";
import { commentaryBlock } from "./commentary.js";
import { downloadLinks, visualYears } from "./downloads.js";
import { exportImageButtons } from "./export-image.js";
import { yearSpan } from "./file-names.js";
import { formatChange, formatValue } from "./format.js";
import { plainTable } from "./plain-table.js";
import { combinedSourceLine, combinedSourceText } from "./source-line.js";

/** @typedef {import("./types.js").PageCatalogue} PageCatalogue */
/** @typedef {import("./types.js").PublishedCell} PublishedCell */
/** @typedef {import("./types.js").PublishedCommentary} PublishedCommentary */
/** @typedef {import("./types.js").VisualDefinition} VisualDefinition */
/**
 * @typedef {{year: number, commune?: PublishedCell, communeChange?: PublishedCell,
 *   departement?: PublishedCell, departementChange?: PublishedCell}} EvolutionRow
 */
/** @typedef {{filename: string, title: string, source: string}} ImageOptions */

let charts = 0;

/**
 * One row per year: the commune's and the département's value and their change over a year.
 * @param {PublishedCell[]} cells
 * @param {string} indicator
 * @param {{commune: string, departement: string}} zones
 * @returns {EvolutionRow[]}
 */
export function evolutionRows(cells, indicator, { commune, departement }) {
  return yearsOf(cells, indicator).map((year) => {
    const at = (/** @type {string} */ level, /** @type {string} */ code, id = indicator) =>
      findCell(cells, { indicator: id, year, level, code });
    return {
      year,
      commune: at("commune", commune),
      communeChange: at("commune", commune, `${indicator}-evolution`),
      departement: at("departement", departement),
      departementChange: at("departement", departement, `${indicator}-evolution`),
    };
  });
}

/** @param {PublishedCell | undefined} cell @returns {cell is PublishedCell & {value: number}} */
const shown = (cell) => !!cell && !cell.secret && cell.value !== null;

/**
 * A small line chart of one zone over the years (Plot), with its own text alternative.
 * @param {EvolutionRow[]} rows
 * @param {"commune" | "departement"} key
 * @param {string} name
 * @param {string} unit
 * @param {ImageOptions | null} image
 * @param {[number, number] | undefined} domain
 */
function zoneChart(rows, key, name, unit, image, domain) {
  /** @type {{year: string, value: number}[]} */
  const points = rows.flatMap((r) => {
    const cell = r[key];
    return shown(cell) ? [{ year: String(r.year), value: cell.value }] : [];
  });
  if (points.length === 0) return html`<p>${name} : aucune valeur publiée.</p>`;
  const chart = Plot.plot({
    width: 300,
    height: 180,
    marginLeft: 60,
    x: { type: "point", label: "Année" },
    y: {
      grid: true,
      label: null,
      zero: true,
      domain,
      tickFormat: (/** @type {number} */ v) => formatValue(v, { unit }),
    },
    marks: [
      Plot.line(points, { x: "year", y: "value", stroke: "#1b4f72" }),
      Plot.dot(points, { x: "year", y: "value", fill: "#1b4f72" }),
      Plot.text(points, {
        x: "year",
        y: "value",
        text: (/** @type {{value: number}} */ d) => formatValue(d.value, { unit }),
        dy: -10,
      }),
    ],
  });
  // The chart is one image with one text alternative: Plot's labels on its inner groups are
  // not allowed there (axe: aria-prohibited-attr).
  for (const element of chart.querySelectorAll("[aria-label]")) element.removeAttribute("aria-label");
  chart.setAttribute("role", "img");
  chart.setAttribute(
    "aria-label",
    `${name} : ${points.map((p) => `${p.year}, ${formatValue(p.value, { unit })}`).join(" ; ")}.`,
  );
  // Export hook: each chart saved as SVG or PNG, with its source lines and dates drawn in.
  const buttons = image
    ? exportImageButtons(
        chart,
        /** @type {any} */ ({
          filename: `${image.filename}-${key}`,
          title: `${image.title}, ${name}`,
          source: image.source,
          unit,
        }),
      )
    : "";
  return html`<figure class="evolution-chart">
    <figcaption>${name}</figcaption>
    ${chart}${buttons}
  </figure>`;
}

/**
 * Evolution between years of the commune and the département for one indicator chosen by the
 * reader: two small charts (their sizes differ too much for one axis) and the table of values
 * and yearly changes, signed.
 * @param {object} options
 * @param {VisualDefinition} options.visual
 * @param {PublishedCell[]} options.cells
 * @param {PageCatalogue} options.catalogue
 * @param {PublishedCommentary | null} options.commentary
 * @param {PageCatalogue["territory"]} options.territory
 * @param {{csv: string, xlsx: string}} [options.downloads]
 */
export function evolutionPanel({ visual, cells, catalogue, commentary, territory, downloads }) {
  const id = `evolution-${++charts}`;
  const indicators = visual.indicators.filter((i) => catalogue.indicators[i]);
  const select = html`<select id=${id} name="indicator">
    ${indicators.map((i) => html`<option value=${i}>${catalogue.indicators[i].label}</option>`)}
  </select>`;
  const body = html`<div aria-live="polite"></div>`;
  const render = () => {
    const indicator = select.value;
    const info = catalogue.indicators[indicator];
    if (!info) return;
    const rows = evolutionRows(cells, indicator, { commune: territory.commune, departement: territory.departement });
    const year = rows.at(-1)?.year ?? 0;
    const editions = rows.flatMap((r) => [
      info.editions[r.year],
      catalogue.indicators[`${indicator}-evolution`]?.editions[r.year],
    ]);
    const image = {
      // The years the chart spans (2015-2016), not only its last.
      filename: `${visual.id}-${yearSpan(rows.map((r) => r.year))}`,
      title: `${visual.title ?? info.label} : ${info.label}`,
      source: combinedSourceText(editions),
    };
    // Small multiples of rates and shares share their y-scale, so the two zones compare at a
    // glance; counts of a commune and a département differ twentyfold and keep their own.
    const sharedValues = rows.flatMap((r) => [r.commune, r.departement].flatMap((c) => (shown(c) ? [c.value] : [])));
    /** @type {[number, number] | undefined} */
    const sharedDomain =
      (info.unit === "rate" || info.unit === "share") && sharedValues.length
        ? [0, Math.max(...sharedValues)]
        : undefined;
    body.replaceChildren(
      html`<div class="evolution-charts">
        ${zoneChart(rows, "commune", territory.communeName, info.unit, image, sharedDomain)}${zoneChart(rows, "departement", territory.departementName, info.unit, image, sharedDomain)}
      </div>`,
      plainTable({
        className: "evolution-table",
        caption: `${info.label} : valeurs et évolution sur un an`,
        columns: ["Année", territory.communeName, "Évolution", territory.departementName, "Évolution"],
        rows: rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${r.year}</th>
              <td class="num">
                ${formatValue(r.commune?.value ?? null, { unit: info.unit, secret: r.commune?.secret })}
              </td>
              <td class="num">${formatChange(r.communeChange)}</td>
              <td class="num">
                ${formatValue(r.departement?.value ?? null, { unit: info.unit, secret: r.departement?.secret })}
              </td>
              <td class="num">${formatChange(r.departementChange)}</td>
            </tr>`,
        ),
      }),
      combinedSourceLine(editions),
      commentaryBlock(commentary, visual.id, year),
      downloads ? downloadLinks(downloads, visualYears(visual, catalogue)) : "",
    );
  };
  select.onchange = render;
  render();
  return html`<section class="evolution-panel" data-visual=${visual.id}>
    <div class="panel-controls"><label for=${id}>Indicateur</label> ${select}</div>
    ${body}
  </section>`;
}
