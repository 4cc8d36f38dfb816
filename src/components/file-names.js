// @ts-check
// The names files are saved under (downloads, images, the explorer's results): what they hold
// and when, readable once the file has left the site — apa-iris-map-2015-2016-edition-2026-12.xlsx,
// never Framework's content hash (apa-iris-map.368e2d3b.xlsx). No dependency: export-image.js
// is also served alone (test/site/export-image.test.ts).

/** A file name any system accepts: letters, digits and dashes. */
export const safeFilename = (/** @type {string} */ name) =>
  String(name)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "") || "visuel";

/**
 * The edition's month, "2026-12", from the <meta name="abs-edition" data-date> every built
 * page carries (loaders/site/postprocess.ts); "" where there is none (the dev preview).
 * @param {Document} [doc]
 */
export function editionMonth(doc = globalThis.document) {
  const date = doc?.querySelector?.('meta[name="abs-edition"]')?.getAttribute("data-date") ?? "";
  return /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : "";
}

/** Whether the page is the review edition's (its banner, loaders/publish/review.ts). */
const isReviewPage = (doc = globalThis.document) => Boolean(doc?.querySelector?.(".review-marking"));

/**
 * "2015-2016" for [2016, 2015], "2016" for [2016], "" for none.
 * @param {readonly (number | string)[]} years
 */
export function yearSpan(years) {
  const numbers = [...new Set(years.map(Number).filter(Number.isFinite))].sort((a, b) => a - b);
  if (numbers.length === 0) return "";
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  return first === last ? String(first) : `${first}-${last}`;
}

/**
 * The name a file is saved under: its stem, the years of its data, the edition's month, and
 * « document-de-travail » when it comes from the review edition.
 * @param {string} stem what the file holds ("apa-iris-map")
 * @param {string} extension without the dot ("xlsx")
 * @param {{years?: readonly (number | string)[], edition?: string, review?: boolean}} [when]
 */
export function datedFilename(stem, extension, { years = [], edition = editionMonth(), review = isReviewPage() } = {}) {
  const parts = [
    safeFilename(stem),
    yearSpan(years),
    edition ? `edition-${edition}` : "",
    review ? "document-de-travail" : "",
  ];
  return `${parts.filter(Boolean).join("-")}.${extension}`;
}

/**
 * The stem and extension of a built file's address, without Framework's content hash:
 * "_file/data/observatoire/telechargements/apa-iris-map.368e2d3b.xlsx" → ["apa-iris-map", "xlsx"].
 * @param {string} href
 * @returns {[string, string]}
 */
export function fileStem(href) {
  const file = decodeURIComponent(String(href).split(/[?#]/)[0].split("/").pop() ?? "");
  const match = /^(.*?)(?:\.[0-9a-f]{8})?\.([a-z0-9]+)$/i.exec(file);
  return match ? [match[1], match[2].toLowerCase()] : [file, ""];
}
