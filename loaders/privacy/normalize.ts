import { plainUpper } from "../common/plain-text.ts";

/** Page text and personal values reduced the same way (plainUpper), then split into words. */
export function scanTokens(text: string): string[] {
  const normal = plainUpper(text);
  return normal ? normal.split(" ") : [];
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * Markup and script escapes turned back into characters, so that "&#49;2 rue…" or
 * "\u0031\u0032 rue…" in a page or a bundle is read as "12 rue…" by the leak scan.
 */
export function decodeEscapes(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex) => safeCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec) => safeCodePoint(Number(dec)))
    .replace(/&([a-z]+);/gi, (whole, name) => NAMED_ENTITIES[name.toLowerCase()] ?? whole)
    .replace(/\\u\{([0-9a-f]+)\}|\\u([0-9a-f]{4})|\\x([0-9a-f]{2})/gi, (_, braced, four, two) =>
      safeCodePoint(parseInt(braced ?? four ?? two, 16)),
    );
}

const safeCodePoint = (code: number) => (code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : " ");
