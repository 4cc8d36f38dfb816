import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import MarkdownIt from "markdown-it";
import { frenchSpacingHtml } from "../common/french-typography.ts";
import { InputError } from "../contracts.ts";
import { yearFiles } from "../common/year-files.ts";
import { editorialFields, readFrontMatter, type CommentaryStatus } from "./front-matter.ts";

/**
 * What a commentary addresses inside its visual (front matter `indicateur`, `ventilation`,
 * `niveau`): empty for the general commentary of the visual. `ventilation: sex` addresses every
 * category of the breakdown, `ventilation: sex=F` one of them.
 */
export interface CommentaryFocus {
  indicator?: string;
  breakdown?: string;
  category?: string;
  level?: string;
}

export interface Commentary {
  visual: string;
  /** Empty for the visual's general commentary (the one the gate requires). */
  focus: CommentaryFocus;
  year: number;
  author: string;
  date: string;
  status: CommentaryStatus;
  /** Demonstration commentary shipped with the synthetic sample. */
  fictitious: boolean;
  markdown: string;
  /** The file, relative to the project, to name it in every message. */
  file: string;
  /** Line of the file where the text starts (after the front matter). */
  bodyLine: number;
}

// Analysts write Markdown, never HTML: raw HTML is escaped so a commentary cannot inject script.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: true });

/** The front matter's focus keys; a file `<visual>.<name>.md` must have one (else it would be a second general text). */
function focusOf(data: Record<string, unknown>): CommentaryFocus {
  const focus: CommentaryFocus = {};
  if (data.indicateur) focus.indicator = String(data.indicateur).trim();
  if (data.niveau) focus.level = String(data.niveau).trim().replace("département", "departement");
  if (data.ventilation) {
    const [breakdown, category] = String(data.ventilation)
      .split("=")
      .map((p) => p.trim());
    if (breakdown) focus.breakdown = breakdown;
    if (category) focus.category = category;
  }
  return focus;
}

export const isGeneral = (c: Pick<Commentary, "focus">) => Object.keys(c.focus).length === 0;

/** A stable name of the focus, to compare a file with the same focus of the previous year. */
export const focusKey = (focus: CommentaryFocus) =>
  [focus.indicator ?? "", focus.level ?? "", focus.breakdown ?? "", focus.category ?? ""].join("|");

/**
 * Reads data/commentary/<year>/<visual>.md (the general commentary of a visual and year,
 * Article 6) and data/commentary/<year>/<visual>.<name>.md (commentary of one indicator,
 * breakdown or level of it, named by the keys of its front matter).
 */
export function readCommentaries(folder: string): Commentary[] {
  const found: Commentary[] = [];
  for (const { year, name: file, path } of yearFiles(folder, (name) => name.endsWith(".md"))) {
    const source = readFileSync(path, "utf8");
    const parsed = readFrontMatter(source, relative(join(folder, "..", ".."), path));
    const data = parsed.data as Record<string, unknown>;
    const leading = parsed.content.length - parsed.content.trimStart().length;
    const bodyLine =
      source.split("\n").length -
      parsed.content.split("\n").length +
      1 +
      parsed.content.slice(0, leading).split("\n").length -
      1;
    const [visual = "", ...rest] = file.replace(/\.md$/, "").split(".");
    const focus = focusOf(data);
    if (rest.length > 0 && Object.keys(focus).length === 0)
      throw new InputError(
        `${relative(join(folder, "..", ".."), path)} : un commentaire « ${visual}.${rest.join(".")}.md » doit dire ce qu'il commente dans son en-tête (indicateur, ventilation ou niveau ; règle commentaire-sans-cible). Le commentaire général du visuel s'appelle « ${visual}.md ».`,
        relative(join(folder, "..", ".."), path),
        "commentaire-sans-cible",
      );
    found.push({
      visual,
      focus,
      year,
      ...editorialFields(data),
      markdown: parsed.content.trim(),
      file: relative(join(folder, "..", ".."), path),
      bodyLine,
    });
  }
  return found;
}

/** The analysts' Markdown as HTML, with French no-break spaces before « : ; ? ! » (a phone never starts a line with one). */
export function renderCommentary(text: string): string {
  return frenchSpacingHtml(markdown.render(text));
}
