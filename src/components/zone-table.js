// @ts-check
import { html } from "htl";
import { formatValue } from "./format.js";
import { zoneState } from "./iris-map.js";
import { normalizeName } from "./place-search.js";

/** @typedef {import("./types.js").PublishedCell} PublishedCell */
/** @typedef {import("./types.js").ZoneFeature} ZoneFeature */

/**
 * The zones with their cell, ordered by a column: secret and unknown values sort
 * below every value, whatever the direction, so the ranking never hints at them.
 * @param {ZoneFeature[]} features
 * @param {Map<string, PublishedCell>} byCode
 * @param {"name" | "code" | "value"} key
 * @param {boolean} ascending
 * @returns {{code: string, name: string, cell: PublishedCell | undefined, known: number, sortValue: number}[]}
 */
export function orderedZones(features, byCode, key, ascending) {
  const rows = features.map((f) => {
    const cell = byCode.get(f.properties.code);
    const state = zoneState(cell);
    const known = state === "value" || state === "zero";
    return {
      code: f.properties.code,
      name: f.properties.name,
      cell,
      known: known ? 1 : 0,
      sortValue: known ? /** @type {number} */ (cell?.value) : 0,
    };
  });
  // Plain comparisons: arquero compiles its expressions with new Function, which the site's
  // Content-Security-Policy (no 'unsafe-eval') refuses.
  const sign = ascending ? 1 : -1;
  return rows.sort((x, y) =>
    key === "value"
      ? y.known - x.known || sign * (x.sortValue - y.sortValue)
      : // Numbers within names read as numbers: « Marseille 2e » before « Marseille 10e ».
        sign * String(x[key]).localeCompare(String(y[key]), "fr", { numeric: true }),
  );
}

/**
 * The IRIS an analysis's prose names: its name as written (« Encagnane 2 »), or the name its
 * numbered IRIS share, without a number (« Encagnane » names Encagnane 1 to 4; « Jas de
 * Bouffan », the Jas).
 * Accents, case and punctuation aside, whole words only.
 * @param {string} text
 * @param {ZoneFeature[]} features
 * @returns {string[]} codes
 */
export function citedZones(text, features) {
  const words = ` ${normalizeName(text)} `;
  return features
    .filter((f) => {
      const name = normalizeName(f.properties.name);
      // Normalised names hold only letters, digits and spaces: safe in a pattern.
      const shared = new RegExp(` ${name.replace(/ \d+$/, "")} (?!\\d)`);
      return name && (words.includes(` ${name} `) || shared.test(words));
    })
    .map((f) => f.properties.code);
}

/**
 * Which rows a folded table shows: the zones named in `cited` (the IRIS an analysis speaks
 * of), else the first `count` rows of the order chosen, so that sorting by value while folded
 * shows the highest or the lowest.
 * @param {{code: string}[]} ordered
 * @param {{count: number, cited?: string[]}} fold
 * @returns {Set<string>}
 */
export function foldedCodes(ordered, { count, cited = [] }) {
  const named = ordered.filter((r) => cited.includes(r.code));
  return new Set((named.length ? named : ordered.slice(0, count)).map((r) => r.code));
}

/**
 * The table alternative of a map: one row per zone, sortable by clicking a column header
 * (a button, so it is reachable with the keyboard); the sorted column says so (aria-sort).
 * With `fold`, it opens on a few rows (foldedCodes) and a button unfolds every row; print
 * shows every row (print.css), a printed document having no button.
 * @param {ZoneFeature[]} features
 * @param {Map<string, PublishedCell>} byCode
 * @param {{unit?: string, valueLabel?: string, zoneLabel?: string, fold?: {count: number, cited?: string[]}}} [options]
 */
export function zoneTable(features, byCode, { unit = "count", valueLabel = "Valeur", zoneLabel = "IRIS", fold } = {}) {
  /** @type {"name" | "code" | "value"} */
  let key = "name";
  let ascending = true;
  let folded = Boolean(fold && features.length > fold.count);
  const tbody = html`<tbody></tbody>`;
  /** @type {{k: string, th: HTMLElement}[]} */
  const headers = [];
  const foldNote = html`<p class="fold-note" aria-live="polite"></p>`;
  const foldButton = html`<button type="button" class="fold-toggle"></button>`;
  const render = () => {
    const ordered = orderedZones(features, byCode, key, ascending);
    const shown = folded && fold ? foldedCodes(ordered, fold) : null;
    tbody.replaceChildren(
      ...ordered.map(
        (r) =>
          html`<tr data-code=${r.code} hidden=${shown ? !shown.has(r.code) : false}>
            <td>${r.name}</td>
            <td>${r.code}</td>
            <td class="num">${r.cell?.secret ? "secret statistique" : formatValue(r.cell?.value ?? null, { unit })}</td>
          </tr>`,
      ),
    );
    for (const h of headers)
      h.th.setAttribute("aria-sort", h.k === key ? (ascending ? "ascending" : "descending") : "none");
    const word = zoneLabel === "IRIS" ? "IRIS" : "zones";
    const which = fold?.cited?.some((c) => shown?.has(c)) ? "ceux que cite l'analyse" : "dans l'ordre choisi";
    foldNote.textContent = shown
      ? `Affichage : ${shown.size} ${word} sur ${features.length}, ${which} ; le téléchargement contient toutes les lignes.`
      : "";
    foldButton.textContent = folded ? `Afficher les ${features.length} ${word}` : "Replier le tableau";
    foldButton.setAttribute("aria-expanded", String(!folded));
  };
  foldButton.addEventListener("click", () => {
    folded = !folded;
    render();
  });
  // Listener added in code: the site's Content-Security-Policy forbids inline handlers.
  const header = (/** @type {string} */ label, /** @type {"name" | "code" | "value"} */ k) => {
    const button = html`<button type="button" class="sort">${label}</button>`;
    button.addEventListener("click", () => {
      ascending = key === k ? !ascending : true;
      key = k;
      render();
    });
    const th = html`<th scope="col">${button}</th>`;
    headers.push({ k, th });
    return th;
  };
  const head = html`<thead>
    <tr>
      ${header(zoneLabel, "name")}${header("Code", "code")}${header(valueLabel, "value")}
    </tr>
  </thead>`;
  render();
  const table = html`<div class="table-scroll">
    <table class="zone-table">
      ${head}${tbody}
    </table>
  </div>`;
  if (!fold || features.length <= fold.count) return table;
  return html`<div class="zone-table-folded">${table}${foldNote}${foldButton}</div>`;
}
