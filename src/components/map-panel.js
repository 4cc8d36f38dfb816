// @ts-check
import { html } from "htl";
import { breakdownsOf, rateInputs, yearsOf } from "./cells.js";
import { commentaryBlock } from "./commentary.js";
import { downloadLinks, visualYears } from "./downloads.js";
import { exportImageButtons } from "./export-image.js";
import { formatValue } from "./format.js";
import { drawsCircles, irisMap, zoneState } from "./iris-map.js";
import { cellsByCode } from "./parquet.js";
import { placeSearch } from "./place-search.js";
import { loadArrondissements, loadCommunes, loadPlaces } from "./published.js";
import { smallBaseNote } from "./small-base.js";
import { sourceLine, sourceText } from "./source-line.js";
import { linkButton, readViewState, viewUrl, writeViewState } from "./url-state.js";
import { zoneTable } from "./zone-table.js";

/** @typedef {import("./types.js").PageCatalogue} PageCatalogue */
/** @typedef {import("./types.js").PublishedCell} PublishedCell */
/** @typedef {import("./types.js").PublishedCommentary} PublishedCommentary */
/** @typedef {import("./types.js").PublishedRatios} PublishedRatios */
/** @typedef {import("./types.js").VisualDefinition} VisualDefinition */
/** @typedef {import("./types.js").ZoneFeature} ZoneFeature */

let panels = 0;

/** The profile page of an IRIS, from a page at the site's root. @param {string} code */
export const irisProfileHref = (code) => `./iris/${code}`;

