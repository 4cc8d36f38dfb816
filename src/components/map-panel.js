import { html } from "htl";
import { breakdownsOf, rateInputs, yearsOf } from "./cells.js";
import { commentaryBlock } from "./commentary.js";
import { downloadLinks } from "./downloads.js";
import { exportImageButtons } from "./export-image.js";
import { formatValue } from "./format.js";
import { irisMap, zoneState } from "./iris-map.js";
import { cellsByCode } from "./parquet.js";
import { smallBaseNote } from "./small-base.js";
import { sourceLine, sourceText } from "./source-line.js";
import { zoneTable } from "./zone-table.js";

let panels = 0;

/**
 * A map whose indicator, year and breakdown the reader chooses, with everything that must go
 * with it: legend, zoom, small-base warning, source line and dates, the analysts' commentary
 * for the year shown, the sortable table alternative and the downloads. Redraws itself in
 * place (no page reactivity needed), so one call per visual.
 *
 * options: { visual: {id, indicators}, features, cells, catalogue: {indicators}, commentary,
 *   ratios, level ("iris" | "commune"), downloads: {csv, xlsx}, className, zoneWord, years }
 */
export function mapPanel(options) {
  const {
    visual,
    features,
    cells,
    catalogue,
    commentary,
    ratios = {},
    level = "iris",
    downloads,
    className = "iris-map",
    zoneWord = "IRIS",
    years: allowedYears = null,
  } = options;
  const id = `panel-${++panels}`;
  const indicators = visual.indicators.filter(
    (i) =>
      catalogue.indicators[i] &&
      cells.some((c) => c.indicator === i && c.level === level && (!allowedYears || allowedYears.includes(c.year))),
  );
  const state = { indicator: indicators[0], year: null, category: "" };

  const indicatorSelect = html`<select id=${`${id}-indicator`} name="indicator">
    ${indicators.map((i) => html`<option value=${i}>${catalogue.indicators[i].label}</option>`)}
  </select>`;
  const yearSelect = html`<select id=${`${id}-year`} name="year"></select>`;
  const categorySelect = html`<select id=${`${id}-category`} name="category"></select>`;
  const body = html`<div class="map-panel-body" aria-live="polite"></div>`;

  const fillYears = () => {
    // allowedYears: the observatory's editions, the years analysts comment (context data).
    const years = yearsOf(cells, state.indicator).filter((y) => !allowedYears || allowedYears.includes(y));
    if (!years.includes(state.year)) state.year = years.at(-1);
    yearSelect.replaceChildren(
      ...years.map((y) => html`<option value=${y} selected=${y === state.year}>${y}</option>`),
    );
  };
  const fillCategories = () => {
    const options = [html`<option value="">Ensemble</option>`];
    for (const { breakdown, categories } of breakdownsOf(cells, state.indicator)) {
      for (const category of categories)
        options.push(
          html`<option value=${`${breakdown}|${category}`}>
            ${breakdownLabel(breakdown)} : ${categoryLabel(category, breakdown)}
          </option>`,
        );
    }
    if (!options.some((o) => o.value === state.category)) state.category = "";
    categorySelect.replaceChildren(...options);
    categorySelect.value = state.category;
    categorySelect.parentElement?.toggleAttribute("hidden", options.length === 1);
  };

  const render = () => {
    const info = catalogue.indicators[state.indicator];
    const edition = info.editions[state.year];
    const [breakdown, category] = state.category ? state.category.split("|") : ["", ""];
    const byCode = cellsByCode(cells, { indicator: state.indicator, year: state.year, level, breakdown, category });
    const ratio = breakdown === "" ? ratios[state.indicator] : null;
    const inputsOf = (code) => rateInputs(cells, ratio, { year: state.year, level, code });
    const details = (code) => {
      const inputs = inputsOf(code);
      if (!inputs) return "";
      const text = `numérateur ${formatValue(inputs.numerator)}, dénominateur ${formatValue(inputs.denominator)}`;
      return inputs.smallBase ? `${text} (petite base : à lire avec prudence)` : text;
    };
    const title = `${info.label}${category ? ` (${categoryLabel(category, breakdown)})` : ""}, ${state.year}`;
    const map = irisMap(features, byCode, { title, unit: info.unit, details, className, zoneWord });
    const svgMap = map.querySelector("svg");
    const small = ratio
      ? features.filter(
          (f) => zoneState(byCode.get(f.properties.code)) === "value" && inputsOf(f.properties.code)?.smallBase,
        )
      : [];
    body.replaceChildren(
      zoomButtons(svgMap),
      map,
      // Export hook: the map saved as SVG or PNG, with its title, source line and dates drawn in.
      exportImageButtons(svgMap, {
        filename: `${visual.id}-${state.year}`,
        title: visual.title ? `${visual.title} : ${title}` : title,
        source: sourceText(edition),
        unit: info.unit,
      }),
      info.definition ? html`<p class="definition">${info.definition}</p>` : "",
      smallBaseNote(small.map((f) => f.properties.name)),
      sourceLine(edition),
      commentaryBlock(commentary, visual.id, state.year),
      html`<details>
        <summary>Tableau des valeurs par ${zoneWord}</summary>
        ${zoneTable(features, byCode, { unit: info.unit, valueLabel: info.label, zoneLabel: zoneWord })}
        ${sourceLine(edition)}
      </details>`,
      downloads ? downloadLinks(downloads, [edition]) : "",
    );
  };

  indicatorSelect.onchange = () => {
    state.indicator = indicatorSelect.value;
    fillYears();
    fillCategories();
    render();
  };
  yearSelect.onchange = () => {
    state.year = Number(yearSelect.value);
    render();
  };
  categorySelect.onchange = () => {
    state.category = categorySelect.value;
    render();
  };

  const panel = html`<section class="map-panel" data-visual=${visual.id}>
    <div class="panel-controls">
      <label for=${`${id}-indicator`}>Indicateur</label> ${indicatorSelect}
      <label for=${`${id}-year`}>Année d'observation</label> ${yearSelect}
      <span class="category-control"><label for=${`${id}-category`}>Ventilation</label> ${categorySelect}</span>
    </div>
    ${body}
  </section>`;
  fillYears();
  fillCategories();
  render();
  return panel;
}

