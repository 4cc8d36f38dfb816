// @ts-check
import * as d3 from "d3";
import { html, svg } from "htl";
import { formatValue, unitText } from "./format.js";

/** @typedef {import("./types.js").PublishedCell} PublishedCell */
/** @typedef {import("./types.js").ZoneFeature} ZoneFeature */
/** @typedef {import("./types.js").IndicatorUnit} IndicatorUnit */

/** @typedef {{k: number, apply: (p: [number, number]) => [number, number]}} ZoomTransform */

let instances = 0;

/** What the map colours as "zero": white, apart from every class colour (the lightest blue is dropped). */
export const ZERO_FILL = "#ffffff";
export const NOT_AVAILABLE_FILL = "#d9d9d9";
/** Under the circles of a count: outlines only, so the circles carry the values. */
const COUNT_BASE_FILL = "#f4f6f8";

/**
 * Colour classes: quantiles of the published values, a blue scale readable by colour-blind
 * readers, without its lightest blue so that the lowest class never looks like zero.
 * @param {number[]} values
 * @param {number} classes
 */
function colourScale(values, classes) {
  const positive = values.filter((v) => v > 0);
  const range = /** @type {string[]} */ (d3.schemeBlues[classes + 1]).slice(1);
  return d3.scaleQuantile(positive.length ? positive : [0, 1], range);
}

/**
 * What a zone shows: a class colour, zero, secret (hatched) or not available.
 * @param {PublishedCell | undefined} cell
 * @returns {"na" | "secret" | "zero" | "value"}
 */
export function zoneState(cell) {
  if (!cell) return "na";
  if (cell.secret) return "secret";
  if (cell.value === null) return "na";
  return cell.value === 0 ? "zero" : "value";
}

/** Counts and amounts are drawn as proportional circles; rates and shares as colours. */
export const drawsCircles = (/** @type {string} */ unit) => unit === "count" || unit === "amount";

/**
 * @typedef {object} IrisMapOptions
 * @property {number} [width]
 * @property {string} [title] what the map shows, with the year (the svg's label)
 * @property {string} [legendTitle] the indicator's label (catalogue), the legend's title
 * @property {IndicatorUnit | string} [unit]
 * @property {number} [per] a rate's base (ratios.json), for the unit
 * @property {number | null} [year]
 * @property {number} [classes]
 * @property {(code: string) => string} [details] numerator and denominator of a rate
 * @property {string} [className]
 * @property {string} [zoneWord]
 * @property {((code: string) => string | null) | null} [profileHref] a zone's profile page
 * @property {ZoneFeature[]} [context] the communes around, drawn for orientation
 * @property {string} [territoryCode] the commune among them whose outline is drawn over the zones
 * @property {ZoneFeature[]} [outlines] larger zones whose borders are drawn over the zones (Marseille's arrondissements)
 * @property {boolean} [interactive] tooltips, keyboard and zoom (off for a locator map)
 * @property {boolean} [legend] off for a locator map
 */

/**
 * Map of IRIS (or communes). `features`: GeoJSON features (rewound at build time) with
 * properties code and name; `byCode`: published cells keyed by zone code. Rates are drawn as
 * a choropleth, counts as proportional circles over the outlines. Each zone path carries
 * data-code, data-state and data-value so readers' tools and tests can read what is drawn;
 * zones are focusable, show an HTML tooltip on hover, focus and tap, and open their profile
 * on click or Enter.
 * @param {ZoneFeature[]} features
 * @param {Map<string, PublishedCell>} byCode
 * @param {IrisMapOptions} [options]
 */
