import * as Plot from "@observablehq/plot";
import { html } from "htl";
import { findCell, yearsOf } from "./cells.js";
import { commentaryBlock } from "./commentary.js";
import { downloadLinks, visualYears } from "./downloads.js";
import { exportImageButtons } from "./export-image.js";
import { formatValue } from "./format.js";
import { sourceLine, sourceText } from "./source-line.js";

let comparisons = 0;

/** Rates and shares compare across zones of any size; counts do not (they are shown as a table only). */
export const comparable = (unit) => unit === "rate" || unit === "share" || unit === "evolution";

/** The rows of a comparison: the chosen IRIS (if any), the commune, the département. */
export function comparisonRows(cells, { indicator, year, iris, irisName, territory }) {
  const rows = [];
  if (iris)
    rows.push({
      zone: `IRIS ${irisName}`,
      level: "iris",
      cell: findCell(cells, { indicator, year, level: "iris", code: iris }),
    });
  rows.push({
    zone: territory.communeName,
    level: "commune",
    cell: findCell(cells, { indicator, year, level: "commune", code: territory.commune }),
  });
  rows.push({
    zone: territory.departementName,
    level: "departement",
    cell: findCell(cells, { indicator, year, level: "departement", code: territory.departement }),
  });
  return rows;
}

/**
 * IRIS / commune / département for one indicator and year chosen by the reader.
 * options: { visual, cells, catalogue, commentary, territory, iris (features' properties, optional), downloads }
 */
export function comparisonPanel({ visual, cells, catalogue, commentary, territory, iris = [], downloads }) {
  const id = `comparison-${++comparisons}`;
  const indicators = visual.indicators.filter((i) => catalogue.indicators[i] && cells.some((c) => c.indicator === i));
  const indicatorSelect = html`<select id=${`${id}-indicator`} name="indicator">
    ${indicators.map((i) => html`<option value=${i}>${catalogue.indicators[i].label}</option>`)}
  </select>`;
  const yearSelect = html`<select id=${`${id}-year`} name="year"></select>`;
  const sortedIris = [...iris].sort((a, b) => a.name.localeCompare(b.name, "fr"));
  const irisSelect = html`<select id=${`${id}-iris`} name="iris">
    <option value="">(aucun)</option>
    ${sortedIris.map((i) => html`<option value=${i.code}>${i.name}</option>`)}
  </select>`;
  const body = html`<div aria-live="polite"></div>`;
  const fillYears = () => {
    const years = yearsOf(cells, indicatorSelect.value);
    yearSelect.replaceChildren(
      ...years.map((y) => html`<option value=${y} selected=${y === years.at(-1)}>${y}</option>`),
    );
    const hasIris = cells.some((c) => c.indicator === indicatorSelect.value && c.level === "iris");
    irisSelect.parentElement?.toggleAttribute("hidden", !hasIris);
  };
  const render = () => {
    const indicator = indicatorSelect.value;
    const year = Number(yearSelect.value);
    const info = catalogue.indicators[indicator];
    const hasIris = cells.some((c) => c.indicator === indicator && c.level === "iris");
    const code = hasIris ? irisSelect.value : "";
    const rows = comparisonRows(cells, {
      indicator,
      year,
      iris: code,
      irisName: iris.find((i) => i.code === code)?.name,
      territory,
    });
    const drawable = rows.filter((r) => r.cell && !r.cell.secret && r.cell.value !== null);
    let chart = "";
    if (comparable(info.unit) && drawable.length) {
      chart = Plot.plot({
        width: 560,
        height: 40 + 36 * drawable.length,
        marginLeft: 190,
        x: {
          grid: true,
          label: info.unit === "share" ? "%" : null,
          tickFormat: (v) => formatValue(v, { unit: info.unit }),
        },
        y: { label: null },
        marks: [
          Plot.barX(drawable, { y: "zone", x: (r) => r.cell.value, fill: "#2171b5", sort: null }),
          Plot.text(drawable, {
            y: "zone",
            x: (r) => r.cell.value,
            text: (r) => formatValue(r.cell.value, { unit: info.unit }),
            dx: 4,
            textAnchor: "start",
          }),
          Plot.ruleX([0]),
        ],
      });
      // The chart is one image with one text alternative: Plot's labels on its inner groups are
      // not allowed there (axe: aria-prohibited-attr).
      for (const element of chart.querySelectorAll("[aria-label]")) element.removeAttribute("aria-label");
      chart.setAttribute("role", "img");
      chart.setAttribute(
        "aria-label",
        `${info.label}, ${year} : ${drawable.map((r) => `${r.zone} ${formatValue(r.cell.value, { unit: info.unit })}`).join(" ; ")}.`,
      );
    }
    body.replaceChildren(
      chart,
      // Export hook: the bar chart saved as SVG or PNG, with its source line and dates drawn in.
      chart instanceof SVGSVGElement
        ? exportImageButtons(chart, {
            filename: `${visual.id}-${year}`,
            title: `${visual.title ?? info.label} : ${info.label}, ${year}`,
            source: sourceText(info.editions[year]),
            unit: info.unit,
          })
        : "",
      html`<table class="comparison-table">
        <caption>
          ${info.label}, ${year}
        </caption>
        <thead>
          <tr>
            <th scope="col">Zone</th>
            <th scope="col">Valeur</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr data-level=${r.level}>
                <th scope="row">${r.zone}</th>
                <td class="num">${formatValue(r.cell?.value ?? null, { unit: info.unit, secret: r.cell?.secret })}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
      comparable(info.unit)
        ? ""
        : html`<p class="definition">
            Effectifs : ils dépendent de la taille de chaque zone ; comparez plutôt les taux.
          </p>`,
      sourceLine(info.editions[year]),
      commentaryBlock(commentary, visual.id, year),
      downloads ? downloadLinks(downloads, [info.editions[year]], visualYears(visual, catalogue)) : "",
    );
  };
  indicatorSelect.onchange = () => {
    fillYears();
    render();
  };
  yearSelect.onchange = render;
  irisSelect.onchange = render;
  const panel = html`<section class="comparison-panel" data-visual=${visual.id}>
    <div class="panel-controls">
      <label for=${`${id}-indicator`}>Indicateur</label> ${indicatorSelect}
      <label for=${`${id}-year`}>Année d'observation</label> ${yearSelect}
      <span><label for=${`${id}-iris`}>IRIS</label> ${irisSelect}</span>
    </div>
    ${body}
  </section>`;
  fillYears();
  render();
  return panel;
}
