// @ts-check
import { html } from "htl";
import { SMALL_BASE } from "./cells.js";

/**
 * Warns that rates over small bases move a lot with one person more or less. `zones`: names
 * of the zones concerned; nothing is shown when there are none.
 * @param {string[]} zones
 */
export function smallBaseNote(zones) {
  // htl gives null for an empty template, which would be printed as "null".
  if (!zones.length) return document.createDocumentFragment();
  const list = zones.length > 8 ? `${zones.slice(0, 8).join(", ")}… (${zones.length} zones)` : zones.join(", ");
  return html`<p class="small-base-note" role="note">
    <strong>Petites bases.</strong> Dans ces zones, le taux est calculé sur moins de ${SMALL_BASE} personnes (ou unités)
    : une personne de plus ou de moins le fait beaucoup varier. À lire avec prudence : ${list}.
  </p>`;
}
