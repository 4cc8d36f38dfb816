/**
 * The published words of the site's own pages (src/*.md): their title and prose, so that the
 * lint reads them like commentary. Code blocks and HTML comments are blanked line for line
 * (they are not prose, and line numbers must still point into the file the analyst edits).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { projectRoot } from "../paths.ts";

export interface ProseText {
  /** The file, relative to the project, as messages name it. */
  file: string;
  /** The page's text with code blocks blanked; line 1 is the file's line 1. */
  text: string;
}

const blank = (part: string) => part.replace(/[^\n]/g, " ");

/** The prose of one Markdown page: front matter kept (its title is published), code blanked. */
export function proseOf(source: string): string {
  return source
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, blank)
    .replace(/\$\{[^}]*\}/g, blank);
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      if (name.startsWith(".")) return [];
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return markdownFiles(path);
      return name.endsWith(".md") ? [path] : [];
    });
}

/** Every page of `srcDir` (recursively, hidden folders such as .observablehq excluded). */
export function readPageProse(srcDir: string): ProseText[] {
  return markdownFiles(srcDir).map((path) => ({
    file: relative(projectRoot, path),
    text: proseOf(readFileSync(path, "utf8")),
  }));
}
