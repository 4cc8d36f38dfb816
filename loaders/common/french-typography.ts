/**
 * French typography for every text the site renders from the analysts' words (titles,
 * commentary, analysis pages): the space before « : ; ? ! » and inside « » is a no-break
 * space, so that a phone never starts a line with a colon (« … domicile / : dépendance »).
 * U+00A0 before the colon, U+202F (narrow) before ; ? ! and inside the guillemets, as the
 * Imprimerie nationale's rules have it.
 */

const NBSP = "\u00a0";
const NNBSP = "\u202f";

/** Plain text: the spaces before « : ; ? ! » and inside « » become no-break spaces. */
export function frenchSpacing(text: string): string {
  return (
    text
      // A space (or none: "Note:"  stays as written, it may be a code) before the mark, then a space, a line end or the end.
      .replace(/[ \u00a0\u202f]+:(?=\s|$)/g, `${NBSP}:`)
      .replace(/[ \u00a0\u202f]+([;?!»])/g, `${NNBSP}$1`)
      .replace(/«[ \u00a0\u202f]+/g, `«${NNBSP}`)
  );
}

/** HTML rendered from Markdown: the same spaces, in the text between tags only (never in a tag or attribute). */
export function frenchSpacingHtml(html: string): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith("<") ? part : frenchSpacing(part)))
    .join("");
}

/** The part of markdown-it's API the plugin below uses (Framework brings markdown-it 14). */
interface MarkdownTokens {
  core: { ruler: { push(name: string, rule: (state: { tokens: MarkdownToken[] }) => void): void } };
}
interface MarkdownToken {
  type: string;
  content: string;
  children: MarkdownToken[] | null;
}

/**
 * A markdown-it plugin (observablehq.config.ts) giving every page's own words the same spaces:
 * the pages' text is written by hand, not through the commentary renderer (the methodology
 * page broke a line after « mention : « »). Text tokens only: code, HTML and the `${…}`
 * expressions are left as written (an expression's value is not known at build).
 */
export function frenchSpacingMarkdown<T extends MarkdownTokens>(md: T): T {
  md.core.ruler.push("french_spacing", ({ tokens }) => {
    for (const token of tokens)
      for (const child of token.type === "inline" ? (token.children ?? []) : [])
        if (child.type === "text") child.content = frenchSpacing(child.content);
  });
  return md;
}
