import * as d3 from "d3";
import { html, svg } from "htl";
import { formatValue } from "./format.js";

let instances = 0;

/** Colour classes: quantiles of the published values, a blue scale readable by colour-blind readers. */
function colourScale(values, classes) {
  const positive = values.filter((v) => v > 0);
  return d3.scaleQuantile(positive.length ? positive : [0, 1], d3.schemeBlues[classes]);
}

/** What a zone shows: a class colour, zero, secret (hatched) or not available. */
export function zoneState(cell) {
  if (!cell) return "na";
  if (cell.secret) return "secret";
  if (cell.value === null) return "na";
  return cell.value === 0 ? "zero" : "value";
}

/**
 * Choropleth of IRIS. `features`: GeoJSON features (rewound at build time) with properties
 * code and name; `byCode`: published cells keyed by IRIS code. Each path carries data-code,
 * data-state and data-value so readers' tools and tests can read what is drawn.
 */
export function irisMap(
  features,
  byCode,
  {
    width = 640,
    title = "",
    unit = "count",
    classes = 5,
    details = () => "",
    className = "iris-map",
    zoneWord = "IRIS",
  } = {},
) {
  const id = `abs-map-${++instances}`;
  const height = Math.round(width * 0.8);
  const collection = { type: "FeatureCollection", features };
  const projection = d3.geoMercator().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    collection,
  );
  const path = d3.geoPath(projection);
  const values = [...byCode.values()].filter((c) => zoneState(c) === "value").map((c) => c.value);
  const colour = colourScale(values, classes);
  const fill = (state, value) =>
    state === "value"
      ? colour(value)
      : state === "zero"
        ? "#ffffff"
        : state === "secret"
          ? `url(#${id}-secret)`
          : "#d9d9d9";

  const shapes = features.map((f) => {
    const cell = byCode.get(f.properties.code);
    const state = zoneState(cell);
    // Tooltip: zone name, value, and for a rate its numerator and denominator (`details`).
    const extra = state === "value" || state === "zero" ? details(f.properties.code) : "";
    const label = `${f.properties.name} (${f.properties.code}) : ${formatValue(cell?.value ?? null, { unit, secret: state === "secret" })}${extra ? ` — ${extra}` : ""}`;
    return svg`<path d=${path(f)} fill=${fill(state, cell?.value)} stroke="#555" stroke-width="0.5"
      data-code=${f.properties.code} data-state=${state} data-value=${state === "value" || state === "zero" ? String(cell.value) : ""}
      ><title>${label}</title></path>`;
  });

  const map = svg`<svg class=${className} viewBox="0 0 ${width} ${height}" width=${width} height=${height}
      role="img" aria-label=${`${title}. Carte par ${zoneWord} ; le tableau qui suit la carte donne les mêmes valeurs.`}
      data-thresholds=${JSON.stringify(colour.quantiles())} data-colours=${JSON.stringify(colour.range())}>
    <defs>${secretPattern(`${id}-secret`)}</defs>
    <g class="zones">${shapes}</g>
  </svg>`;
  enableZoom(map, width, height);
  return html`<figure class="iris-map-figure">${map}${legend(colour, unit, `${id}-secret-legend`)}</figure>`;
}

function secretPattern(patternId) {
  return svg`<pattern id=${patternId} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
    <rect width="6" height="6" fill="#f2f2f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#666" stroke-width="2"/></pattern>`;
}

/** Zoom and pan (wheel, drag, keyboard buttons): the IRIS of the centre are tiny at commune scale. */
function enableZoom(map, width, height) {
  const zones = map.querySelector("g.zones");
  const zoom = d3
    .zoom()
    .scaleExtent([1, 12])
    .translateExtent([
      [0, 0],
      [width, height],
    ])
    .on("zoom", (event) => zones.setAttribute("transform", event.transform));
  d3.select(map).call(zoom);
  map.zoomBy = (k) => d3.select(map).transition().duration(200).call(zoom.scaleBy, k);
  map.zoomReset = () => d3.select(map).transition().duration(200).call(zoom.transform, d3.zoomIdentity);
}

function legend(colour, unit, patternId) {
  const thresholds = colour.quantiles();
  const classes = colour.range().map((c, i) => {
    const low = i === 0 ? null : thresholds[i - 1];
    const high = i < thresholds.length ? thresholds[i] : null;
    const text =
      low === null
        ? `moins de ${formatValue(high, { unit })}`
        : high === null
          ? `${formatValue(low, { unit })} et plus`
          : `${formatValue(low, { unit })} à moins de ${formatValue(high, { unit })}`;
    return html`<li><span class="swatch" style=${`background:${c}`}></span>${text}</li>`;
  });
  return html`<figcaption>
    <ul class="map-legend">
      ${classes}
      <li><span class="swatch swatch-zero"></span>zéro</li>
      <li>
        <svg width="14" height="14" aria-hidden="true">
          <defs>${secretPattern(patternId)}</defs>
          <rect width="14" height="14" fill=${`url(#${patternId})`} stroke="#555" />
        </svg>
        secret statistique (moins de 5 personnes ou zone de moins de 100 habitants)
      </li>
      <li><span class="swatch swatch-na"></span>non disponible</li>
    </ul>
  </figcaption>`;
}
