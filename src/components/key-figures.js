import { html } from "htl";
import { findCell } from "./cells.js";
import { commentaryBlock } from "./commentary.js";
import { formatValue } from "./format.js";
import { sourceLines } from "./source-line.js";

/**
 * Key-figure cards: for each count, the commune's value in the latest year, its change since
 * the previous year, and the département's value. `indicators`: count indicator ids (their
 * "-evolution" twins are read when published).
 */
export function keyFigures({ visual, cellsOf, catalogue, commentary, territory, indicators }) {
  const editions = [];
  let shownYear = null;
  const cards = indicators
    .filter((i) => catalogue.indicators[i])
    .map((indicator) => {
      const info = catalogue.indicators[indicator];
      const year = Math.max(...info.years.map(Number));
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
          ${year}${change ? html` — <span class=${`change ${direction}`}>${formatValue(change.value, { unit: "evolution", secret: change.secret })} % sur un an</span>` : ""}
        </p>
        <p class="muted">
          ${territory.departementName} : ${formatValue(dep?.value ?? null, { unit: info.unit, secret: dep?.secret })}
        </p>
      </div>`;
    });
  return html`<section class="key-figures-panel" data-visual=${visual.id}>
    <div class="grid grid-cols-3">${cards}</div>
    ${sourceLines(editions)} ${commentaryBlock(commentary, visual.id, shownYear)}
  </section>`;
}
