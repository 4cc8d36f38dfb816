import * as Plot from "@observablehq/plot";
import { html } from "htl";
import { findCell, yearsOf } from "./cells.js";
import { commentaryBlock } from "./commentary.js";
import { downloadLinks, visualYears } from "./downloads.js";
import { exportImageButtons } from "./export-image.js";
import { yearSpan } from "./file-names.js";
import { formatValue } from "./format.js";
import { sourceLines, sourceText } from "./source-line.js";

let charts = 0;

/** One row per year: the commune's and the département's value and their change over a year. */
export function evolutionRows(cells, indicator, { commune, departement }) {
  return yearsOf(cells, indicator).map((year) => {
    const at = (level, code, id = indicator) => findCell(cells, { indicator: id, year, level, code });
    return {
      year,
      commune: at("commune", commune),
      communeChange: at("commune", commune, `${indicator}-evolution`),
      departement: at("departement", departement),
      departementChange: at("departement", departement, `${indicator}-evolution`),
    };
  });
}

const shown = (cell) => cell && !cell.secret && cell.value !== null;

/** A small line chart of one zone over the years (Plot), with its own text alternative. */
function zoneChart(rows, key, name, unit, image, domain) {
  const points = rows.filter((r) => shown(r[key])).map((r) => ({ year: String(r.year), value: r[key].value }));
  if (points.length === 0) return html`<p>${name} : aucune valeur publiée.</p>`;
  const chart = Plot.plot({
    width: 300,
    height: 180,
    marginLeft: 60,
    x: { type: "point", label: "Année" },
    y: { grid: true, label: null, zero: true, domain, tickFormat: (v) => formatValue(v, { unit }) },
    marks: [
      Plot.line(points, { x: "year", y: "value", stroke: "#1b4f72" }),
      Plot.dot(points, { x: "year", y: "value", fill: "#1b4f72" }),
      Plot.text(points, { x: "year", y: "value", text: (d) => formatValue(d.value, { unit }), dy: -10 }),
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
    ? exportImageButtons(chart, {
        filename: `${image.filename}-${key}`,
        title: `${image.title}, ${name}`,
        source: image.source,
        unit,
      })
    : "";
  return html`<figure class="evolution-chart">
    <figcaption>${name}</figcaption>
    ${chart}${buttons}
  </figure>`;
}

/**
 * Evolution between years of the commune and the département for one indicator chosen by the
 * reader: two small charts (their sizes differ too much for one axis) and the table of values
 * and yearly changes. options: { visual, cells, catalogue, commentary, territory, downloads }
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
    const rows = evolutionRows(cells, indicator, { commune: territory.commune, departement: territory.departement });
    const year = rows.at(-1)?.year;
    const editions = rows.flatMap((r) => [
      info.editions[r.year],
      catalogue.indicators[`${indicator}-evolution`]?.editions[r.year],
    ]);
    const image = {
      // The years the chart spans (2015-2016), not only its last.
      filename: `${visual.id}-${yearSpan(rows.map((r) => r.year))}`,
      title: `${visual.title ?? info.label} : ${info.label}`,
      source: [...new Set(editions.filter(Boolean).map(sourceText))].join(" "),
    };
    // Small multiples of rates and shares share their y-scale, so the two zones compare at a
    // glance; counts of a commune and a département differ twentyfold and keep their own.
    const sharedValues = rows
      .flatMap((r) => [r.commune, r.departement])
      .filter(shown)
      .map((c) => c.value);
    const sharedDomain =
      (info.unit === "rate" || info.unit === "share") && sharedValues.length
        ? [0, Math.max(...sharedValues)]
        : undefined;
    const change = (cell) => (cell ? `${formatValue(cell.value, { unit: "evolution", secret: cell.secret })} %` : "—");
    body.replaceChildren(
      html`<div class="evolution-charts">
        ${zoneChart(rows, "commune", territory.communeName, info.unit, image, sharedDomain)}${zoneChart(rows, "departement", territory.departementName, info.unit, image, sharedDomain)}
      </div>`,
      html`<table class="evolution-table">
        <caption>
          ${info.label} : valeurs et évolution sur un an
        </caption>
        <thead>
          <tr>
            <th scope="col">Année</th>
            <th scope="col">${territory.communeName}</th>
            <th scope="col">Évolution</th>
            <th scope="col">${territory.departementName}</th>
            <th scope="col">Évolution</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                <th scope="row">${r.year}</th>
                <td class="num">
                  ${formatValue(r.commune?.value ?? null, { unit: info.unit, secret: r.commune?.secret })}
                </td>
                <td class="num">${change(r.communeChange)}</td>
                <td class="num">
                  ${formatValue(r.departement?.value ?? null, { unit: info.unit, secret: r.departement?.secret })}
                </td>
                <td class="num">${change(r.departementChange)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
      sourceLines(editions),
      commentaryBlock(commentary, visual.id, year),
      downloads ? downloadLinks(downloads, editions, visualYears(visual, catalogue)) : "",
    );
  };
  select.onchange = render;
  render();
  return html`<section class="evolution-panel" data-visual=${visual.id}>
    <div class="panel-controls"><label for=${id}>Indicateur</label> ${select}</div>
    ${body}
  </section>`;
}
