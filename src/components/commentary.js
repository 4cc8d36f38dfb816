// @ts-check
import { html } from "htl";
import { formatDate } from "./format.js";

/** @typedef {{indicator?: string, breakdown?: string, category?: string, level?: string}} Selection */

/**
 * The most specific validated commentary for what is on screen: a focused commentary whose
 * every key (indicator, breakdown, category, level) matches the selection, the one with the
 * most keys first, else the visual's general commentary. A text written for « Ensemble » must
 * never stand under the « femmes » map.
 * @param {import("./types.js").PublishedCommentaryEntry | undefined} entry
 * @param {Selection} selection
 */
export function chooseCommentary(entry, selection) {
  const matching = (entry?.focused ?? []).filter((f) =>
    /** @type {(keyof Selection)[]} */ (["indicator", "breakdown", "category", "level"]).every(
      (key) => f.focus[key] === undefined || f.focus[key] === (selection[key] ?? ""),
    ),
  );
  matching.sort((a, b) => Object.keys(b.focus).length - Object.keys(a.focus).length);
  if (matching[0]) return matching[0];
  // The general text speaks of the whole: under a breakdown, it is still the visual's commentary.
  return entry?.html ? entry : undefined;
}

/**
 * The analysts' validated commentary of one visual for the year shown (Article 6). `null`
 * commentary: the visual stands in an analysis page, whose prose is its commentary.
 * @param {import("./types.js").PublishedCommentary | undefined | null} commentary
 * @param {string} visual
 * @param {number} year
 * @param {Selection} [selection]
 */
export function commentaryBlock(commentary, visual, year, selection = {}) {
  if (commentary === null) return document.createDocumentFragment();
  const entry = chooseCommentary(commentary?.[visual]?.[year], selection);
  if (!entry) return html`<p class="commentary commentary-missing"><strong>À commenter.</strong></p>`;
  const body = html`<div class="commentary"></div>`;
  body.innerHTML = entry.html; // rendered at build time from the analysts' Markdown, escaped there
  body.append(
    html`<p class="commentary-meta">
      Commentaire : ${entry.author},
      ${formatDate(entry.date)}${entry.fictitious ? " (commentaire de démonstration, fictif)" : ""}.
    </p>`,
  );
  return body;
}
