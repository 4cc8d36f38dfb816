import { html } from "htl";
/**
 * The name a downloaded file is saved under: Framework serves attachments under a content
 * hash (apa-iris-map.368e2d3b.xlsx), which means nothing to the person who saves it; the
 * `download` attribute gives the readable name back (apa-iris-map.xlsx).
 */
export function readableName(href) {
  const file = decodeURIComponent(String(href).split(/[?#]/)[0].split("/").pop() ?? "");
  return file.replace(/\.[0-9a-f]{8}(\.[a-z0-9]+)$/i, "$1");
}

/**
 * Download links of a visual's data, generated at build time with their header block (title,
 * definitions, units, source line and dates, what « s » means). The wide XLSX comes first
 * (one sheet per indicator, zones × years: what a partner reopens); the tidy long CSV is the
 * second choice. `files`: {csv, xlsx} hrefs from FileAttachment(...).href. No source line
 * here: the visual's own line sits just above, and each file carries its source inside.
 */
export function downloadLinks(files) {
  return html`<div class="downloads">
    <p>
      Télécharger les données de ce visuel (toutes années, avec titre, définitions, source et dates ; « s » = secret
      statistique) :
      <a href=${files.xlsx} download=${readableName(files.xlsx)}>Excel (XLSX), une feuille par indicateur</a> ·
      <a href=${files.csv} download=${readableName(files.csv)}>CSV (format long)</a>
    </p>
  </div>`;
}
