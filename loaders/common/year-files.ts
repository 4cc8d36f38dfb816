import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export interface YearFile {
  /** The year of the folder the file sits in (<root>/<year>/). */
  year: number;
  /** File name, without folder. */
  name: string;
  path: string;
}

/**
 * The files of <root>/<year>/[<below>/] whose name `accept` takes, year by year then name by
 * name, so that every reader of a year-organised folder (exports, store, commentary, analysis
 * pages) sees them in the same order. Only four-digit folders are years; a missing root or
 * year folder holds nothing.
 */
export function yearFiles(root: string, accept: (name: string) => boolean, below = ""): YearFile[] {
  if (!existsSync(root)) return [];
  const found: YearFile[] = [];
  for (const year of readdirSync(root)
    .filter((name) => /^\d{4}$/.test(name))
    .sort()) {
    const folder = join(root, year, below);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder).filter(accept).sort())
      found.push({ year: Number(year), name, path: join(folder, name) });
  }
  return found;
}
