import { html } from "htl";
import { formatValue } from "./format.js";
import { zoneState } from "./iris-map.js";

/**
 * The table alternative of a map: one row per zone, sortable by clicking a column header
 * (a button, so it is reachable with the keyboard).
 */
export function zoneTable(features, byCode, { unit = "count", valueLabel = "Valeur", zoneLabel = "IRIS" } = {}) {
  const rows = features.map((f) => {
    const cell = byCode.get(f.properties.code);
    return {
      code: f.properties.code,
      name: f.properties.name,
      cell,
      sortValue: zoneState(cell) === "value" || zoneState(cell) === "zero" ? cell.value : -1,
    };
  });
  let key = "name";
  let ascending = true;
  const tbody = html`<tbody></tbody>`;
  const render = () => {
    rows.sort(
      (a, b) =>
        (ascending ? 1 : -1) *
        (key === "value" ? a.sortValue - b.sortValue : String(a[key]).localeCompare(String(b[key]), "fr")),
    );
    tbody.replaceChildren(
      ...rows.map(
        (r) =>
          html`<tr data-code=${r.code}>
            <td>${r.name}</td>
            <td>${r.code}</td>
            <td class="num">${formatValue(r.cell?.value ?? null, { unit, secret: r.cell?.secret })}</td>
          </tr>`,
      ),
    );
  };
  // Listener added in code: the site's Content-Security-Policy forbids inline handlers.
  const header = (label, k) => {
    const button = html`<button type="button" class="sort">${label}</button>`;
    button.addEventListener("click", () => {
      ascending = key === k ? !ascending : true;
      key = k;
      render();
    });
    return html`<th scope="col">${button}</th>`;
  };
  render();
  return html`<table class="zone-table">
    <thead>
      <tr>
        ${header(zoneLabel, "name")}${header("Code", "code")}${header(valueLabel, "value")}
      </tr>
    </thead>
    ${tbody}
  </table>`;
}
