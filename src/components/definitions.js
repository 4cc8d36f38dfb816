// @ts-check
import { html } from "htl";
import { sourceText } from "./source-line.js";

/** @typedef {import("./types.js").CatalogueIndicator} CatalogueIndicator */

/**
 * The definitions of one theme's indicators, each folded under its label (the page stays
 * short on screen; print unfolds every <details>): definition, denominator vintages,
 * approximations, rounding and the source line of the latest year. Yearly changes are
 * explained once on the methodology page, not per indicator. Context indicators (contexte.json)
 * carry no theme: they are the « contexte » theme.
 * @param {Record<string, Omit<CatalogueIndicator, "theme"> & {theme?: string}>} indicators
 * @param {string} theme
 */
export function definitionList(indicators, theme) {
  const entries = Object.entries(indicators).filter(
    ([id, info]) => !id.endsWith("-evolution") && (info.theme ?? "contexte") === theme,
  );
  if (!entries.length) return html`<p>Aucun indicateur publié pour ce thème.</p>`;
  return html`<div class="definitions">
    ${entries.map(([id, info]) => {
      const last = info.editions[Math.max(...info.years.map(Number))];
      const notes = [...new Set(Object.values(info.editions).flatMap((e) => e.approximations ?? []))];
      return html`<details id=${id} class="definition-entry">
        <summary>${info.label}</summary>
        <p>${info.definition}</p>
        ${last?.denominatorVintages?.length ? html`<p>Dénominateur : ${last.denominatorVintages.join(" ; ")}.</p>` : ""}
        ${notes.length ? html`<p>Approximations : ${notes.join(" ")}</p>` : ""}
        ${last?.rounding ? html`<p>${last.rounding}</p>` : ""}
        ${last ? html`<p class="source-line">${sourceText(last)}</p>` : ""}
      </details>`;
    })}
  </div>`;
}