/**
 * A map whose indicator, year and breakdown the reader chooses, with everything that must go
 * with it: a search box, legend, zoom, small-base warning, source line and dates, the
 * analysts' commentary for the year shown, the sortable table alternative and the downloads.
 * Redraws itself in place (no page reactivity needed), so one call per visual. The view
 * (indicator, year, breakdown, highlighted zones) lives in the page address.
 *
 * The returned section exposes `selection`: {indicator, year, category, zones}, and fires a
 * `change` event (bubbling) when it changes.
 *
 * @param {object} options
 * @param {VisualDefinition} options.visual
 * @param {ZoneFeature[]} options.features
 * @param {PublishedCell[]} options.cells
 * @param {PageCatalogue} options.catalogue
 * @param {PublishedCommentary | null} options.commentary null in an analysis page (its prose is the commentary)
 * @param {PublishedRatios} [options.ratios]
 * @param {"iris" | "commune"} [options.level] an IRIS map of a commune split into arrondissements (Marseille) also
 *   draws their borders and offers them as a level of its own
 * @param {{csv: string, xlsx: string}} [options.downloads]
 * @param {string} [options.className]
 * @param {string} [options.zoneWord]
 * @param {number[] | null} [options.years]
 * @param {string} [options.category] breakdown|category shown first (an analysis page's directive)
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
    category: initialCategory = "",
  } = options;
  // A commune the INSEE does not split into IRIS has no IRIS map: say why, where the map would be.
  if (level === "iris" && features.length === 0)
    return html`<p class="no-iris">
      La commune n'est pas découpée en IRIS par l'INSEE : il n'y a donc pas de carte par IRIS. Ses chiffres se lisent à
      la commune, comparés à ceux du département.
    </p>`;
  const id = `panel-${++panels}`;
  const indicators = visual.indicators.filter(
    (i) =>
      catalogue.indicators[i] &&
      cells.some((c) => c.indicator === i && c.level === level && (!allowedYears || allowedYears.includes(c.year))),
  );
  // A map opens on a rate or a share, which compares zones of different sizes; counts are a choice.
  const firstRate = indicators.find((i) => !drawsCircles(catalogue.indicators[i]?.unit ?? "count"));
  const fromUrl = readViewState(visual.id);
  /** @type {{indicator: string, year: number, category: string, zones: string[]}} */
  const state = {
    indicator:
      fromUrl?.indicator && indicators.includes(fromUrl.indicator)
        ? fromUrl.indicator
        : (firstRate ?? indicators[0] ?? ""),
    year: fromUrl?.year ?? 0,
    category: fromUrl?.category ?? initialCategory,
    zones: fromUrl?.zones ?? [],
  };
  /** @typedef {{level: "iris" | "commune" | "arrondissement", features: ZoneFeature[], zoneWord: string, className: string, profileHref: ((code: string) => string) | null}} MapView */
  /** The IRIS, or the arrondissements they make up (the reader's choice of level). @type {MapView} */
  const irisView = { level, features, zoneWord, className, profileHref: level === "iris" ? irisProfileHref : null };
  let view = irisView;
  /** @type {ZoneFeature[]} */
  let arrondissements = [];
  /** @returns {MapView} */
  const arrondissementView = () => ({
    level: "arrondissement",
    features: arrondissements,
    zoneWord: "arrondissement",
    className: `${className} arrondissement-map`,
    profileHref: null,
  });
  const territoryCode = catalogue.territory?.commune ?? "";
  /** @type {ZoneFeature[]} */
  let context = [];

  const indicatorSelect = html`<select id=${`${id}-indicator`} name="indicator">
    ${indicators.map((i) => html`<option value=${i} selected=${i === state.indicator}>${catalogue.indicators[i]?.label}</option>`)}
  </select>`;
  const yearSelect = html`<select id=${`${id}-year`} name="year"></select>`;
  const categorySelect = html`<select id=${`${id}-category`} name="category"></select>`;
  const levelSelect = /** @type {HTMLSelectElement} */ (
    html`<select id=${`${id}-level`} name="level">
      <option value="iris" selected>IRIS</option>
      <option value="arrondissement">Arrondissements</option>
    </select>`
  );
  const levelControl = html`<span class="level-control" hidden
    ><label for=${`${id}-level`}>Niveau</label> ${levelSelect}</span
  >`;
  /** The level choice only where the indicator is published by arrondissement. */
  const fillLevels = () => {
    const offered =
      arrondissements.length > 0 && cells.some((c) => c.indicator === state.indicator && c.level === "arrondissement");
    if (!offered) view = irisView;
    levelSelect.value = view.level;
    levelControl.toggleAttribute("hidden", !offered);
  };
  const body = html`<div class="map-panel-body" aria-live="polite"></div>`;
  /** @type {(SVGSVGElement & {highlight?: (codes: string[]) => void}) | null} */
  let svgMap = null;

  const fillYears = () => {
    // allowedYears: the observatory's editions, the years analysts comment (context data).
    const years = yearsOf(cells, state.indicator).filter((y) => !allowedYears || allowedYears.includes(y));
    if (!years.includes(state.year)) state.year = years.at(-1) ?? 0;
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
    if (!info) return;
    const edition = info.editions[state.year];
    const [breakdown = "", category = ""] = state.category ? state.category.split("|") : ["", ""];
    const { level, features, zoneWord, className, profileHref } = view;
    const byCode = cellsByCode(cells, { indicator: state.indicator, year: state.year, level, breakdown, category });
    const ratio = breakdown === "" ? ratios[state.indicator] : null;
    const inputsOf = (/** @type {string} */ code) => rateInputs(cells, ratio, { year: state.year, level, code });
    const details = (/** @type {string} */ code) => {
      const inputs = inputsOf(code);
      if (!inputs) return "";
      const text = `numérateur ${formatValue(inputs.numerator)}, dénominateur ${formatValue(inputs.denominator)}`;
      return inputs.smallBase ? `${text} (petite base : à lire avec prudence)` : text;
    };
    const shown = `${info.label}${category ? ` (${categoryLabel(category, breakdown)})` : ""}`;
    const title = `${shown}, ${state.year}`;
    const map = irisMap(features, byCode, {
      title,
      legendTitle: shown,
      unit: info.unit,
      per: ratio?.per,
      year: state.year,
      details,
      className,
      zoneWord,
      profileHref,
      context,
      territoryCode,
      outlines: level === "iris" ? arrondissements : [],
    });
    svgMap = map.querySelector("svg");
    const small = ratio
      ? features.filter(
          (f) => zoneState(byCode.get(f.properties.code)) === "value" && inputsOf(f.properties.code)?.smallBase,
        )
      : [];
    body.replaceChildren(
      zoomButtons(/** @type {any} */ (svgMap)),
      map,
      // Export hook: the map saved as SVG or PNG, with its title, source line and dates drawn in.
      exportImageButtons(
        svgMap,
        /** @type {any} */ ({
          filename: `${visual.id}-${state.year}`,
          title: visual.title ? `${visual.title} : ${title}` : title,
          source: edition ? sourceText(edition) : "",
          unit: info.unit,
        }),
      ),
      info.definition ? html`<p class="definition">${info.definition}</p>` : "",
      smallBaseNote(small.map((f) => f.properties.name)),
      edition ? sourceLine(edition) : "",
      // The commentary follows the selection (indicator, breakdown, category, level).
      commentaryBlock(commentary, visual.id, state.year, { indicator: state.indicator, breakdown, category, level }),
      html`<details>
        <summary>Tableau des valeurs par ${zoneWord}</summary>
        ${zoneTable(features, byCode, { unit: info.unit, valueLabel: info.label, zoneLabel: zoneWord })}
      </details>`,
      downloads && edition ? downloadLinks(downloads, visualYears(visual, catalogue)) : "",
    );
    if (state.zones.length) svgMap?.highlight?.(state.zones);
  };
  const changed = () => {
    writeViewState(visual.id, state);
    panel.dispatchEvent(new CustomEvent("change", { bubbles: true }));
  };

  indicatorSelect.onchange = () => {
    state.indicator = indicatorSelect.value;
    fillYears();
    fillCategories();
    fillLevels();
    render();
    changed();
  };
  levelSelect.onchange = () => {
    view = levelSelect.value === "arrondissement" ? arrondissementView() : irisView;
    render();
    changed();
  };
  yearSelect.onchange = () => {
    state.year = Number(yearSelect.value);
    render();
    changed();
  };
  categorySelect.onchange = () => {
    state.category = categorySelect.value;
    render();
    changed();
  };

  const irisNames = new Map(features.map((f) => [f.properties.code, f.properties.name]));
  const search =
    level === "iris"
      ? placeSearch({
          places: loadPlaces(),
          irisNames,
          profileHref: irisProfileHref,
          onChoose: (place) => {
            state.zones = place ? place.iris : [];
            svgMap?.highlight?.(state.zones);
            changed();
          },
        })
      : "";

  const panel = html`<section class="map-panel" data-visual=${visual.id} data-level=${level} id=${`vue-${visual.id}`}>
    ${search}
    <div class="panel-controls">
      <label for=${`${id}-indicator`}>Indicateur</label> ${indicatorSelect}
      <label for=${`${id}-year`}>Année d'observation</label> ${yearSelect}
      <span class="category-control"><label for=${`${id}-category`}>Ventilation</label> ${categorySelect}</span>
      ${levelControl} ${linkButton(() => viewUrl(visual.id, state))}
    </div>
    ${body}
  </section>`;
  Object.defineProperty(panel, "selection", { get: () => ({ ...state, zones: [...state.zones] }) });
  fillYears();
  fillCategories();
  render();
  // Orientation: the neighbouring communes and the commune's outline, once they have loaded.
  if (level === "iris") {
    loadCommunes().then((communes) => {
      context = communes;
      if (communes.length) render();
    });
    loadArrondissements(catalogue.territory?.arrondissements).then((loaded) => {
      arrondissements = loaded;
      if (!loaded.length) return;
      fillLevels();
      render();
    });
  }
  return panel;
}

