/**
 * Entries of the site's menu named by their pages' own titles (the `title:` of
 * src/<page>.md): the menu and the page it opens never say two different things, and the
 * menu is declared as the list of its pages.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { srcDir } from "../paths.ts";
import { readFrontMatter } from "../publish/front-matter.ts";

/** `pages`: page names separated by spaces (« petite-enfance handicap »), in menu order. */
export function menuPages(pages: string): { name: string; path: string }[] {
  return pages
    .split(/\s+/)
    .filter(Boolean)
    .map((page) => {
      const file = join(srcDir, `${page}.md`);
      const title: unknown = readFrontMatter(readFileSync(file, "utf8"), file).data.title;
      if (typeof title !== "string" || !title.trim())
        throw new Error(`${file} : la page n'a pas de titre (title:), que le menu du site affiche.`);
      return { name: title.trim(), path: `/${page}` };
    });
}
