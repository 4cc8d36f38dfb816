// @ts-check
import { html } from "htl";
import { formatValue } from "./format.js";
import { zoneState } from "./iris-map.js";

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
      : sign * String(x[key]).localeCompare(String(y[key]), "fr"),
  );
}

/**
 * The table alternative of a map: one row per zone, sortable by clicking a column header
 * (a button, so it is reachable with the keyboard); the sorted column says so (aria-sort).
 * @param {ZoneFeature[]} features
 * @param {Map<string, PublishedCell>} byCode
 * @param {{unit?: string, valueLabel?: string, zoneLabel?: string}} [options]
 */
export function zoneTable(features, byCode, { unit = "count", valueLabel = "Valeur", zoneLabel = "IRIS" } = {}) {
  /** @type {"name" | "code" | "value"} */
  let key = "name";
  let ascending = true;
  const tbody = html`<tbody></tbody>`;
  /** @type {{k: string, th: HTMLElement}[]} */
  const headers = [];
  const render = () => {
    tbody.replaceChildren(
      ...orderedZones(features, byCode, key, ascending).map(
        (r) =>
          html`<tr data-code=${r.code}>
            <td>${r.name}</td>
            <td>${r.code}</td>
            <td class="num">${r.cell?.secret ? "secret statistique" : formatValue(r.cell?.value ?? null, { unit })}</td>
          </tr>`,
      ),
    );
    for (const h of headers)
      h.th.setAttribute("aria-sort", h.k === key ? (ascending ? "ascending" : "descending") : "none");
  };
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
  return html`<div class="table-scroll">
    <table class="zone-table">
      ${head}${tbody}
    </table>
  </div>`;
}