/**
 * Zoom buttons for keyboard users. Listeners are added in code, never as inline handlers:
 * the site's Content-Security-Policy forbids those.
 */
function zoomButtons(/** @type {{zoomBy: (k: number) => void, zoomReset: () => void}} */ svgMap) {
  const button = (/** @type {string} */ label, /** @type {() => void} */ action) => {
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
    <span class="zoom-hint">ou Ctrl + molette ; cliquez une zone (ou Entrée) pour son portrait</span>
  </div>`;
}

const BREAKDOWNS = /** @type {Record<string, string>} */ ({
  sex: "Sexe",
  age: "Âge",
  gir: "GIR",
  living: "Situation familiale",
  "mother-age": "Âge de la mère",
  "birth-rank": "Rang de naissance",
  type: "Type d'aide",
});
const CATEGORIES = /** @type {Record<string, string>} */ ({
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
});

export const breakdownLabel = (/** @type {string} */ b) => BREAKDOWNS[b] ?? b;
export const categoryLabel = (/** @type {string} */ c, b = "") =>
  (b === "birth-rank" && c === ">=3" ? "3e enfant ou plus" : CATEGORIES[c]) ??
  c.replace(/^(\d+)-(\d+)$/, "$1 à $2 ans").replace(/^(\d+)\+$/, "$1 ans et plus");
