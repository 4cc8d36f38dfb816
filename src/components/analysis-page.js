// @ts-check
import { html } from "htl";
import { comparisonPanel } from "./comparison.js";
import { evolutionPanel } from "./evolution.js";
import { formatDate } from "./format.js";
import { keyFigures } from "./key-figures.js";
import { mapPanel } from "./map-panel.js";
import { tablePanel } from "./table-panel.js";
import { citedZones } from "./zone-table.js";

/** @typedef {import("./types.js").PageCatalogue} PageCatalogue */
/** @typedef {import("./types.js").ZoneFeature} ZoneFeature */

/**
 * An analysis page (data/analyses/<year>/<slug>.md, analyses.json): the analysts' prose,
 * rendered at build time with its citations, and each directive drawn by the same panel as on
 * the thematic pages, with its source line and dates. The prose is the visuals' commentary:
 * the panels get `commentary: null`.
 * @param {{analysis: any, catalogue: PageCatalogue, ratios: any, iris: ZoneFeature[]}} options
 */
export function analysisPage({ analysis, catalogue, ratios, iris }) {
  if (!analysis) return html`<p>Cette analyse n'est pas publiée.</p>`;
  const cells = analysis.cells;
  const territory = catalogue.territory;
  // The IRIS the prose names open the page's IRIS tables: its text, read in an inert template.
  const prose = analysis.blocks
    .filter((/** @type {any} */ b) => b.type === "prose")
    .map((/** @type {any} */ b) => {
      const template = document.createElement("template");
      template.innerHTML = b.html;
      return template.content.textContent ?? "";
    })
    .join(" ");
  const cited = citedZones(prose, iris);
  const blocks = analysis.blocks.map((/** @type {any} */ block) => {
    if (block.type === "prose") {
      const prose = html`<div class="analysis-prose"></div>`;
      prose.innerHTML = block.html; // rendered at build time from the analysts' Markdown, escaped there
      return prose;
    }
    const common = { visual: block.visual, cells, catalogue, commentary: null, territory };
    if (block.kind === "carte")
      return mapPanel({
        ...common,
        features: iris,
        ratios,
        level: block.level,
        years: [analysis.year],
        category: block.category,
      });
    if (block.kind === "comparaison")
      return comparisonPanel({
        ...common,
        iris: /** @type {any} */ (iris.map((f) => f.properties)),
        downloads: undefined,
      });
    if (block.kind === "chiffres-cles")
      return keyFigures({
        ...common,
        cellsOf: () => cells,
        indicators: block.visual.indicators.filter((/** @type {string} */ i) => !i.endsWith("-evolution")),
        year: analysis.year,
      });
    if (block.kind === "tableau")
      return tablePanel({
        ...common,
        iris,
        level: block.level,
        year: analysis.year,
        category: block.category,
        cited,
      });
    return evolutionPanel({ ...common, downloads: undefined });
  });
  return html`<article class="analysis" data-analysis=${analysis.slug}>
    <h1>${analysis.title}</h1>
    <p class="analysis-meta">
      Analyse de l'année ${analysis.year}${analysis.theme ? ` · ${analysis.theme}` : ""} · ${analysis.author},
      ${formatDate(analysis.date)}${analysis.fictitious ? " (analyse de démonstration, fictive)" : ""}.
    </p>
    ${blocks}
  </article>`;
}

/** The list of the analysis pages, newest year first. @param {any[]} analyses */
export function analysisList(analyses) {
  if (!analyses.length) return html`<p>Aucune analyse n'est publiée pour cette édition.</p>`;
  const sorted = [...analyses].sort((a, b) => b.year - a.year || a.title.localeCompare(b.title, "fr"));
  return html`<ul class="analysis-list">
    ${sorted.map(
      (a) =>
        html`<li>
          <a href=${`./${a.slug}`}>${a.title}</a> — ${a.year}${a.theme ? `, ${a.theme}` : ""} (${a.author},
          ${formatDate(a.date)})
        </li>`,
    )}
  </ul>`;
}
