/**
 * Content-Security-Policy of the published site, as a <meta> tag in every page (a static host
 * may not let the CCAS set HTTP headers). Only the site's own origin is allowed. Framework
 * writes one inline module script per page (its cells): each is allowed by its SHA-256 hash,
 * computed after the build, so any other inline script - injected into a commentary, or
 * added to a page by hand later - is refused by the browser.
 *
 * Two deliberate allowances:
 * - style-src 'unsafe-inline': Plot and Inputs create <style> elements and style attributes at
 *   run time, which no hash can name. Styles cannot run code nor send data (no url() outside
 *   the origin, as img-src and font-src stay 'self').
 * - 'wasm-unsafe-eval' only on the pages that compile WebAssembly in the page (DuckDB-wasm,
 *   the explorer), never elsewhere.
 * frame-ancestors, report-uri and sandbox are ignored in a <meta> policy and are not written.
 */
import { createHash } from "node:crypto";

/** Pages (path without .html, from the site root) that run DuckDB-wasm in the page. */
export const WASM_PAGES = new Set(["explorer"]);

/** The text of every inline <script> of a page (scripts with a src are allowed by 'self'). */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(match[1])) continue;
    scripts.push(match[2]);
  }
  return scripts;
}

export const scriptHash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

export function contentSecurityPolicy(html: string, options: { wasm?: boolean } = {}): string {
  const hashes = [...new Set(inlineScripts(html).map(scriptHash))];
  const script = ["'self'", ...hashes, ...(options.wasm ? ["'wasm-unsafe-eval'"] : [])].join(" ");
  return [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/**
 * The page with its policy as the first element of <head> after the charset (a policy only
 * governs what comes after it). An existing policy meta is replaced.
 */
export function addContentSecurityPolicy(html: string, page: string): string {
  const name = page
    .replace(/\\/g, "/")
    .replace(/^\/+/, "")
    .replace(/\.html$/, "");
  const policy = contentSecurityPolicy(html, { wasm: WASM_PAGES.has(name) });
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const cleaned = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/gi, "");
  if (/<meta charset="[^"]*">/i.test(cleaned)) return cleaned.replace(/(<meta charset="[^"]*">)/i, `$1\n${meta}`);
  return cleaned.replace(/<head>/i, `<head>\n${meta}`);
}
