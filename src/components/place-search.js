// @ts-check
import { html } from "htl";

/** @typedef {import("./types.js").PublishedPlace} PublishedPlace */

const KIND_WORDS = /** @type {Record<string, string>} */ ({
  iris: "IRIS",
  quartier: "quartier",
  village: "village",
  voie: "voie",
  "lieu-dit": "lieu-dit",
});
/** Whole zones first, then streets: « Jas de Bouffan » is the quartier before the avenue. */
const KIND_RANK = /** @type {Record<string, number>} */ ({ quartier: 0, village: 1, iris: 2, "lieu-dit": 3, voie: 4 });

/** Lower case, no accents, no punctuation: « Saint-Jérôme » and « st jerome » meet. */
export function normalizeName(/** @type {string} */ text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\bst\b/g, "saint")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * The places matching a query: every word of the query starts a word of the name; names
 * starting with the query first, then whole zones before streets, then shorter names.
 * @param {PublishedPlace[]} places
 * @param {string} query
 * @param {number} [limit]
 */
export function matchPlaces(places, query, limit = 8) {
  const words = normalizeName(query).split(" ").filter(Boolean);
  if (!words.length) return [];
  const wanted = normalizeName(query);
  const found = [];
  for (const place of places) {
    const name = normalizeName(place.name);
    const nameWords = name.split(" ");
    if (!words.every((w) => nameWords.some((n) => n.startsWith(w)))) continue;
    const score = (name.startsWith(wanted) ? 0 : 100) + (KIND_RANK[place.kind] ?? 5) * 10 + name.length / 100;
    found.push({ place, score });
  }
  return found
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((f) => f.place);
}

let searches = 0;

/**
 * « Trouver un lieu »: a search box for an IRIS, a quartier, a village or a street. Choosing
 * a result calls `onChoose(place)` (the map highlights its IRIS) and offers the profile of
 * each IRIS it designates. Streets come from the public address reference, never from an
 * export. The list follows the ARIA combobox pattern (arrows, Enter, Escape).
 * @param {object} options
 * @param {Promise<PublishedPlace[]> | PublishedPlace[]} options.places
 * @param {(place: PublishedPlace | null) => void} [options.onChoose]
 * @param {(code: string) => string} [options.profileHref]
 * @param {Map<string, string>} [options.irisNames] code -> name, for the profile links (else
 *   read from the places of kind « iris »)
 */
export function placeSearch({ places, onChoose = () => {}, profileHref = (code) => `./iris/${code}`, irisNames }) {
  const id = `place-search-${++searches}`;
  /** @type {PublishedPlace[]} */
  let list = [];
  /** @type {PublishedPlace[]} */
  let shown = [];
  let active = -1;
  const input = /** @type {HTMLInputElement} */ (
    html`<input
      type="search"
      id=${`${id}-input`}
      name="lieu"
      autocomplete="off"
      role="combobox"
      aria-autocomplete="list"
      aria-expanded="false"
      aria-controls=${`${id}-list`}
      placeholder="IRIS, quartier, village ou rue"
    />`
  );
  const listbox = html`<ul
    class="place-results"
    id=${`${id}-list`}
    role="listbox"
    aria-label="Lieux trouvés"
    hidden
  ></ul>`;
  const result = html`<div class="place-chosen" aria-live="polite"></div>`;
  const names = irisNames ?? new Map();

  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const mark = () => {
    [...listbox.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) input.setAttribute("aria-activedescendant", `${id}-option-${active}`);
  };
  /** @param {PublishedPlace} place */
  const choose = (place) => {
    input.value = place.name;
    close();
    onChoose(place);
    const links = place.iris
      .slice(0, 8)
      .map((code) => html`<li><a href=${profileHref(code)}>Portrait de l'IRIS ${names.get(code) ?? code}</a></li>`);
    result.replaceChildren(
      html`<p>
        ${place.name} (${KIND_WORDS[place.kind] ?? place.kind}) :
        ${place.iris.length === 1 ? "1 IRIS" : `${place.iris.length} IRIS`} en surbrillance.
      </p>`,
      html`<ul class="place-profiles">
        ${links}
      </ul>`,
    );
  };
  const update = () => {
    shown = matchPlaces(list, input.value);
    active = -1;
    listbox.replaceChildren(
      ...shown.map((place, i) => {
        const option = html`<li role="option" id=${`${id}-option-${i}`} aria-selected="false">
          ${place.name} <span class="place-kind">${KIND_WORDS[place.kind] ?? place.kind}</span>
        </li>`;
        // pointerdown, not click: the input's blur would close the list before the click lands.
        option.addEventListener("pointerdown", (/** @type {Event} */ event) => {
          event.preventDefault();
          choose(place);
        });
        return option;
      }),
    );
    const open = shown.length > 0 && input.value.trim() !== "";
    listbox.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
  };
  input.addEventListener("input", update);
  input.addEventListener("keydown", (/** @type {KeyboardEvent} */ event) => {
    if (event.key === "ArrowDown" && shown.length) {
      event.preventDefault();
      active = Math.min(active + 1, shown.length - 1);
      mark();
    } else if (event.key === "ArrowUp" && shown.length) {
      event.preventDefault();
      active = Math.max(active - 1, 0);
      mark();
    } else if (event.key === "Enter") {
      event.preventDefault();
      const place = shown[Math.max(active, 0)];
      if (place) choose(place);
    } else if (event.key === "Escape") close();
  });
  input.addEventListener("blur", close);
  Promise.resolve(places).then((p) => {
    list = p;
    // Without a map (the home page), the IRIS names of the profile links come from the list.
    if (!irisNames)
      for (const place of p) if (place.kind === "iris" && place.iris[0]) names.set(place.iris[0], place.name);
    if (input.value) update();
  });

  return html`<div class="place-search" role="search">
    <label for=${`${id}-input`}>Trouver un lieu</label>
    <div class="place-box">${input}${listbox}</div>
    ${result}
  </div>`;
}
