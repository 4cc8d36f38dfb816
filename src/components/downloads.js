import { html } from "htl";
import { sourceLines } from "./source-line.js";

/**
 * Download links of a visual's tables (CSV for French spreadsheets, XLSX), generated at build
 * time with their source line and dates inside. `files`: {csv, xlsx} hrefs from
 * FileAttachment(...).href; `editions`: the catalogue editions shown, for the source line.
 */
export function downloadLinks(files, editions) {
  return html`<div class="downloads">
    <p>
      Télécharger les données de ce visuel (toutes années, source et dates incluses ; « s » = secret statistique) :
      <a href=${files.csv} download>CSV</a> · <a href=${files.xlsx} download>Excel (XLSX)</a>
    </p>
    ${sourceLines(editions)}
  </div>`;
}
