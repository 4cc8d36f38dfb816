import { html } from "htl";
import { formatDate } from "./format.js";

/**
 * The source line every visual, table and download carries (Article 6 and 7 of the
 * convention): the producers' mentions, then the dates of the data.
 * `info` is a catalogue entry: { sources: string[], observationDate, lastUpdate }.
 */
export function sourceText(info) {
  const sources = info.sources.join(" ; ");
  const dates = [`données au ${formatDate(info.observationDate)}`];
  if (info.lastUpdate) dates.push(`mise à jour du ${formatDate(info.lastUpdate)}`);
  return `${sources}. ${dates.join(", ")}.`;
}

export function sourceLine(info) {
  return html`<p class="source-line">${sourceText(info)}</p>`;
}