export function irisMap(features, byCode, options = {}) {
  const {
    width = 640,
    title = "",
    legendTitle = title,
    unit = "count",
    per = 100,
    year = null,
    classes = 5,
    details = () => "",
    className = "iris-map",
    zoneWord = "IRIS",
    profileHref = null,
    context = [],
    territoryCode = "",
    outlines = [],
    interactive = true,
    legend: withLegend = true,
  } = options;
  const id = `abs-map-${++instances}`;
  const height = Math.round(width * 0.8);
  /** @type {any} */
  const collection = { type: "FeatureCollection", features };
  const projection = d3.geoMercator().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    collection,
  );
  const path = d3.geoPath(projection);
  const circles = drawsCircles(unit);
  const values = [...byCode.values()]
    .filter((c) => zoneState(c) === "value")
    .map((c) => /** @type {number} */ (c.value));
  const colour = colourScale(values, classes);
  const radius = d3.scaleSqrt([0, d3.max(values) ?? 1], [0, width / 28]);
  /** @param {string} state @param {number | null | undefined} value */
  const fill = (state, value) =>
    state === "secret"
      ? `url(#${id}-secret)`
      : state === "na"
        ? NOT_AVAILABLE_FILL
        : state === "zero"
          ? ZERO_FILL
          : circles
            ? COUNT_BASE_FILL
            : colour(/** @type {number} */ (value));
  const unitWords = unitText(unit, per, legendTitle);

  /** The words of a zone: name, value and unit, numerator and denominator, year. @param {ZoneFeature} f */
  const describe = (f) => {
    const cell = byCode.get(f.properties.code);
    const state = zoneState(cell);
    const value =
      state === "secret"
        ? "secret statistique"
        : state === "na"
          ? "non disponible"
          : `${formatValue(cell?.value ?? null, { unit })} (${unitWords})`;
    const extra = state === "value" || state === "zero" ? details(f.properties.code) : "";
    return {
      name: `${f.properties.name} (${f.properties.code})`,
      value,
      extra,
      year: year === null ? "" : `Année ${year}`,
    };
  };

  const shapes = features.map((f) => {
    const cell = byCode.get(f.properties.code);
    const state = zoneState(cell);
    const words = describe(f);
    const label = [words.name, words.value, words.extra, words.year].filter(Boolean).join(" ; ");
    return svg`<path d=${path(f)} fill=${fill(state, cell?.value)} stroke="#555" stroke-width="0.6"
      vector-effect="non-scaling-stroke" class="zone"
      data-code=${f.properties.code} data-name=${f.properties.name} data-state=${state}
      data-value=${state === "value" || state === "zero" ? String(cell?.value) : ""}
      tabindex=${interactive ? "0" : null} role=${interactive ? "link" : null}
      aria-label=${interactive ? label : null}></path>`;
  });
  // Orientation: the neighbouring communes under the zones, named; the commune's outline over them.
  const neighbours = context.filter((f) => f.properties.code !== territoryCode);
  const contextShapes = neighbours.map(
    (f) => svg`<path d=${path(f)} class="context-zone" vector-effect="non-scaling-stroke"></path>`,
  );
  const territory = context.find((f) => f.properties.code === territoryCode);
  /** Whether a point of the drawing lies on the commune, whose zones are drawn over the names. @param {number} x @param {number} y */
  const onTerritory = (x, y) => {
    const point = projection.invert?.([x, y]);
    return !!territory && !!point && d3.geoContains(/** @type {any} */ (territory), point);
  };
  const contextLabels = neighbours.flatMap((f) => {
    const [cx, y] = path.centroid(f);
    if (!(cx > 20 && cx < width - 20 && y > 10 && y < height - 10)) return [];
    // About 5 px a character at 9 px: the name stays whole in the frame, and off the commune
    // (its zones would cover it), centred, else starting or ending at the centre, else not drawn.
    const length = f.properties.name.length * 5 + 4;
    const placements = /** @type {const} */ ([
      ["middle", -length / 2],
      ["start", 0],
      ["end", -length],
    ]);
    for (const [anchor, offset] of placements) {
      const left = Math.min(Math.max(cx + offset, 2), width - 2 - length);
      const free = [0, 0.5, 1].every((k) => !onTerritory(left + k * length, y - 3));
      if (!free) continue;
      const x = anchor === "middle" ? left + length / 2 : anchor === "start" ? left : left + length;
      return [
        svg`<text class="context-label" x=${x} y=${y} text-anchor=${anchor} aria-hidden="true">${f.properties.name}</text>`,
      ];
    }
    return [];
  });
  const outline = context
    .filter((f) => f.properties.code === territoryCode)
    .map((f) => svg`<path class="territory-outline" d=${path(f)} vector-effect="non-scaling-stroke"></path>`);
  // Which arrondissement an IRIS lies in, read on the map itself: their borders over the IRIS.
  const outlineShapes = outlines.map(
    (f) =>
      svg`<path class="zone-outline" data-code=${f.properties.code} d=${path(f)} fill="none" stroke="#222"
        stroke-width="2" vector-effect="non-scaling-stroke" pointer-events="none"></path>`,
  );

  /** Centroids, areas and label widths in map coordinates, for labels, circles and zoom. */
  const geometry = features.map((f) => {
    const [[x0, y0], [x1, y1]] = path.bounds(f);
    const [cx, cy] = path.centroid(f);
    return { code: f.properties.code, name: f.properties.name, cx, cy, w: x1 - x0, h: y1 - y0, area: path.area(f) };
  });
  const circleMarks = circles
    ? geometry.flatMap((g) => {
        const cell = byCode.get(g.code);
        if (zoneState(cell) !== "value") return [];
        return [
          svg`<circle class="count-circle" data-code=${g.code} data-value=${String(cell?.value)}
            cx=${g.cx} cy=${g.cy} r=${radius(/** @type {number} */ (cell?.value))}></circle>`,
        ];
      })
    : [];
  const labelMarks = geometry.map(
    (g) =>
      svg`<text class="zone-label" data-code=${g.code} x=${g.cx} y=${g.cy} text-anchor="middle" dy="0.35em" aria-hidden="true">${shortLabel(g.name)}</text>`,
  );

  const map = /** @type {SVGSVGElement & MapControls} */ (
    svg`<svg class=${className} viewBox="0 0 ${width} ${height}" width=${width} height=${height}
      role="group" aria-label=${`${title}. Carte par ${zoneWord} ; chaque zone s'ouvre avec Entrée ; le tableau qui suit la carte donne les mêmes valeurs.`}
      data-mode=${circles ? "circles" : "choropleth"}
      data-thresholds=${JSON.stringify(colour.quantiles())} data-colours=${JSON.stringify(colour.range())}>
    <defs>${secretPattern(`${id}-secret`)}</defs>
    <g class="viewport">
      <g class="context">${contextShapes}${contextLabels}</g>
      <g class="zones">${shapes}</g>
      <g class="zone-outlines">${outlineShapes}</g>
      ${outline}
    </g>
    <g class="circles">${circleMarks}</g>
    <g class="labels">${labelMarks}</g>
  </svg>`
  );
  const tooltip = html`<div class="map-tooltip" role="status" hidden></div>`;
  const figure = html`<figure class="iris-map-figure">
    <div class="map-frame">${map}${tooltip}</div>
    ${withLegend ? legend({ colour, radius, circles, unit, unitWords, legendTitle, year, patternId: `${id}-secret-legend` }) : ""}
  </figure>`;
  const layout = placeMarks(map, geometry);
  if (interactive) {
    enableZoom(map, width, height, geometry, layout);
    enableTooltips(map, tooltip, features, describe, profileHref);
  } else {
    map.highlight = (codes) => highlightZones(map, codes);
    layout(d3.zoomIdentity);
  }
  return figure;
}

/**
 * @typedef {object} MapControls
 * @property {(k: number) => void} zoomBy
 * @property {() => void} zoomReset
 * @property {(codes: string[]) => void} highlight highlights the zones and zooms on them
 */

/** @param {string} patternId */
function secretPattern(patternId) {
  return svg`<pattern id=${patternId} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
    <rect width="6" height="6" fill="#f2f2f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#666" stroke-width="2"/></pattern>`;
}

/**
 * Places circles and names for a zoom transform: names only where they fit in their zone
 * (more of them as the reader zooms in), circles keep their size.
 * @param {SVGSVGElement} map
 * @param {{code: string, cx: number, cy: number, w: number, h: number}[]} geometry
 */
function placeMarks(map, geometry) {
  const labels = /** @type {SVGTextElement[]} */ ([...map.querySelectorAll("text.zone-label")]);
  const marks = /** @type {SVGCircleElement[]} */ ([...map.querySelectorAll("circle.count-circle")]);
  const byCode = new Map(geometry.map((g) => [g.code, g]));
  /**
   * Moves an element to its zone's centre under the transform; the zone, or undefined when the
   * element names none.
   * @param {SVGElement} element
   * @param {"cx" | "x"} xName
   * @param {ZoomTransform} t
   */
  const moveToZone = (element, xName, t) => {
    const g = byCode.get(element.dataset.code ?? "");
    if (!g) return undefined;
    const [x, y] = t.apply([g.cx, g.cy]);
    element.setAttribute(xName, String(x));
    element.setAttribute(xName === "cx" ? "cy" : "y", String(y));
    return g;
  };
  /** @param {ZoomTransform} t */
  return (t) => {
    for (const mark of marks) moveToZone(mark, "cx", t);
    for (const label of labels) {
      const g = moveToZone(label, "x", t);
      if (!g) continue;
      // About 5.2 px per character at 9 px: the name is drawn only inside its zone.
      const fits = g.w * t.k > (label.textContent?.length ?? 0) * 5.2 + 4 && g.h * t.k > 14;
      label.classList.toggle("fits", fits);
    }
  };
}

/**
 * A zone's name as drawn inside it: an arrondissement by its rank alone (« 3e », the « e »
 * raised), since « Marseille 3e arrondissement » fits in none of them; others as they are.
 * @param {string} name
 */
export function shortLabel(name) {
  const rank = /(\d+)(er|e) arrondissement$/.exec(name);
  // Two nodes, not one template: htl wraps several nodes in a <g>, which a <text> does not draw.
  return rank ? [rank[1], svg`<tspan baseline-shift="super" font-size="70%">${rank[2]}</tspan>`] : name;
}

/**
 * Zoom and pan by buttons, ctrl + wheel, drag or two fingers: the plain wheel and a one-finger
 * swipe scroll the page as everywhere else. The first zoom goes to the dense centre, where
 * IRIS are a few pixels wide. Borders keep their width (non-scaling stroke).
 * @param {SVGSVGElement & MapControls} map
 * @param {number} width
 * @param {number} height
 * @param {{code: string, cx: number, cy: number, w: number, h: number, area: number}[]} geometry
 * @param {(t: ZoomTransform) => void} layout
 */
function enableZoom(map, width, height, geometry, layout) {
  const viewport = /** @type {SVGGElement} */ (map.querySelector("g.viewport"));
  const small = [...geometry].sort((a, b) => a.area - b.area).slice(0, Math.max(1, Math.ceil(geometry.length * 0.4)));
  const centre = /** @type {[number, number]} */ ([
    d3.mean(small, (/** @type {{cx: number}} */ g) => g.cx) ?? width / 2,
    d3.mean(small, (/** @type {{cy: number}} */ g) => g.cy) ?? height / 2,
  ]);
  const zoom = d3
    .zoom()
    .scaleExtent([1, 16])
    .translateExtent([
      [0, 0],
      [width, height],
    ])
    .filter((/** @type {any} */ event) => {
      if (event.type === "wheel") return event.ctrlKey || event.metaKey;
      if (event.type.startsWith("touch")) return event.touches.length >= 2;
      return !event.ctrlKey && !event.button;
    })
    .on("zoom", (/** @type {any} */ event) => {
      viewport.setAttribute("transform", event.transform);
      layout(event.transform);
    });
  const selection = d3.select(map);
  selection.call(/** @type {any} */ (zoom)).on("dblclick.zoom", null);
  layout(d3.zoomIdentity);
  map.zoomBy = (k) => {
    const t = d3.zoomTransform(map);
    // From the overview, zoom in on the dense centre rather than the middle of the frame.
    const point = t.k === 1 && k > 1 ? t.apply(centre) : /** @type {[number, number]} */ ([width / 2, height / 2]);
    selection
      .transition()
      .duration(200)
      .call(/** @type {any} */ (zoom.scaleBy), k, point);
  };
  map.zoomReset = () =>
    selection
      .transition()
      .duration(200)
      .call(/** @type {any} */ (zoom.transform), d3.zoomIdentity);
  map.highlight = (codes) => {
    const chosen = highlightZones(map, codes);
    if (!chosen.length) return map.zoomReset();
    const bounds = chosen.map((c) => c.getBBox());
    const x0 = Math.min(...bounds.map((b) => b.x));
    const y0 = Math.min(...bounds.map((b) => b.y));
    const x1 = Math.max(...bounds.map((b) => b.x + b.width));
    const y1 = Math.max(...bounds.map((b) => b.y + b.height));
    const k = Math.min(8, 0.8 / Math.max((x1 - x0) / width, (y1 - y0) / height));
    const t = d3.zoomIdentity
      .translate(width / 2, height / 2)
      .scale(Math.max(1, k))
      .translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
    selection
      .transition()
      .duration(300)
      .call(/** @type {any} */ (zoom.transform), t);
  };
}

/**
 * Marks the chosen zones (data-highlighted) and brings them to the front.
 * @param {SVGSVGElement} map
 * @param {string[]} codes
 */
function highlightZones(map, codes) {
  const wanted = new Set(codes);
  const chosen = [];
  for (const zone of /** @type {NodeListOf<SVGPathElement>} */ (map.querySelectorAll("path.zone"))) {
    const on = wanted.has(zone.dataset.code ?? "");
    zone.classList.toggle("highlighted", on);
    if (on) zone.setAttribute("data-highlighted", "true");
    else zone.removeAttribute("data-highlighted");
    if (on) chosen.push(zone);
  }
  for (const zone of chosen) zone.parentElement?.append(zone);
  return chosen;
}

/**
 * The HTML tooltip, shown on hover, focus and tap; click and Enter open the zone's profile.
 * On a touch screen the first tap shows the tooltip (with a link to the profile) and a second
 * tap on the same zone opens it. Listeners are added in code: the CSP forbids inline handlers.
 * @param {SVGSVGElement} map
 * @param {HTMLElement} tooltip
 * @param {ZoneFeature[]} features
 * @param {(f: ZoneFeature) => {name: string, value: string, extra: string, year: string}} describe
 * @param {((code: string) => string | null) | null} profileHref
 */
function enableTooltips(map, tooltip, features, describe, profileHref) {
  const byCode = new Map(features.map((f) => [f.properties.code, f]));
  let tapped = "";
  /** @param {SVGPathElement} zone @param {number} [x] @param {number} [y] */
  const show = (zone, x, y) => {
    const feature = byCode.get(zone.dataset.code ?? "");
    if (!feature) return;
    const words = describe(feature);
    const href = profileHref?.(feature.properties.code);
    tooltip.replaceChildren(
      html`<strong>${words.name}</strong>`,
      html`<span>${words.value}</span>`,
      words.extra ? html`<span>${words.extra}</span>` : "",
      words.year ? html`<span>${words.year}</span>` : "",
      href ? html`<a href=${href}>Portrait de l'IRIS</a>` : "",
    );
    const frame = /** @type {HTMLElement} */ (tooltip.parentElement).getBoundingClientRect();
    const box = zone.getBoundingClientRect();
    const left = (x ?? box.left + box.width / 2) - frame.left;
    const top = (y ?? box.top + box.height / 2) - frame.top;
    tooltip.style.left = `${Math.max(0, Math.min(left + 12, frame.width - 220))}px`;
    tooltip.style.top = `${Math.max(0, top + 12)}px`;
    tooltip.hidden = false;
  };
  const hide = () => {
    tooltip.hidden = true;
  };
  /** @param {Event} event */
  const zoneOf = (event) => /** @type {Element} */ (event.target).closest?.("path.zone");
  /** @param {string} code */
  const open = (code) => {
    const href = profileHref?.(code);
    if (href) window.location.assign(href);
  };
  map.addEventListener("pointermove", (event) => {
    const zone = /** @type {SVGPathElement | null} */ (zoneOf(event));
    if (zone && event.pointerType !== "touch") show(zone, event.clientX, event.clientY);
  });
  map.addEventListener("pointerleave", (event) => {
    if (event.pointerType !== "touch") hide();
  });
  map.addEventListener("pointerup", (event) => {
    const zone = /** @type {SVGPathElement | null} */ (zoneOf(event));
    if (!zone) return hide();
    const code = zone.dataset.code ?? "";
    if (event.pointerType === "touch" && tapped !== code) {
      tapped = code;
      show(zone, event.clientX, event.clientY);
      return;
    }
    open(code);
  });
  map.addEventListener("focusin", (event) => {
    const zone = /** @type {SVGPathElement | null} */ (zoneOf(event));
    if (zone) show(zone);
  });
  map.addEventListener("focusout", hide);
  map.addEventListener("keydown", (event) => {
    const zone = /** @type {SVGPathElement | null} */ (zoneOf(event));
    if (zone && event.key === "Enter") open(zone.dataset.code ?? "");
    if (event.key === "Escape") hide();
  });
}

