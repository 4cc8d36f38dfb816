// Save a chart or a map as SVG or PNG for the ABS report and slides. The image carries its
// title, its source line and the dates of the data drawn inside it (Articles 6 and 7 of the
// convention: a figure copied into a slide keeps its source), and the review edition's marking
// when there is one. No dependency: DOM, XMLSerializer and a canvas only (works offline).

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif";

/** Splits a text into lines of at most `width` pixels, estimating a glyph at 0.55 em. */
export function wrapText(text, width, fontSize) {
  const perLine = Math.max(10, Math.floor(width / (fontSize * 0.55)));
  const lines = [];
  let line = "";
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    if (line && (line + " " + word).length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
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

/** The drawing's own frame: its viewBox, or its size on screen. */
function frameOf(svg) {
  const box = svg.viewBox?.baseVal;
  if (box && box.width > 0 && box.height > 0) return { x: box.x, y: box.y, width: box.width, height: box.height };
  const rect = svg.getBoundingClientRect();
  return {
    x: 0,
    y: 0,
    width: Math.max(1, rect.width || Number(svg.getAttribute("width")) || 640),
    height: Math.max(1, rect.height || Number(svg.getAttribute("height")) || 400),
  };
}

/**
 * A standalone SVG: the marking (if any) and the title above the drawing, the source line and
 * dates below it, on a white background. `source` is the visual's source line with its dates
 * (sourceText of source-line.js).
 */
export function composeSvg(svg, { title = "", source, marking = null } = {}) {
  if (!source) throw new Error("Une image exportée doit porter sa ligne de source et la date des données.");
  const frame = frameOf(svg);
  const width = Math.max(frame.width, 480);
  const pad = 12;
  const markingLines = marking ? wrapText(marking, width - 2 * pad, 13) : [];
  const titleLines = title ? wrapText(title, width - 2 * pad, 15) : [];
  const sourceLines = wrapText(source, width - 2 * pad, 11);
  let y = pad;
  const out = document.createElementNS(SVG_NS, "svg");
  out.setAttribute("xmlns", SVG_NS);
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("fill", "#ffffff");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  out.append(background);
  if (markingLines.length) {
    out.append(
      textBlock(markingLines, {
        x: pad,
        y: y + 13,
        fontSize: 13,
        weight: "bold",
        fill: "#7b1f1f",
        className: "export-marking",
      }),
    );
    y += markingLines.length * 13 * 1.3 + 6;
  }
  if (titleLines.length) {
    out.append(textBlock(titleLines, { x: pad, y: y + 15, fontSize: 15, weight: "bold", className: "export-title" }));
    y += titleLines.length * 15 * 1.3 + 6;
  }
  const drawing = svg.cloneNode(true);
  drawing.removeAttribute("style");
  drawing.removeAttribute("class");
  drawing.setAttribute("x", (width - frame.width) / 2);
  drawing.setAttribute("y", y);
  drawing.setAttribute("width", frame.width);
  drawing.setAttribute("height", frame.height);
  drawing.setAttribute("viewBox", `${frame.x} ${frame.y} ${frame.width} ${frame.height}`);
  out.append(drawing);
  y += frame.height + 8;
  out.append(textBlock(sourceLines, { x: pad, y: y + 11, fontSize: 11, fill: "#222", className: "export-source" }));
  y += sourceLines.length * 11 * 1.3 + pad;
  out.setAttribute("width", width);
  out.setAttribute("height", Math.ceil(y));
  out.setAttribute("viewBox", `0 0 ${width} ${Math.ceil(y)}`);
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

function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name any system accepts: letters, digits and dashes. */
export const safeFilename = (name) =>
  String(name)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "") || "visuel";

/**
 * Two buttons, "Enregistrer en SVG" and "Enregistrer en PNG", for the drawing inside `target`
 * (an <svg>, or an element containing one). Options: filename (without extension), title,
 * source (source line and dates), marking (the review edition's, from edition.json).
 */
export function exportImageButtons(target, { filename = "visuel", title = "", source, marking = null } = {}) {
  const box = document.createElement("div");
  box.className = "export-image";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", title ? `Enregistrer l'image : ${title}` : "Enregistrer l'image");
  const name = safeFilename(filename);
  const svgOf = () => (target instanceof SVGSVGElement ? target : target.querySelector("svg"));
  const button = (label, format) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", async () => {
      // The review edition's banner (loaders/publish/review.ts) is on the page: its marking goes into the image.
      const mark = marking ?? document.querySelector(".review-marking")?.textContent?.trim() ?? null;
      const composed = composeSvg(svgOf(), { title, source, marking: mark });
      if (format === "svg") download(new Blob([serializeSvg(composed)], { type: "image/svg+xml" }), `${name}.svg`);
      else download(await svgToPng(composed), `${name}.png`);
    });
    return b;
  };
  box.append(button("Enregistrer l'image (SVG)", "svg"), button("Enregistrer l'image (PNG)", "png"));
  return box;
}
