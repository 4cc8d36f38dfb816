// @ts-check
import { html } from "htl";

/**
 * A visual's state in the page address, so that a link opens the same view: which visual
 * (`vue`), indicator, year, breakdown and zones. One visual's state at a time: the last one
 * the reader changed.
 * @typedef {{indicator?: string, year?: number, category?: string, zones?: string[]}} ViewState
 */

/** @param {string} visualId @param {string} [search] @returns {ViewState | null} */
export function readViewState(visualId, search = window.location.search) {
  const params = new URLSearchParams(search);
  if (params.get("vue") !== visualId) return null;
  const year = Number(params.get("annee"));
  return {
    indicator: params.get("indicateur") ?? undefined,
    year: Number.isInteger(year) && year > 0 ? year : undefined,
    category: params.get("ventilation") ?? undefined,
    zones: (params.get("zones") ?? "").split(",").filter(Boolean),
  };
}

/** The address of a view. @param {string} visualId @param {ViewState} state */
export function viewUrl(visualId, state) {
  const params = new URLSearchParams({ vue: visualId });
  if (state.indicator) params.set("indicateur", state.indicator);
  if (state.year) params.set("annee", String(state.year));
  if (state.category) params.set("ventilation", state.category);
  if (state.zones?.length) params.set("zones", state.zones.join(","));
  const url = new URL(window.location.href);
  url.search = params.toString();
  url.hash = `vue-${visualId}`;
  return url.toString();
}

/** Keeps the address in step with the view, without adding history entries. @param {string} visualId @param {ViewState} state */
export function writeViewState(visualId, state) {
  window.history.replaceState(null, "", viewUrl(visualId, state));
}

/**
 * The « lien » button: copies the address of the view; where the clipboard is refused
 * (page not served over HTTPS) the address is shown, selected, to copy by hand.
 * @param {() => string} url
 */
export function linkButton(url) {
  const status = html`<span class="link-status" role="status"></span>`;
  const button = html`<button type="button" class="link-button">Copier le lien de cette vue</button>`;
  button.addEventListener("click", async () => {
    const address = url();
    try {
      await navigator.clipboard.writeText(address);
      status.replaceChildren("Lien copié.");
    } catch {
      const field = /** @type {HTMLInputElement} */ (
        html`<input type="text" readonly aria-label="Lien de cette vue" value=${address} />`
      );
      status.replaceChildren(field);
      field.select();
    }
  });
  return html`<span class="link-control">${button}${status}</span>`;
}
