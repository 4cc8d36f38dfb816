// Save a chart or a map as SVG or PNG for the ABS report and slides. The image carries its
// title, its source line and the dates of the data drawn inside it (Articles 6 and 7 of the
// convention: a figure copied into a slide keeps its source), and the review edition's marking
// when there is one. No dependency: DOM, XMLSerializer and a canvas only (works offline).

import { datedFilename } from "./file-names.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif";

/** A slide's frame (16:9): every image has this size, whatever the drawing on screen. */
export const SLIDE = { width: 1280, height: 720 };

const UNIT_WORDS = {
  count: "effectif (nombre de personnes)",
  amount: "effectif",
  rate: "taux",
  share: "part, en %",
  evolution: "évolution, en %",
};

let measureContext;
/** Width of a text in pixels: measured on a canvas when there is one, else estimated at 0.6 em. */
function textWidth(text, fontSize, weight = "normal") {
  if (typeof document !== "undefined") {
    measureContext ??= document.createElement("canvas").getContext("2d");
    if (measureContext) {
      measureContext.font = `${weight} ${fontSize}px ${FONT}`;
      // A margin of 5 %: the rasteriser may pick a wider fallback font than the page did.
      return measureContext.measureText(text).width * 1.05;
    }
  }
  return String(text).length * fontSize * 0.6;
}

/** Splits a text into lines of at most `width` pixels (a word longer than a line is cut). */
export function wrapText(text, width, fontSize, weight = "normal") {
  const lines = [];
  let line = "";
  for (let word of String(text).split(/\s+/).filter(Boolean)) {
    while (textWidth(word, fontSize, weight) > width && word.length > 1) {
      let cut = word.length - 1;
      while (cut > 1 && textWidth(word.slice(0, cut), fontSize, weight) > width) cut--;
      if (line) lines.push(line);
      lines.push(word.slice(0, cut));
      line = "";
      word = word.slice(cut);
    }
    const joined = line ? `${line} ${word}` : word;
    if (line && textWidth(joined, fontSize, weight) > width) {
      lines.push(line);
      line = word;
    } else line = joined;
  }
  if (line) lines.push(line);
  return lines;
}

function textBlock(lines, { x, y, fontSize, weight = "normal", fill = "#000", className }) {
  const text = document.createElementNS(SVG_NS, "text");
  text.setAttribute("x", x);
  text.setAttribute("y", y);
  text.setAttribute("font-family", FONT);
  text.setAttribute("font-size", fontSize);
  text.setAttribute("font-weight", weight);
  text.setAttribute("fill", fill);
  if (className) text.setAttribute("class", className);
  lines.forEach((line, i) => {
    const span = document.createElementNS(SVG_NS, "tspan");
    span.setAttribute("x", x);
    span.setAttribute("dy", i === 0 ? 0 : fontSize * 1.3);
    span.textContent = line; // text, never markup
    text.append(span);
  });
  return text;
}

/**
 * The drawing's own frame: its viewBox (or its size on screen), widened to what it really
 * draws — Plot's value labels can overflow the viewBox, which clipped them ("57,"). A map
 * (a zoomable .viewport) is not widened: its neighbouring communes overflow its frame on
 * purpose, and the image shows what the screen shows.
 */
function frameOf(svg) {
  const box = svg.viewBox?.baseVal;
  const rect = svg.getBoundingClientRect?.() ?? { width: 0, height: 0 };
  const frame =
    box && box.width > 0 && box.height > 0
      ? { x: box.x, y: box.y, width: box.width, height: box.height }
      : {
          x: 0,
          y: 0,
          width: Math.max(1, rect.width || Number(svg.getAttribute("width")) || 640),
          height: Math.max(1, rect.height || Number(svg.getAttribute("height")) || 400),
        };
  if (svg.querySelector?.(".viewport")) return frame;
  const drawn = (() => {
    try {
      return svg.isConnected ? svg.getBBox() : null;
    } catch {
      return null; // not rendered (display: none): the declared frame only
    }
  })();
  if (!drawn || drawn.width <= 0 || drawn.height <= 0) return frame;
  const x = Math.min(frame.x, drawn.x - 4);
  const y = Math.min(frame.y, drawn.y - 4);
  return {
    x,
    y,
    width: Math.max(frame.x + frame.width, drawn.x + drawn.width + 4) - x,
    height: Math.max(frame.y + frame.height, drawn.y + drawn.height + 4) - y,
  };
}

/** What the site's stylesheet gives a drawing's elements, and a standalone image must say itself. */
const PAINT = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "stroke-linejoin",
  "stroke-linecap",
  "opacity",
  "display",
  "visibility",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
  "paint-order",
  "vector-effect",
];