/**
 * Zoom buttons for keyboard users. Listeners are added in code, never as inline handlers:
 * the site's Content-Security-Policy forbids those.
 */
function zoomButtons(svgMap) {
  const button = (label, action) => {
    const b = html`<button type="button">${label}</button>`;
    b.addEventListener("click", action);
    return b;
  };
  return html`<div class="map-controls" role="group" aria-label="Zoom de la carte">
    ${[
      button("Zoom +", () => svgMap.zoomBy(2)),
      button("Zoom −", () => svgMap.zoomBy(0.5)),
      button("Vue d'ensemble", () => svgMap.zoomReset()),
    ]}
  </div>`;
}

const BREAKDOWNS = {
  sex: "Sexe",
  age: "Âge",
  gir: "GIR",
  living: "Situation familiale",
  "mother-age": "Âge de la mère",
  "birth-rank": "Rang de naissance",
  type: "Type d'aide",
};
const CATEGORIES = {
  F: "femmes",
  M: "hommes",
  alone: "personnes seules",
  couple: "en couple",
  access: "accès (dépôt de garantie)",
  upkeep: "maintien (impayés)",
  unknown: "non renseigné",
  "<75": "moins de 75 ans",
  "75-84": "75 à 84 ans",
  ">=85": "85 ans et plus",
  "<3": "moins de 3 ans",
  ">=3": "3 ans et plus",
  "<20": "moins de 20 ans",
  ">=40": "40 ans et plus",
  "<40": "moins de 40 ans",
  "1-2": "GIR 1 ou 2",
  "3-4": "GIR 3 ou 4",
  1: "1er enfant",
  2: "2e enfant",
};

export const breakdownLabel = (b) => BREAKDOWNS[b] ?? b;
export const categoryLabel = (c, b = "") =>
  (b === "birth-rank" && c === ">=3" ? "3e enfant ou plus" : CATEGORIES[c]) ??
  c.replace(/^(\d+)-(\d+)$/, "$1 à $2 ans").replace(/^(\d+)\+$/, "$1 ans et plus");
