// @ts-check
import { html } from "htl";

/** @typedef {import("./types.js").WorkshopRow} WorkshopRow */

const STATUS_WORDS = { manquant: "manquant", brouillon: "brouillon", relu: "relu", validé: "validé" };

/**
 * The Atelier's table (dev and review editions only): one row per visual and year (and per
 * analysis page), its text's status and file; the rows still to do first, counted above.
 * @param {WorkshopRow[]} rows
 */
export function workshopTable(rows) {
  const todo = rows.filter((r) => r.status !== "validé" || r.problem);
  const counts = ["manquant", "brouillon", "relu", "validé"].map(
    (s) => `${rows.filter((r) => r.status === s).length} ${s}`,
  );
  const ordered = [...todo, ...rows.filter((r) => !todo.includes(r))];
  return html`<section class="workshop">
    <p class="workshop-summary">
      <strong>${todo.length} texte(s) à écrire, relire ou corriger</strong> sur ${rows.length} (${counts.join(", ")}).
    </p>
    <div class="table-scroll">
      <table class="workshop-table">
        <thead>
          <tr>
            <th scope="col">Visuel ou analyse</th>
            <th scope="col">Page</th>
            <th scope="col">Année</th>
            <th scope="col">Statut</th>
            <th scope="col">Fichier</th>
            <th scope="col">Remarque</th>
          </tr>
        </thead>
        <tbody>
          ${ordered.map(
            (r) =>
              html`<tr data-id=${r.id} data-year=${r.year} data-status=${r.status}>
                <td>
                  ${r.kind === "analyse" ? "Analyse : " : ""}${r.title || r.id}${r.focus ? html`<br /><small>${r.focus}</small>` : ""}
                </td>
                <td><a href=${`../${r.page === "index" ? "" : r.page}`}>${r.page}</a></td>
                <td>${r.year}</td>
                <td class=${`status status-${r.status === "validé" ? "valide" : r.status}`}>
                  ${STATUS_WORDS[r.status]}
                </td>
                <td><code>${r.file}</code></td>
                <td>${r.problem ?? ""}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}
