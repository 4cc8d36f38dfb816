import { html } from "htl";

/**
 * The preview's notices (npm run dev): text errors (lint, references, approvals) in French,
 * naming file, line and rule, and exports waiting in data/exports/ with the command that
 * ingests them. The builds stop on these errors instead, so their apercu.json is empty.
 */
export function previewNotices(apercu) {
  const problems = apercu?.problems ?? [];
  const items = [];
  if (apercu?.waitingExports) items.push(html`<p class="preview-waiting">${apercu.waitingExports}</p>`);
  if (problems.length)
    items.push(
      html`<p><strong>${problems.length} erreur(s) à corriger avant la publication :</strong></p>
        <ul>
          ${problems.map((p) => html`<li>${p.message}</li>`)}
        </ul>`,
    );
  return items.length
    ? html`<div class="preview-notices" role="alert">${items}</div>`
    : document.createDocumentFragment();
}
