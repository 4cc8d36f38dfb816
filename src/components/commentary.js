// @ts-check
import { html } from "htl";
import { formatDate } from "./format.js";

/**
 * The analysts' validated commentary of one visual for the year shown (Article 6).
 * @param {import("./types.js").PublishedCommentary | undefined} commentary
 * @param {string} visual
 * @param {number} year
 */
export function commentaryBlock(commentary, visual, year) {
  const entry = commentary?.[visual]?.[year];
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
