// @ts-check
import { html } from "htl";

/**
 * A table of values with its caption and column headers (each a scope="col" header, which
 * screen readers announce before every cell): the frame the evolution's values and the
 * explorer's results share. Rows come drawn, each panel knowing its own cells.
 * @param {{className: string, caption: unknown, columns: unknown[], rows: unknown[]}} options
 */
export function plainTable({ className, caption, columns, rows }) {
  return html`<table class=${className}>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${columns.map((c) => html`<th scope="col">${c}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
