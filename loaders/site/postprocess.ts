import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { neutralizeCdnUrlsIn } from "./cdn-urls.ts";
import { addContentSecurityPolicy } from "./csp.ts";
import { htmlFiles } from "../common/html-files.ts";
import { editionLine, editionOf, escapeHtml } from "./print-frame.ts";

/**
 * Framework's pages have no `lang` and forbid zooming (maximum-scale=1): both fail RGAA.
 * Rewrites every built HTML page in place.
 */
export function fixPageHtml(html: string): string {
  return html
    .replace(/<html(?![^>]*\blang=)([^>]*)>/i, '<html lang="fr"$1>')
    .replace(
      /<meta name="viewport" content="[^"]*">/i,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
    );
}

/** The edition date every printed page shows in its footer (src/components/print.js reads it). */
export function addEditionMeta(html: string, edition: string): string {
  if (html.includes('name="abs-edition"')) return html;
  return html.replace(/<head>/i, `<head>\n<meta name="abs-edition" content="${escapeHtml(edition)}">`);
}

export function postProcessSite(dir: string): number {
  neutralizeCdnUrlsIn(dir);
  const pages = htmlFiles(dir);
  const edition = editionLine(editionOf(dir));
  for (const page of pages) {
    const html = addEditionMeta(fixPageHtml(readFileSync(page, "utf8")), edition);
    // The Content-Security-Policy hashes the inline scripts: it is computed last.
    writeFileSync(page, addContentSecurityPolicy(html, relative(dir, page)));
  }
  return pages.length;
}
