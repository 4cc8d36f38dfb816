// @ts-check
import * as Plot from "@observablehq/plot";
import { html } from "htl";
import { findCell, yearsOf } from "./cells.js";
import { commentaryBlock } from "./commentary.js";
import { downloadLinks, visualYears } from "./downloads.js";
import { exportImageButtons } from "./export-image.js";
import { formatChange, formatValue, unitText } from "./format.js";
import { plainTable } from "./plain-table.js";
import { sourceLine, sourceText } from "./source-line.js";
import { linkButton, readViewState, viewUrl, writeViewState } from "./url-state.js";

/** @typedef {import("./types.js").PageCatalogue} PageCatalogue */
/** @typedef {import("./types.js").PublishedCell} PublishedCell */
/** @typedef {import("./types.js").PublishedCommentary} PublishedCommentary */
/** @typedef {import("./types.js").VisualDefinition} VisualDefinition */
/** @typedef {{code: string, name: string}} IrisName */
/** @typedef {{code: string, level: "iris" | "arrondissement" | "commune" | "departement", zone: string}} Zone */
/** @typedef {Zone & {cell: PublishedCell | undefined, change: PublishedCell | undefined}} ComparisonRow */
/** @typedef {{zone: string, code: string, value: number, selected: boolean}} RankedIris */

/** At most four zones side by side: beyond that the bars stop being read one by one. */
export const MAX_ZONES = 4;

const SELECTED_FILL = "#b03a2e";
const OTHER_FILL = "#8fb3cf";
/** Height of one reference label's line under the ranking, in px. */
const REFERENCE_LINE = 13;

let comparisons = 0;

/**
 * Rates and shares compare across zones of any size; counts do not (they are shown as a table only).
 * @param {string} unit
 */
export const comparable = (unit) => unit === "rate" || unit === "share" || unit === "evolution";

/** @param {PublishedCell | undefined} cell @returns {cell is PublishedCell & {value: number}} */
const drawn = (cell) => !!cell && !cell.secret && cell.value !== null;

/**
 * The zone a code designates: the département, the commune, one of its arrondissements
 * (Marseille) or one of its IRIS (codes of 2, 5 and 9 characters never collide; arrondissement
 * codes are not commune codes). Unknown codes (an old link) give undefined.
 * @param {string} code
 * @param {{commune: string, communeName: string, departement: string, departementName: string, arrondissements?: {code: string, name: string}[]}} territory
 * @param {IrisName[]} iris
 * @returns {Zone | undefined}
 */
export function zoneOf(code, territory, iris) {
  if (code === territory.commune) return { code, level: "commune", zone: territory.communeName };
  if (code === territory.departement) return { code, level: "departement", zone: territory.departementName };
  const arrondissement = territory.arrondissements?.find((a) => a.code === code);
  if (arrondissement) return { code, level: "arrondissement", zone: arrondissement.name };
  const one = iris.find((i) => i.code === code);
  return one ? { code, level: "iris", zone: `IRIS ${one.name}` } : undefined;
}

/**
 * The rows of a comparison, in the reader's order: each chosen zone's cell and its published
 * change over a year (the « -evolution » indicator, itself protected; never a difference
 * computed here, which would be a new cell the secrecy audit never saw).
 * @param {PublishedCell[]} cells
 * @param {{indicator: string, year: number, zones: Zone[]}} where
 * @returns {ComparisonRow[]}
 */
export function comparisonRows(cells, { indicator, year, zones }) {
  return zones.map((z) => ({
    ...z,
    cell: findCell(cells, { indicator, year, level: z.level, code: z.code }),
    change: findCell(cells, { indicator: `${indicator}-evolution`, year, level: z.level, code: z.code }),
  }));
}

/**
 * Every IRIS with a published value, highest first; ties by name so the order is stable.
 * Secret and missing IRIS are left out of the ranking (their place in it would say
 * something about their value) and listed apart by the caller.
 * @param {PublishedCell[]} cells
 * @param {{indicator: string, year: number, iris: IrisName[], selected: string[]}} where
 * @returns {{ranked: RankedIris[], unranked: {zone: string, code: string, secret: boolean}[]}}
 */
