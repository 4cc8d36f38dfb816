import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import matter from "gray-matter";
import MarkdownIt from "markdown-it";

/** Status of a commentary file (front matter `statut`): only "validé" is published. */
export type CommentaryStatus = "brouillon" | "relu" | "validé";

export interface Commentary {
  visual: string;
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

/** Reads data/commentary/<year>/<visual>.md, one file per visual and year (Article 6). */
export function readCommentaries(folder: string): Commentary[] {
  if (!existsSync(folder)) return [];
  const found: Commentary[] = [];
  for (const year of readdirSync(folder)
    .filter((name) => /^\d{4}$/.test(name))
    .sort()) {
    for (const file of readdirSync(join(folder, year))
      .filter((name) => name.endsWith(".md"))
      .sort()) {
      const path = join(folder, year, file);
      const source = readFileSync(path, "utf8");
      const parsed = matter(source);
      const data = parsed.data as Record<string, unknown>;
      const leading = parsed.content.length - parsed.content.trimStart().length;
      const bodyLine =
        source.split("\n").length -
        parsed.content.split("\n").length +
        1 +
        parsed.content.slice(0, leading).split("\n").length -
        1;
      found.push({
        visual: file.replace(/\.md$/, ""),
        year: Number(year),
        author: String(data.auteur ?? ""),
        date: data.date instanceof Date ? data.date.toISOString().slice(0, 10) : String(data.date ?? ""),
        status: String(data.statut ?? "brouillon") as CommentaryStatus,
        fictitious: data.fictif === true,
        markdown: parsed.content.trim(),
        file: relative(join(folder, "..", ".."), path),
        bodyLine,
      });
    }
  }
  return found;
}

export function renderCommentary(text: string): string {
  return markdown.render(text);
}
