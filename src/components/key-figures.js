// @ts-check
import { html } from "htl";
import { findCell } from "./cells.js";
import { commentaryBlock } from "./commentary.js";
import { formatChange, formatValue } from "./format.js";
import { combinedSourceLine } from "./source-line.js";

/** @typedef {import("./types.js").CatalogueEdition} CatalogueEdition */
/** @typedef {import("./types.js").PageCatalogue} PageCatalogue */
/** @typedef {import("./types.js").PublishedCell} PublishedCell */
/** @typedef {import("./types.js").PublishedCommentary} PublishedCommentary */
/** @typedef {import("./types.js").VisualDefinition} VisualDefinition */

/**
 * Key-figure cards: for each count, the commune's value in the latest year, its change since
 * the previous year, and the département's value; one source line under the cards, whatever
 * the number of indicators. `indicators`: count indicator ids (their "-evolution" twins are
 * read when published).
 * @param {object} options
 * @param {VisualDefinition} options.visual
 * @param {(indicator: string) => PublishedCell[]} options.cellsOf
 * @param {PageCatalogue} options.catalogue
 * @param {PublishedCommentary | null} options.commentary null in an analysis page (its prose is the commentary)
 * @param {PageCatalogue["territory"]} options.territory
 * @param {string[]} options.indicators
 * @param {number} [options.year] the latest year shown (an analysis page's year); every year when absent
 */
export function keyFigures({ visual, cellsOf, catalogue, commentary, territory, indicators, year: upTo = Infinity }) {
  /** @type {(CatalogueEdition | undefined)[]} */
  const editions = [];
  /** @type {number | null} */
  let shownYear = null;
  const cards = indicators
    .filter((i) => catalogue.indicators[i]?.years.some((y) => Number(y) <= upTo))
    .map((indicator) => {
      const info = /** @type {import("./types.js").CatalogueIndicator} */ (catalogue.indicators[indicator]);
      const year = Math.max(...info.years.map(Number).filter((y) => y <= upTo));
      shownYear = Math.max(shownYear ?? year, year);
      const cells = cellsOf(indicator);
      const value = findCell(cells, { indicator, year, level: "commune", code: territory.commune });
      const change = findCell(cells, {
        indicator: `${indicator}-evolution`,
        year,
        level: "commune",
        code: territory.commune,
      });
      const dep = findCell(cells, { indicator, year, level: "departement", code: territory.departement });
      editions.push(info.editions[year], catalogue.indicators[`${indicator}-evolution`]?.editions[year]);
      const direction =
        !change || change.secret || change.value === null
          ? ""
          : change.value > 0
            ? "hausse"
            : change.value < 0
              ? "baisse"
              : "stable";
      return html`<div class="card key-figure" data-indicator=${indicator}>
        <h3>${info.label}</h3>
        <p class="big">${formatValue(value?.value ?? null, { unit: info.unit, secret: value?.secret })}</p>
        <p>
          ${territory.communeName},
          ${year}${change ? html` — <span class=${`change ${direction}`}>${formatChange(change)} sur un an</span>` : ""}
        </p>
        <p class="muted">
          ${territory.departementName} : ${formatValue(dep?.value ?? null, { unit: info.unit, secret: dep?.secret })}
        </p>
      </div>`;
    });
  return html`<section class="key-figures-panel" data-visual=${visual.id}>
    <div class="grid grid-cols-3">${cards}</div>
    ${combinedSourceLine(editions)} ${commentaryBlock(commentary, visual.id, shownYear ?? 0)}
  </section>`;
}