export function irisRanking(cells, { indicator, year, iris, selected }) {
  /** @type {RankedIris[]} */
  const ranked = [];
  /** @type {{zone: string, code: string, secret: boolean}[]} */
  const unranked = [];
  for (const { code, name } of iris) {
    const cell = findCell(cells, { indicator, year, level: "iris", code });
    if (drawn(cell)) ranked.push({ zone: name, code, value: cell.value, selected: selected.includes(code) });
    else unranked.push({ zone: name, code, secret: !!cell?.secret });
  }
  ranked.sort((a, b) => b.value - a.value || a.zone.localeCompare(b.zone, "fr"));
  unranked.sort((a, b) => a.zone.localeCompare(b.zone, "fr"));
  return { ranked, unranked };
}

/**
 * One Plot chart as one image with one text alternative: Plot's labels on its inner groups
 * are not allowed there (axe: aria-prohibited-attr).
 * @param {SVGSVGElement | HTMLElement} chart
 * @param {string} label
 */
function asImage(chart, label) {
  for (const element of chart.querySelectorAll("[aria-label]")) element.removeAttribute("aria-label");
  chart.setAttribute("role", "img");
  chart.setAttribute("aria-label", label);
  return chart;
}

/**
 * The chosen zones as bars on the scale the ranking uses too, so a bar reads the same length
 * in both charts.
 * @param {ComparisonRow[]} rows
 * @param {{unit: string, domain: [number, number], label: string}} options
 */
function zonesChart(rows, { unit, domain, label }) {
  const shown = rows.filter((r) => drawn(r.cell)).map((r) => ({ zone: r.zone, value: Number(r.cell?.value) }));
  if (!shown.length) return null;
  const chart = Plot.plot({
    width: 640,
    height: 44 + 34 * shown.length,
    marginLeft: 190,
    marginRight: 60,
    x: { domain, grid: true, label, tickFormat: (/** @type {number} */ v) => formatValue(v, { unit }) },
    y: { label: null, domain: shown.map((r) => r.zone) },
    marks: [
      Plot.barX(shown, { y: "zone", x: "value", fill: SELECTED_FILL }),
      Plot.text(shown, {
        y: "zone",
        x: "value",
        text: (/** @type {{value: number}} */ d) => formatValue(d.value, { unit }),
        dx: 4,
        textAnchor: "start",
      }),
      Plot.ruleX([0]),
    ],
  });
  return asImage(chart, `${label} : ${shown.map((r) => `${r.zone} ${formatValue(r.value, { unit })}`).join(" ; ")}.`);
}

/**
 * Every IRIS ranked, the chosen ones in red, the commune and the département as dashed lines.
 * @param {RankedIris[]} ranked
 * @param {{unit: string, domain: [number, number], label: string, references: {zone: string, value: number}[]}} options
 */
function rankingChart(ranked, { unit, domain, label, references }) {
  // The reference labels sit in a band of their own under the bars (the axis is on top), one
  // line each: drawn inside the frame they covered the lowest bars. The chart keeps its height
  // (the bars give up the band's room): a taller ranking no longer fit its printed page.
  const labelsBand = 6 + REFERENCE_LINE * references.length;
  const middle = (domain[0] + domain[1]) / 2;
  const chart = Plot.plot({
    width: 640,
    // 15 px a bar as before, down to 12 px for a short ranking that would not have the room.
    height: Math.max(50 + 15 * ranked.length, 36 + 12 * ranked.length + labelsBand),
    marginLeft: 190,
    marginRight: 60,
    marginTop: 36,
    marginBottom: labelsBand,
    x: { domain, grid: true, label, axis: "top", tickFormat: (/** @type {number} */ v) => formatValue(v, { unit }) },
    y: { label: null, domain: ranked.map((r) => r.zone), tickSize: 0 },
    marks: [
      Plot.barX(ranked, {
        y: "zone",
        x: "value",
        fill: (/** @type {RankedIris} */ d) => (d.selected ? SELECTED_FILL : OTHER_FILL),
        insetTop: 1,
        insetBottom: 1,
      }),
      Plot.text(ranked, {
        y: "zone",
        x: "value",
        text: (/** @type {RankedIris} */ d) => formatValue(d.value, { unit }),
        dx: 3,
        textAnchor: "start",
        fontSize: 9,
        fill: (/** @type {RankedIris} */ d) => (d.selected ? SELECTED_FILL : "#1b2631"),
      }),
      Plot.ruleX(references, { x: "value", stroke: "#1b2631", strokeDasharray: "4 3" }),
      // One label per reference line, one under the other, so that two close values stay legible;
      // on the side of its line where there is room (a value past the middle reads leftwards).
      ...references.map((r, i) =>
        Plot.text([r], {
          x: "value",
          text: (/** @type {{zone: string, value: number}} */ d) => `${d.zone} : ${formatValue(d.value, { unit })}`,
          frameAnchor: "bottom",
          textAnchor: r.value > middle ? "end" : "start",
          dx: r.value > middle ? -3 : 3,
          dy: 3 + REFERENCE_LINE * i,
          fontSize: 10,
          lineAnchor: "top",
          stroke: "white",
          strokeWidth: 3,
          paintOrder: "stroke",
          fill: "#1b2631",
        }),
      ),
      Plot.ruleX([0]),
    ],
  });
  return asImage(
    chart,
    `${label}, IRIS classés du plus élevé au plus faible : ${ranked
      .map((r, i) => `${i + 1}. ${r.zone} ${formatValue(r.value, { unit })}`)
      .join(" ; ")}.`,
  );
}

