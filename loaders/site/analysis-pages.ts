/**
 * The analysis pages Framework generates (src/analyses/[slug].md), one per file of
 * data/analyses/<year>/, and their entries under « Analyses » in the site's menu. A file
 * Framework cannot list (a bad name) is left to the pipeline, which names it.
 */
import { join } from "node:path";
import { frenchSpacing } from "../common/french-typography.ts";
import { dataDir } from "../paths.ts";
import { readAnalyses, type AnalysisPage } from "../publish/analyses.ts";

function analyses(): AnalysisPage[] {
  try {
    return readAnalyses(join(dataDir, "analyses"));
  } catch {
    return [];
  }
}

/** Framework's dynamicPaths: /analyses/<slug> for every analysis page. */
export function* analysisPagePaths(): Generator<string> {
  for (const page of analyses()) yield `/analyses/${page.slug}`;
}

/** The « Analyses » section of the menu: the list, then each page by its title. */
export function analysisNavigation(): { name: string; pages: { name: string; path: string }[] } {
  return {
    name: "Analyses",
    pages: [
      { name: "Toutes les analyses", path: "/analyses/" },
      ...analyses().map((page) => ({ name: frenchSpacing(page.title) || page.slug, path: `/analyses/${page.slug}` })),
    ],
  };
}