/**
 * Copies the computed paint of every element of `source` onto its copy `clone` (same tree):
 * a map's fills and strokes come from style.css (neighbouring communes, labels, circles),
 * which an SVG file opened alone does not have — without this, its shapes were drawn black.
 * A reference to a pattern stays local to the file (url(#id), not the page's address).
 */
export function inlinePaint(source, clone) {
  if (typeof getComputedStyle !== "function") return;
  const sources = [source, ...source.querySelectorAll("*")];
  const clones = [clone, ...clone.querySelectorAll("*")];
  sources.forEach((element, i) => {
    const copy = clones[i];
    if (!copy || element.tagName !== copy.tagName || element.tagName.toLowerCase() === "style") return;
    const computed = getComputedStyle(element);
    const style = PAINT.map((property) => {
      const value = computed.getPropertyValue(property).replace(/url\("?[^#")]*#([^")]+)"?\)/g, "url(#$1)");
      return value ? `${property}:${value}` : "";
    })
      .filter(Boolean)
      .join(";");
    if (style) copy.setAttribute("style", `${style};${copy.getAttribute("style") ?? ""}`);
  });
}

/**
 * The legend drawn beside the map: the classes of its figure's legend (.map-legend, with
 * their swatch colours), read from the page so that the image says what the screen says.
 * Returns [{label, fill}] where fill is a colour or "secret" (hatched).
 */
export function legendOf(svg) {
  const list = svg.closest?.("figure")?.querySelector(".map-legend");
  if (!list) return [];
  return [...list.querySelectorAll("li")].map((item) => {
    const swatch = item.querySelector(".swatch");
    const fill = swatch ? getComputedStyle(swatch).backgroundColor || "#ccc" : "secret";
    return { label: item.textContent.replace(/\s+/g, " ").trim(), fill };
  });
}

function hatchPattern() {
  const pattern = document.createElementNS(SVG_NS, "pattern");
  pattern.setAttribute("id", "export-secret");
  pattern.setAttribute("width", 6);
  pattern.setAttribute("height", 6);
  pattern.setAttribute("patternUnits", "userSpaceOnUse");
  pattern.setAttribute("patternTransform", "rotate(45)");
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", 6);
  background.setAttribute("height", 6);
  background.setAttribute("fill", "#ffffff");
  const line = document.createElementNS(SVG_NS, "line");
  line.setAttribute("x1", 0);
  line.setAttribute("y1", 0);
  line.setAttribute("x2", 0);
  line.setAttribute("y2", 6);
  line.setAttribute("stroke", "#555");
  line.setAttribute("stroke-width", 2);
  pattern.append(background, line);
  const defs = document.createElementNS(SVG_NS, "defs");
  defs.append(pattern);
  return defs;
}

/**
 * A standalone SVG at the slide's size (1280 × 720): the marking (if any) and the title on
 * top, the drawing scaled to fit, the legend with the unit at its right, the source line with
 * its dates at the bottom, on a white background. `source` is the visual's source line
 * (sourceText of source-line.js); `legend`: [{label, fill}]; `unit`: the catalogue's unit.
 */
