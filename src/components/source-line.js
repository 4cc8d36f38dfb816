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
 * « au 31 décembre 2015 et au 31 décembre 2016 »: dates in order, each with its preposition.
 * @param {string} preposition
 * @param {(string | null)[]} isoDates
 */
function dateList(preposition, isoDates) {
  const words = [...new Set(isoDates)]
    .sort((a, b) => String(a).localeCompare(String(b)))
    .map((d) => `${preposition} ${formatDate(d)}`);
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} et ${words.at(-1)}` : (words[0] ?? "");
}

/**
 * The one source line of a visual that shows several indicators or years: each producer's
 * mention once (the Département's word for word), then every date of the data shown. One
 * line per visual, however many editions it draws on (issue 14: lines repeated two to four
 * times under one chart were read as noise). `infos`: catalogue editions (undefined skipped).
 * @param {(SourcedEdition | undefined)[]} infos
 */
export function combinedSourceText(infos) {
  /** @type {SourcedEdition[]} */
  const editions = infos.filter((i) => i !== undefined);
  if (editions.length === 0) return "";
  const sources = [...new Set(editions.flatMap((e) => e.sources.map(attributed)))];
  const dates = [
    `Données ${dateList(
      "au",
      editions.map((e) => e.observationDate),
    )}`,
  ];
  const updates = editions.flatMap((e) => (e.lastUpdate ? [e.lastUpdate] : []));
  if (updates.length) dates.push(`mise à jour ${dateList("du", updates)}`);
  return `${sources.join(" ; ")}. ${dates.join(", ")}.`;
}

/**
 * The source line of a visual drawn from several editions: one paragraph.
 * @param {(SourcedEdition | undefined)[]} infos
 */
export function combinedSourceLine(infos) {
  const text = combinedSourceText(infos);
  return text ? html`<p class="source-line">${text}</p>` : "";
}

/**
 * The source lines of a list of files or tables, each distinct line once, in order (the
 * explorer's tables, an edition's files). A visual uses combinedSourceLine instead.
 * @param {(SourcedEdition | undefined)[]} infos
 */
export function sourceLines(infos) {
  const texts = [...new Set(infos.flatMap((i) => (i ? [sourceText(i)] : [])))];
  return html`<div class="source-lines">${texts.map((t) => html`<p class="source-line">${t}</p>`)}</div>`;
}
