import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { neutralizeCdnUrlsIn } from "./cdn-urls.ts";
import { addContentSecurityPolicy } from "./csp.ts";
import { htmlFiles } from "../common/html-files.ts";
import { editionLine, editionOf, escapeHtml } from "./print-frame.ts";

/**
 * Framework's pages have no `lang`, forbid zooming (maximum-scale=1), have no skip link and
 * an English, unlabelled menu toggle: all fail RGAA. Rewrites every built HTML page in place,
 * so the fixes hold before any script runs.
 */
export function fixPageHtml(html: string): string {
  return html
    .replace(/<html(?![^>]*\blang=)([^>]*)>/i, '<html lang="fr"$1>')
    .replace(
      /<body>(?!<a class="skip-link")/,
      '<body><a class="skip-link" href="#observablehq-main">Aller au contenu</a>',
    )
    .replace(
      '<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">',
      '<input id="observablehq-sidebar-toggle" type="checkbox" title="Menu" aria-label="Menu du site (afficher ou masquer)">',
    )
    .replace(
      /<meta name="viewport" content="[^"]*">/i,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
    );
}

/**
 * The edition date every printed page shows in its footer (src/components/print.js reads it),
 * and as an ISO date for the names of saved files (src/components/file-names.js).
 */
export function addEditionMeta(html: string, edition: string, date = ""): string {
  if (html.includes('name="abs-edition"')) return html;
  const iso = /^\d{4}-\d{2}-\d{2}/.test(date) ? ` data-date="${date.slice(0, 10)}"` : "";
  return html.replace(/<head>/i, `<head>\n<meta name="abs-edition" content="${escapeHtml(edition)}"${iso}>`);
}

export function postProcessSite(dir: string): number {
  neutralizeCdnUrlsIn(dir);
  const pages = htmlFiles(dir);
  const info = editionOf(dir);
  const edition = editionLine(info);
  for (const page of pages) {
    const html = addEditionMeta(fixPageHtml(readFileSync(page, "utf8")), edition, info.publishedAt);
    // The Content-Security-Policy hashes the inline scripts: it is computed last.
    writeFileSync(page, addContentSecurityPolicy(html, relative(dir, page)));
  }
  return pages.length;
}