/**
 * Beyond this many IRIS a bar each no longer reads (Marseille's 328 drew a chart 5,000 px
 * tall): the ranking becomes one profile of every value, the chosen IRIS marked and named
 * with their rank, and the full ranking a table the reader opens.
 */
export const LONG_RANKING = 60;

/**
 * The chosen IRIS with their place in the ranking (1 for the highest value).
 * @param {RankedIris[]} ranked
 * @returns {{zone: string, code: string, value: number, rank: number}[]}
 */
export function chosenRanks(ranked) {
  return ranked.flatMap((r, i) => (r.selected ? [{ zone: r.zone, code: r.code, value: r.value, rank: i + 1 }] : []));
}

/**
 * A long ranking as one profile: each IRIS a thin column, highest first, the chosen ones as
 * red dots, the commune and the département as dashed lines.
 * @param {RankedIris[]} ranked
 * @param {{unit: string, domain: [number, number], label: string, references: {zone: string, value: number}[]}} options
 */
function rankingProfile(ranked, { unit, domain, label, references }) {
  const columns = ranked.map((r, i) => ({ ...r, rank: i + 1 }));
  const chosen = columns.filter((c) => c.selected);
  const chart = Plot.plot({
    width: 640,
    height: 280,
    marginLeft: 56,
    marginRight: 16,
    marginTop: 24,
    marginBottom: 40,
    x: {
      domain: [0, ranked.length],
      label: `Rang (1 = valeur la plus élevée, sur ${ranked.length} IRIS)`,
      labelAnchor: "center",
      labelArrow: "none",
    },
    y: { domain, grid: true, label, tickFormat: (/** @type {number} */ v) => formatValue(v, { unit }) },
    marks: [
      Plot.rectY(columns, {
        x1: (/** @type {{rank: number}} */ d) => d.rank - 1,
        x2: "rank",
        y: "value",
        fill: (/** @type {RankedIris} */ d) => (d.selected ? SELECTED_FILL : OTHER_FILL),
      }),
      Plot.dot(chosen, {
        x: (/** @type {{rank: number}} */ d) => d.rank - 0.5,
        y: "value",
        r: 5,
        fill: SELECTED_FILL,
        stroke: "white",
      }),
      Plot.ruleY(references, { y: "value", stroke: "#1b2631", strokeDasharray: "4 3" }),
      Plot.text(references, {
        y: "value",
        text: (/** @type {{zone: string, value: number}} */ d) => `${d.zone} : ${formatValue(d.value, { unit })}`,
        frameAnchor: "right",
        textAnchor: "end",
        dy: -6,
        fontSize: 10,
        stroke: "white",
        strokeWidth: 3,
        paintOrder: "stroke",
        fill: "#1b2631",
      }),
      Plot.ruleY([0]),
    ],
  });
  const first = ranked[0];
  const last = ranked.at(-1);
  const named = chosenRanks(ranked).map(
    (c) => `${c.zone} ${c.rank}${rankEnding(c.rank)} (${formatValue(c.value, { unit })})`,
  );
  return asImage(
    chart,
    `${label}, ${ranked.length} IRIS classés du plus élevé au plus faible, de ${first?.zone} (${formatValue(first?.value ?? null, { unit })}) à ${last?.zone} (${formatValue(last?.value ?? null, { unit })})${named.length ? ` ; IRIS choisis : ${named.join(", ")}` : ""}. Le classement complet est dans le tableau qui suit.`,
  );
}

