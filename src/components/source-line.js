// @ts-check
import { html } from "htl";
import { formatDate } from "./format.js";

export const OPEN_LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)";

/** @typedef {Pick<import("./types.js").CatalogueEdition, "sources" | "observationDate" | "lastUpdate">} SourcedEdition */

/**
 * Public producers (INSEE, CNAF, IGN) are cited with their licence, as Etalab's licence asks.
 * The Département's lines carry the convention's mention (data/observatory.json, in the
 * catalogue), which opens with "Source": they stay word for word.
 * @param {string} source
 */
export function attributed(source) {
  if (source.startsWith("Source ") || source.includes("Licence Ouverte")) return source;
  return `${source} — ${OPEN_LICENCE}`;
}

/**
 * The source line every visual, table and download carries (Articles 6 and 7 of the
 * convention): the producers' mentions, then the dates of the data.
 * `info` is a catalogue edition: { sources: string[], observationDate, lastUpdate }.
 * @param {SourcedEdition} info
 */
export function sourceText(info) {
  const sources = info.sources.map(attributed).join(" ; ");
  const dates = [`Données au ${formatDate(info.observationDate)}`];
  if (info.lastUpdate) dates.push(`mise à jour du ${formatDate(info.lastUpdate)}`);
  return `${sources}. ${dates.join(", ")}.`;
}

/** @param {SourcedEdition} info */
export function sourceLine(info) {
  return html`<p class="source-line">${sourceText(info)}</p>`;
}

/**
 * The source lines of a visual that shows several indicators or years: each distinct line
 * once, in order. `infos`: catalogue editions (undefined ones are skipped).
 * @param {(SourcedEdition | undefined)[]} infos
 */
export function sourceLines(infos) {
  const texts = [...new Set(infos.flatMap((i) => (i ? [sourceText(i)] : [])))];
  return html`<div class="source-lines">${texts.map((t) => html`<p class="source-line">${t}</p>`)}</div>`;
}