/**
 * The legend: title (the indicator and year), unit, classes or circle sizes, then zero, secret
 * and not available, each with its own swatch. The secret entry says « secret statistique »
 * and nothing about why: the reason would tell the reader how small the hidden value is.
 * @param {object} p
 * @param {any} p.colour d3 quantile scale
 * @param {any} p.radius d3 square-root scale
 * @param {boolean} p.circles
 * @param {string} p.unit
 * @param {string} p.unitWords
 * @param {string} p.legendTitle
 * @param {number | null} p.year
 * @param {string} p.patternId
 */
function legend({ colour, radius, circles, unit, unitWords, legendTitle, year, patternId }) {
  let entries;
  if (circles) {
    // Reference sizes are round numbers below the largest value, never a zone's own value.
    const max = radius.domain()[1] ?? 1;
    const sizes = /** @type {number[]} */ (d3.ticks(0, max, 3)).filter((v) => v > 0).slice(-3);
    entries = sizes.map((v) => {
      const r = radius(v);
      return html`<li>
        <svg width=${2 * r + 2} height=${2 * r + 2} aria-hidden="true">
          <circle class="count-circle" cx=${r + 1} cy=${r + 1} r=${r}></circle>
        </svg>
        ${formatValue(v, { unit })}
      </li>`;
    });
  } else {
    const thresholds = /** @type {number[]} */ (colour.quantiles());
    entries = /** @type {string[]} */ (colour.range()).map((c, i) => {
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
  }
  return html`<figcaption class="map-legend-block">
    <p class="map-legend-title"><strong>${legendTitle}</strong>${year === null ? "" : `, ${year}`}</p>
    <p class="map-legend-unit">
      Unité : ${unitWords}${circles ? " — surface des cercles proportionnelle à la valeur" : ""}
    </p>
    <ul class="map-legend">
      ${entries}
      <li><span class="swatch swatch-zero"></span>zéro</li>
      <li>
        <svg width="14" height="14" aria-hidden="true">
          <defs>${secretPattern(patternId)}</defs>
          <rect width="14" height="14" fill=${`url(#${patternId})`} stroke="#555" />
        </svg>
        secret statistique
      </li>
      <li><span class="swatch swatch-na"></span>non disponible</li>
    </ul>
  </figcaption>`;
}
