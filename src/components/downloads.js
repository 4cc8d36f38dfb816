import { html } from "htl";
import { datedFilename, fileStem } from "./file-names.js";

/**
 * The name a downloaded file is saved under. Framework serves attachments under a content
 * hash (apa-iris-map.368e2d3b.xlsx), which means nothing to the person who saves it; the
 * `download` attribute gives a name that says what and when: the visual, the years its data
 * cover and the edition's month (apa-iris-map-2015-2016-edition-2026-12.xlsx).
 * @param {string} href
 * @param {readonly (number | string)[]} [years]
 */
export function readableName(href, years = []) {
  const [stem, extension] = fileStem(href);
  return datedFilename(stem, extension, { years });
}

/**
 * The years a visual's download covers: every year of its indicators in the catalogue (the
 * download holds all of them, whatever year the visual shows).
 * @param {{indicators: readonly string[]}} visual
 * @param {{indicators: Record<string, {years?: readonly number[]} | undefined>}} catalogue
 */
export function visualYears(visual, catalogue) {
  return visual.indicators.flatMap((id) => catalogue.indicators[id]?.years ?? []);
}

/**
 * Download links of a visual's data, generated at build time with their header block (title,
 * definitions, units, source line and dates, what « s » means). The wide XLSX comes first
 * (one sheet per indicator, zones × years: what a partner reopens); the tidy long CSV is the
 * second choice. `files`: {csv, xlsx} hrefs from FileAttachment(...).href; `years`: the years the files cover, for
 * their names (visualYears). No source line
 * here: the visual's own line sits just above, and each file carries its source inside.
 */
export function downloadLinks(files, years = []) {
  return html`<div class="downloads">
    <p>
      Télécharger les données de ce visuel (toutes années, avec titre, définitions, source et dates ; « s » = secret
      statistique) :
      <a href=${files.xlsx} download=${readableName(files.xlsx, years)}>Excel (XLSX), une feuille par indicateur</a> ·
      <a href=${files.csv} download=${readableName(files.csv, years)}>CSV (format long)</a>
    </p>
  </div>`;
}
