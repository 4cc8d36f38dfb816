/**
 * The Atelier (the analysts' workshop) exists in the preview (`npm run dev`) and the review
 * edition only: its page (src/atelier/[vue].md, a parameterised page, so that Framework builds
 * it only when dynamicPaths lists it), its entry in the menu, and, in the preview, the citation
 * helper (clicking a zone or a table cell shows the {{…}} reference to paste). The public build
 * gets none of them: no page, no script, no link.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../paths.ts";
import { buildModeFromEnv } from "../publish/gate.ts";

export const WORKSHOP_PATH = "/atelier/commentaires";

const hasWorkshop = () => buildModeFromEnv() !== "public";

export function* workshopPagePaths(): Generator<string> {
  if (hasWorkshop()) yield WORKSHOP_PATH;
}

export function workshopNavigation(): { name: string; path: string }[] {
  return hasWorkshop() ? [{ name: "Atelier", path: WORKSHOP_PATH }] : [];
}

/**
 * The page head: in the preview only, the citation helper inlined (the preview has no
 * Content-Security-Policy; the review and public builds never carry it).
 */
export function workshopHead(head: string): string {
  if (buildModeFromEnv() !== "dev") return head;
  const script = readFileSync(join(projectRoot, "loaders", "site", "citation-helper.client.js"), "utf8");
  return `${head}\n<script type="module">\n${script}\n</script>`;
}
