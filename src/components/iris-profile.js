// @ts-check
import { html } from "htl";
import { formatSigned, formatValue, unitText } from "./format.js";
import { irisMap } from "./iris-map.js";
import { combinedSourceLine } from "./source-line.js";

/** @typedef {import("./types.js").PageCatalogue} PageCatalogue */
/** @typedef {import("./types.js").CatalogueIndicator} CatalogueIndicator */
/** @typedef {import("./types.js").PublishedCell} PublishedCell */
/** @typedef {import("./types.js").ZoneFeature} ZoneFeature */

/** The themes of the profile, in the order of the site's menu. */
export const THEMES = /** @type {Record<string, string>} */ ({
  "petite-enfance": "Petite enfance",
  "personnes-agees": "Personnes âgées",
  handicap: "Handicap",
  enfance: "Enfance et famille",
  "aides-financieres": "Aides financières",
  contexte: "Portrait du territoire",
});

/**
 * What a cell reads in the profile: its value with its sign for an evolution, « secret
 * statistique » for a secret cell, « non disponible » for none.
 * @param {PublishedCell | undefined} cell
 * @param {string} unit
 */
export function profileValue(cell, unit) {
  if (!cell) return "non disponible";
  if (cell.secret) return "secret statistique";
  if (cell.value === null) return "non disponible";
  return unit === "evolution" ? formatSigned(cell.value) : formatValue(cell.value, { unit });
}

/**
 * The rows of an IRIS profile: every indicator published for the IRIS, each year, beside the
 * commune and the département (totals only, no breakdown).
 * @param {PublishedCell[]} cells
 * @param {{code: string, commune: string, departement: string}} zones
 * @returns {{indicator: string, year: number, iris?: PublishedCell, commune?: PublishedCell, departement?: PublishedCell}[]}
 */
export function profileRows(cells, { code, commune, departement }) {
  // Plain loops: arquero compiles its expressions with new Function, which the site's
  // Content-Security-Policy (no 'unsafe-eval') refuses.
  const totals = cells.filter(
    (d) =>
      d.breakdown === "" &&
      ((d.level === "iris" && d.code === code) ||
        (d.level === "commune" && d.code === commune) ||
        (d.level === "departement" && d.code === departement)),
  );
  // Only what is published for this IRIS: the commune and département lines go beside it.
  const ofIris = new Set(totals.filter((d) => d.level === "iris").map((d) => d.indicator));
  /** @type {Map<string, any>} */
  const rows = new Map();
  for (const d of totals) {
    if (!ofIris.has(d.indicator)) continue;
    const key = `${d.indicator}|${d.year}`;
    const row = rows.get(key) ?? { indicator: d.indicator, year: d.year };
    row[d.level] = d;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/**
 * The portrait of one IRIS: locator map, then one table per theme (indicator, year, IRIS,
 * commune, département) with the theme's source lines under it, once each.
 * @param {object} p
 * @param {string} p.code
 * @param {ZoneFeature[]} p.features the commune's IRIS
 * @param {PublishedCell[]} p.cells theme and context tables
 * @param {PageCatalogue} p.catalogue
 * @param {Record<string, Omit<CatalogueIndicator, "theme">>} [p.context] contexte.json's indicators
 */
export function irisProfile({ code, features, cells, catalogue, context = {} }) {
  const territory = catalogue.territory;
  const feature = features.find((f) => f.properties.code === code);
  const name = feature?.properties.name ?? code;
  const locator = irisMap(features, new Map(), {
    width: 320,
    title: `Situation de l'IRIS ${name} dans ${territory.communeName}`,
    className: "locator-map",
    interactive: false,
    legend: false,
  });
  /** @type {any} */ (locator.querySelector("svg"))?.highlight?.([code]);

  /** @param {string} indicator @returns {(Omit<CatalogueIndicator, "theme"> & {theme?: string}) | undefined} */
  const infoOf = (indicator) => catalogue.indicators[indicator] ?? context[indicator];
  const rows = profileRows(cells, { code, commune: territory.commune, departement: territory.departement });
  const order = Object.keys(catalogue.indicators).concat(Object.keys(context));
  rows.sort((a, b) => order.indexOf(a.indicator) - order.indexOf(b.indicator) || a.year - b.year);
  /** @type {[string, typeof rows][]} */
  const byTheme = [];
  for (const r of rows) {
    const theme = infoOf(r.indicator)?.theme ?? "contexte";
    const entry = byTheme.find(([t]) => t === theme) ?? byTheme[byTheme.push([theme, []]) - 1];
    entry?.[1].push(r);
  }

  const sections = Object.keys(THEMES).flatMap((theme) => {
    const entry = byTheme.find(([t]) => t === theme);
    if (!entry) return [];
    /** @type {typeof rows} */
    const themeRows = entry[1];
    const editions = themeRows.map((r) => infoOf(r.indicator)?.editions[r.year]);
    return [
      html`<section class="profile-theme">
        <h2>${THEMES[theme]}</h2>
        <div class="table-scroll">
          <table class="profile-table">
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col">Année</th>
                <th scope="col">IRIS ${name}</th>
                <th scope="col">${territory.communeName}</th>
                <th scope="col">${territory.departementName}</th>
              </tr>
            </thead>
            <tbody>
              ${themeRows.map((r) => {
                const info = infoOf(r.indicator);
                const unit = info?.unit ?? "count";
                return html`<tr data-indicator=${r.indicator} data-year=${r.year}>
                  <th scope="row">${info?.label ?? r.indicator}${unitNote(info?.label ?? "", unit)}</th>
                  <td>${r.year}</td>
                  <td class="num" data-level="iris">${profileValue(r.iris, unit)}</td>
                  <td class="num">${profileValue(r.commune, unit)}</td>
                  <td class="num">${profileValue(r.departement, unit)}</td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
        ${combinedSourceLine(editions)}
      </section>`,
    ];
  });

  // The no-break spaces of the paragraph below are written as entities (U+00A0, U+202F): a component's
  // text never goes through the French typography pass of the pages' Markdown.
  return html`<div class="iris-profile" data-code=${code}>
    <div class="profile-head">
      <figure class="profile-locator">
        ${locator}
        <figcaption>IRIS ${name} (${code}), ${territory.communeName}</figcaption>
      </figure>
      <p>
        Toutes les valeurs publiées pour cet IRIS, chaque année, à côté de la commune et du département. Une case
        «&#8239;secret statistique&#8239;» n'est pas publiée (article 7 de la convention)&#8239;; «&#8239;non
        disponible&#8239;»&nbsp;: la donnée n'existe pas à cette échelle ou cette année.
      </p>
    </div>
    ${sections.length ? sections : html`<p>Aucune donnée publiée pour cet IRIS.</p>`}
  </div>`;
}

/**
 * The unit after an indicator's label, only where the label does not already say it: counts
 * and amounts name what they count (places, euros), rates and shares often carry their base.
 * @param {string} label
 * @param {string} unit
 */
function unitNote(label, unit) {
  if (unit === "count" || unit === "amount" || /pour \d|%|euros/.test(label)) return "";
  return html` <span class="unit">(${unitText(unit)})</span>`;
}