/** The ending of a French rank: « 1er », « 2e » (raised on the page). @param {number} n */
const rankEnding = (n) => (n === 1 ? "er" : "e");

/**
 * The full ranking as a table, for a long one (the profile names only the chosen IRIS).
 * @param {RankedIris[]} ranked
 * @param {{unit: string, valueHeading: string, caption: string}} options
 */
function rankingTable(ranked, { unit, valueHeading, caption }) {
  return html`<details class="ranking-table">
    <summary>Classement complet des ${ranked.length} IRIS (tableau)</summary>
    ${plainTable({
      className: "ranking-rows",
      caption,
      columns: ["Rang", "IRIS", valueHeading],
      rows: ranked.map(
        (r, i) =>
          html`<tr data-code=${r.code} class=${r.selected ? "chosen" : ""}>
            <td class="num">${i + 1}</td>
            <th scope="row">${r.zone}</th>
            <td class="num">${formatValue(r.value, { unit })}</td>
          </tr>`,
      ),
    })}
  </details>`;
}

/**
 * Up to four zones (IRIS, commune, département) chosen by the reader for one indicator and
 * year, drawn on one scale; below, every IRIS ranked for that indicator, the chosen ones
 * highlighted; the table of values with their signed change over a year. The indicator, year
 * and zones live in the page address (« Copier le lien de cette vue »).
 * @param {object} options
 * @param {VisualDefinition} options.visual
 * @param {PublishedCell[]} options.cells
 * @param {PageCatalogue} options.catalogue
 * @param {PublishedCommentary | null} options.commentary
 * @param {PageCatalogue["territory"]} options.territory
 * @param {IrisName[]} [options.iris] the commune's IRIS (features' properties)
 * @param {{csv: string, xlsx: string}} [options.downloads]
 */