export function composeSvg(svg, { title = "", source, marking = null, legend = [], unit = null } = {}) {
  if (!source) throw new Error("Une image exportée doit porter sa ligne de source et la date des données.");
  const { width, height } = SLIDE;
  const pad = 28;
  const out = document.createElementNS(SVG_NS, "svg");
  out.setAttribute("xmlns", SVG_NS);
  out.setAttribute("width", width);
  out.setAttribute("height", height);
  out.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("fill", "#ffffff");
  background.setAttribute("width", width);
  background.setAttribute("height", height);
  out.append(background, hatchPattern());

  let top = pad;
  const block = (text, fontSize, options) => {
    const lines = wrapText(text, width - 2 * pad, fontSize, options.weight);
    out.append(textBlock(lines, { x: pad, y: top + fontSize, fontSize, ...options }));
    top += lines.length * fontSize * 1.3 + 8;
  };
  if (marking) block(marking, 20, { weight: "bold", fill: "#7b1f1f", className: "export-marking" });
  if (title) block(title, 26, { weight: "bold", className: "export-title" });

  // The source line at the bottom: its height is known before the drawing is placed.
  const sourceSize = 15;
  const sourceLines = wrapText(source, width - 2 * pad, sourceSize);
  const sourceTop = height - pad - sourceLines.length * sourceSize * 1.3;
  out.append(
    textBlock(sourceLines, {
      x: pad,
      y: sourceTop + sourceSize,
      fontSize: sourceSize,
      fill: "#222",
      className: "export-source",
    }),
  );

  // The legend (and the unit) at the right of the drawing.
  const legendSize = 15;
  const entries = [...(unit ? [{ label: `Unité : ${UNIT_WORDS[unit] ?? unit}`, fill: null }] : []), ...legend];
  const legendWidth = entries.length ? 330 : 0;
  const legendGroup = document.createElementNS(SVG_NS, "g");
  legendGroup.setAttribute("class", "export-legend");
  let legendY = top + 8;
  for (const entry of entries) {
    const x = width - pad - legendWidth;
    const textX = entry.fill ? x + 30 : x;
    const lines = wrapText(entry.label, legendWidth - (textX - x), legendSize, entry.fill ? "normal" : "bold");
    if (entry.fill) {
      const swatch = document.createElementNS(SVG_NS, "rect");
      swatch.setAttribute("x", x);
      swatch.setAttribute("y", legendY + 2);
      swatch.setAttribute("width", 20);
      swatch.setAttribute("height", 16);
      swatch.setAttribute("stroke", "#555");
      swatch.setAttribute("fill", entry.fill === "secret" ? "url(#export-secret)" : entry.fill);
      legendGroup.append(swatch);
    }
    legendGroup.append(
      textBlock(lines, {
        x: textX,
        y: legendY + legendSize,
        fontSize: legendSize,
        weight: entry.fill ? "normal" : "bold",
        className: "export-legend-label",
      }),
    );
    legendY += lines.length * legendSize * 1.3 + 8;
  }
  out.append(legendGroup);

  // The drawing, scaled to the room left (never beyond twice its size: a small chart stays legible, not bloated).
  const frame = frameOf(svg);
  const roomWidth = width - 2 * pad - (legendWidth ? legendWidth + pad : 0);
  const roomHeight = Math.max(40, sourceTop - 12 - top);
  const scale = Math.min(roomWidth / frame.width, roomHeight / frame.height, 2.5);
  const drawing = svg.cloneNode(true);
  if (svg.isConnected) inlinePaint(svg, drawing);
  drawing.removeAttribute("style");
  drawing.setAttribute("x", pad + (roomWidth - frame.width * scale) / 2);
  drawing.setAttribute("y", top + (roomHeight - frame.height * scale) / 2);
  drawing.setAttribute("width", frame.width * scale);
  drawing.setAttribute("height", frame.height * scale);
  drawing.setAttribute("viewBox", `${frame.x} ${frame.y} ${frame.width} ${frame.height}`);
  // A chart's frame holds all it draws; a map is cut at its frame, as on screen.
  drawing.setAttribute("overflow", svg.querySelector(".viewport") ? "hidden" : "visible");
  // Plot scopes its <style> by the root's class: keep it.
  drawing.setAttribute("class", `${svg.getAttribute("class") ?? ""} export-drawing`.trim());
  out.insertBefore(drawing, legendGroup);
  return out;
}

export function serializeSvg(svg) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

/** PNG of a composed SVG, at `scale` times its size (2: sharp on slides). */
export async function svgToPng(svg, scale = 2) {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  const url = URL.createObjectURL(new Blob([serializeSvg(svg)], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG non produit"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob under `filename` (also used by the explorer's result downloads). */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Two buttons, "Enregistrer en SVG" and "Enregistrer en PNG", for the drawing inside `target`
 * (an <svg>, or an element containing one). Options: filename (without extension), title,
 * source (source line and dates), marking (the review edition's, from edition.json).
 */
export function exportImageButtons(
  target,
  { filename = "visuel", title = "", source, marking = null, unit = null } = {},
) {
  const box = document.createElement("div");
  box.className = "export-image";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", title ? `Enregistrer l'image : ${title}` : "Enregistrer l'image");
  const svgOf = () => (target instanceof SVGSVGElement ? target : target.querySelector("svg"));
  const button = (label, format) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.dataset.exportFormat = format; // stable hook for tests and the dossier
    b.addEventListener("click", async () => {
      // The review edition's banner (loaders/publish/review.ts) is on the page: its marking goes into the image.
      const mark = marking ?? document.querySelector(".review-marking")?.textContent?.trim() ?? null;
      const drawing = svgOf();
      const composed = composeSvg(drawing, { title, source, marking: mark, unit, legend: legendOf(drawing) });
      // The name says what and when: the visual and its year (in `filename`), the edition's month.
      const name = datedFilename(filename, format);
      if (format === "svg") saveBlob(new Blob([serializeSvg(composed)], { type: "image/svg+xml" }), name);
      else saveBlob(await svgToPng(composed), name);
    });
    return b;
  };
  box.append(button("Enregistrer l'image (SVG)", "svg"), button("Enregistrer l'image (PNG)", "png"));
  return box;
}
