// @ts-check
import { html } from "htl";

/**
 * Says plainly when the people or the geography shown are fictitious.
 * @param {Pick<import("./types.js").PageCatalogue, "synthetic" | "fictitiousGeography">} catalogue
 */
export function fictitiousBanners(catalogue) {
  const notes = [];
  if (catalogue.synthetic) {
    notes.push(
      html`<p>
        <strong>Données fictives.</strong> Les personnes de ces fichiers sont synthétiques, générées par l'observatoire
        avec une graine fixe pour la démonstration : aucun chiffre ne décrit la population réelle.
      </p>`,
    );
  }
  if (catalogue.fictitiousGeography) {
    notes.push(
      html`<p>
        <strong>Géographie fictive.</strong> Les adresses sont placées sur un référentiel d'adresses fictif
        (${
          catalogue.fictitiousGeography === "invented-street-names"
            ? "noms de voies inventés, faute de la liste FANTOIR de la commune"
            : "noms de voies réels"
        },
        positions inventées) : la répartition par IRIS est illustrative.
      </p>`,
    );
  }
  // htl gives null for an empty template, which display() would print as "null".
  return notes.length
    ? html`<div class="banner-fictitious" role="note">${notes}</div>`
    : document.createDocumentFragment();
}