export function comparisonPanel({ visual, cells, catalogue, commentary, territory, iris = [], downloads }) {
  const id = `comparison-${++comparisons}`;
  const indicators = visual.indicators.filter((i) => catalogue.indicators[i] && cells.some((c) => c.indicator === i));
  const sortedIris = [...iris].sort((a, b) => a.name.localeCompare(b.name, "fr"));
  const fromUrl = readViewState(visual.id);
  /** @type {{indicator: string, year: number, zones: string[]}} */
  const state = {
    indicator:
      fromUrl?.indicator && indicators.includes(fromUrl.indicator)
        ? fromUrl.indicator
        : // Like the maps, a comparison opens on a rate or a share: counts follow the zones' sizes.
          (indicators.find((i) => comparable(catalogue.indicators[i]?.unit ?? "count")) ?? indicators[0] ?? ""),
    year: fromUrl?.year ?? 0,
    zones: (fromUrl?.zones?.length ? fromUrl.zones : [territory.commune, territory.departement])
      .filter((code) => zoneOf(code, territory, iris))
      .slice(0, MAX_ZONES),
  };
  const hasLevel = (/** @type {string} */ level) =>
    cells.some((c) => c.indicator === state.indicator && c.level === level);
  const hasIris = () => hasLevel("iris");
  const chosenZones = () =>
    state.zones.flatMap((code) => {
      const zone = zoneOf(code, territory, iris);
      return zone && ((zone.level !== "iris" && zone.level !== "arrondissement") || hasLevel(zone.level)) ? [zone] : [];
    });

  const indicatorSelect = html`<select id=${`${id}-indicator`} name="indicator">
    ${indicators.map((i) => html`<option value=${i} selected=${i === state.indicator}>${catalogue.indicators[i]?.label}</option>`)}
  </select>`;
  const yearSelect = html`<select id=${`${id}-year`} name="year"></select>`;
  const addSelect = /** @type {HTMLSelectElement} */ (html`<select id=${`${id}-add`} name="zone"></select>`);
  const chips = html`<ul class="comparison-zones" aria-label="Zones comparées"></ul>`;
  const body = html`<div aria-live="polite"></div>`;

  const fillYears = () => {
    const years = yearsOf(cells, state.indicator);
    if (!years.includes(state.year)) state.year = years.at(-1) ?? 0;
    yearSelect.replaceChildren(
      ...years.map((y) => html`<option value=${y} selected=${y === state.year}>${y}</option>`),
    );
  };
  const fillZones = () => {
    const zones = chosenZones();
    const full = zones.length >= MAX_ZONES;
    /** @param {string} code @param {string} name */
    const option = (code, name) => (state.zones.includes(code) ? "" : html`<option value=${code}>${name}</option>`);
    addSelect.replaceChildren(
      html`<option value="">${full ? `${MAX_ZONES} zones au plus` : "Choisir une zone…"}</option>`,
      option(territory.commune, territory.communeName),
      option(territory.departement, territory.departementName),
      territory.arrondissements?.length && hasLevel("arrondissement")
        ? html`<optgroup label="Arrondissements">
            ${territory.arrondissements.map((a) => option(a.code, a.name))}
          </optgroup>`
        : "",
      hasIris() ? html`<optgroup label="IRIS">${sortedIris.map((i) => option(i.code, i.name))}</optgroup>` : "",
    );
    addSelect.value = "";
    addSelect.disabled = full;
    chips.replaceChildren(
      ...zones.map((z) => {
        const remove = html`<button
          type="button"
          class="zone-remove"
          aria-label=${`Retirer ${z.zone} de la comparaison`}
        >
          ×
        </button>`;
        remove.addEventListener("click", () => {
          state.zones = state.zones.filter((c) => c !== z.code);
          update();
        });
        return html`<li data-code=${z.code}><span>${z.zone}</span>${remove}</li>`;
      }),
    );
  };

  const render = () => {
    const info = catalogue.indicators[state.indicator];
    if (!info) return;
    const { indicator, year, unit } = { indicator: state.indicator, year: state.year, unit: info.unit };
    const edition = info.editions[year];
    const rows = comparisonRows(cells, { indicator, year, zones: chosenZones() });
    const { ranked, unranked } = hasIris()
      ? irisRanking(cells, { indicator, year, iris, selected: state.zones })
      : { ranked: [], unranked: [] };
    const axisLabel = `${info.label} (${unitText(unit, info.per, info.label)})`;
    // Counts of a commune dwarf its IRIS': they share the ranking's scale only for rates and shares.
    const references = comparable(unit)
      ? rows
          .filter((r) => r.level !== "iris" && drawn(r.cell))
          .map((r) => ({ zone: r.zone, value: Number(r.cell?.value) }))
      : [];
    const maximum = Math.max(
      0,
      ...ranked.map((r) => r.value),
      ...(comparable(unit) ? rows.filter((r) => drawn(r.cell)).map((r) => Number(r.cell?.value)) : []),
    );
    /** @type {[number, number]} */
    const domain = [0, maximum || 1];
    const source = edition ? sourceText(edition) : "";
    const title = `${info.label}, ${year}`;
    /** @param {SVGSVGElement | HTMLElement | null} chart @param {string} suffix @param {string} heading */
    const exportable = (chart, suffix, heading) =>
      chart instanceof SVGSVGElement && source
        ? exportImageButtons(
            chart,
            /** @type {any} */ ({ filename: `${visual.id}-${suffix}-${year}`, title: heading, source, unit }),
          )
        : "";
    const zones = comparable(unit) ? zonesChart(rows, { unit, domain, label: axisLabel }) : null;
    const long = ranked.length > LONG_RANKING;
    const ranking =
      ranked.length > 1
        ? (long ? rankingProfile : rankingChart)(ranked, { unit, domain, label: axisLabel, references })
        : null;
    const chosen = long ? chosenRanks(ranked) : [];
    const hasChange = cells.some((c) => c.indicator === `${indicator}-evolution`);
    body.replaceChildren(
      zones
        ? html`<figure class="comparison-chart">
            <figcaption>${title} : zones choisies, sur la même échelle que le classement</figcaption>
            ${zones}${exportable(zones, "zones", `${visual.title ?? info.label} : ${title}`)}
          </figure>`
        : "",
      html`<table class="comparison-table">
        <caption>
          ${title}
        </caption>
        <thead>
          <tr>
            <th scope="col">Zone</th>
            <th scope="col">Valeur (${unitText(unit, info.per, info.label)})</th>
            ${hasChange ? html`<th scope="col">Évolution sur un an</th>` : ""}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr data-level=${r.level} data-code=${r.code}>
                <th scope="row">${r.zone}</th>
                <td class="num">${formatValue(r.cell?.value ?? null, { unit, secret: r.cell?.secret })}</td>
                ${hasChange ? html`<td class="num">${formatChange(r.change)}</td>` : ""}
              </tr>`,
          )}
        </tbody>
      </table>`,
      // Printed, the ranking (a page tall) starts a page of its own: the zones above it keep
      // their source line on their page (shown in print only; the screen shows one per visual).
      edition && ranking ? html`<p class="print-source">${sourceText(edition)}</p>` : "",
      comparable(unit)
        ? ""
        : html`<p class="definition">
            Effectifs : ils dépendent de la taille de chaque zone ; comparez plutôt les taux.
          </p>`,
      ranking
        ? html`<figure class=${long ? "ranking-chart profile" : "ranking-chart"}>
            <figcaption>
              Classement des ${ranked.length} IRIS ${territory.ofCommune}, ${title} (en rouge : les IRIS
              choisis${references.length ? ` ; en pointillés : ${references.map((r) => r.zone).join(" et ")}` : ""})
            </figcaption>
            ${ranking}${exportable(ranking, "classement", `${info.label} : classement des IRIS, ${year}`)}
          </figure>`
        : "",
      chosen.length
        ? html`<ul class="ranking-chosen">
            ${chosen.map(
              (c) =>
                html`<li data-code=${c.code}>
                  ${c.zone} : ${formatValue(c.value, { unit })}, ${c.rank}<sup>${rankEnding(c.rank)}</sup> sur
                  ${ranked.length}
                </li>`,
            )}
          </ul>`
        : "",
      long && ranking
        ? rankingTable(ranked, {
            unit,
            valueHeading: `Valeur (${unitText(unit, info.per, info.label)})`,
            caption: `Classement des ${ranked.length} IRIS ${territory.ofCommune}, ${title}`,
          })
        : "",
      unranked.length && ranking
        ? html`<p class="ranking-unranked">
            Hors classement (secret statistique ou non disponible) : ${unranked.map((u) => u.zone).join(", ")}.
          </p>`
        : "",
      edition ? sourceLine(edition) : "",
      commentaryBlock(commentary, visual.id, year),
      downloads ? downloadLinks(downloads, visualYears(visual, catalogue)) : "",
    );
  };
  const update = () => {
    fillZones();
    render();
    writeViewState(visual.id, state);
  };

  indicatorSelect.addEventListener("change", () => {
    state.indicator = indicatorSelect.value;
    fillYears();
    update();
  });
  yearSelect.addEventListener("change", () => {
    state.year = Number(yearSelect.value);
    update();
  });
  addSelect.addEventListener("change", () => {
    if (addSelect.value && state.zones.length < MAX_ZONES) state.zones = [...state.zones, addSelect.value];
    update();
  });

  const panel = html`<section class="comparison-panel" data-visual=${visual.id} id=${`vue-${visual.id}`}>
    <div class="panel-controls">
      <label for=${`${id}-indicator`}>Indicateur</label> ${indicatorSelect}
      <label for=${`${id}-year`}>Année d'observation</label> ${yearSelect}
      <label for=${`${id}-add`}>Ajouter une zone</label> ${addSelect} ${linkButton(() => viewUrl(visual.id, state))}
    </div>
    ${chips} ${body}
  </section>`;
  fillYears();
  fillZones();
  render();
  return panel;
}
