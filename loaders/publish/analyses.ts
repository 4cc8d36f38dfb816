/**
 * Analysis pages written like a notebook: data/analyses/<year>/<slug>.md, a front matter
 * (titre, auteur, date, statut, thème), Markdown prose with the {{…}} citations, and visuals
 * embedded by one-line directives, with no JavaScript:
 *
 *   ::carte indicateur=apa-per-100-aged-75p niveau=iris ventilation=sex=F
 *   ::comparaison indicateurs=apa-per-100-aged-75p,births-per-1000
 *   ::evolution indicateurs=apa-beneficiaries
 *   ::chiffres-cles indicateurs=apa-beneficiaries,births
 *   ::tableau indicateur=apa-per-100-aged-75p niveau=iris
 *
 * Each becomes a page of the site (src/analyses/[slug].md) through analyses.json: the prose
 * rendered to HTML from the protected cells, each directive as a visual definition the page
 * draws with the same panels as the thematic pages, and only the published cells its visuals
 * show. The same gate as commentary applies: « validé », the lint, no secret citation.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { InputError, type PublishedCell } from "../contracts.ts";
import { indicatorById } from "../indicators/catalogue.ts";
import { yearFiles } from "../common/year-files.ts";
import { editorialFields, readFrontMatter, type CommentaryStatus } from "./front-matter.ts";
import type { VisualDefinition, VisualKind } from "./visuals.ts";

export interface AnalysisPage {
  slug: string;
  year: number;
  title: string;
  author: string;
  date: string;
  status: CommentaryStatus;
  theme: string;
  fictitious: boolean;
  /** The body as written (directives included). */
  markdown: string;
  file: string;
  /** Line of the file where the body starts. */
  bodyLine: number;
}

export interface AnalysisDirective {
  kind: "carte" | "comparaison" | "evolution" | "chiffres-cles" | "tableau";
  indicators: string[];
  level: "iris" | "commune";
  /** "" (ensemble) or "breakdown|category", as the map panel's selection. */
  category: string;
  /** Line of the directive in the file. */
  line: number;
}

export type AnalysisBlock =
  { type: "prose"; markdown: string; line: number } | { type: "visual"; directive: AnalysisDirective };

const directiveLine = /^::([\p{L}-]+)(.*)$/u;
const KINDS: Record<AnalysisDirective["kind"], VisualKind> = {
  carte: "iris-map",
  comparaison: "comparison",
  evolution: "evolution",
  "chiffres-cles": "key-figures",
  tableau: "table",
};
const KEYS = new Set(["indicateur", "indicateurs", "niveau", "ventilation"]);

/** The body with directive lines blanked (same lines): what the lint reads as prose. */
export const proseOfAnalysis = (markdown: string) =>
  markdown
    .split("\n")
    .map((line) => (directiveLine.test(line.trim()) ? "" : line))
    .join("\n");

/** Splits a body into prose and directives; a bad directive names file, line and rule. */
export function analysisBlocks(page: Pick<AnalysisPage, "markdown" | "file" | "bodyLine">): AnalysisBlock[] {
  const blocks: AnalysisBlock[] = [];
  let prose: string[] = [];
  let proseLine = page.bodyLine;
  const flush = (nextLine: number) => {
    if (prose.join("").trim()) blocks.push({ type: "prose", markdown: prose.join("\n"), line: proseLine });
    prose = [];
    proseLine = nextLine;
  };
  page.markdown.split("\n").forEach((text, index) => {
    const line = page.bodyLine + index;
    const match = text.trim().match(directiveLine);
    if (!match) return void prose.push(text);
    flush(line + 1);
    blocks.push({ type: "visual", directive: parseDirective(match[1]!, match[2]!, page.file, line) });
  });
  flush(0);
  return blocks;
}

function parseDirective(kind: string, rest: string, file: string, line: number): AnalysisDirective {
  const fail = (why: string) =>
    new InputError(`${file}, ligne ${line} : ${why} (règle directive-invalide).`, file, "directive-invalide");
  if (!(kind in KINDS))
    throw fail(`« ::${kind} » n'est pas un visuel connu (attendus : ${Object.keys(KINDS).join(", ")})`);
  const values: Record<string, string> = {};
  for (const part of rest.trim().split(/\s+/).filter(Boolean)) {
    const at = part.indexOf("=");
    const key = at > 0 ? part.slice(0, at) : part;
    if (!KEYS.has(key)) throw fail(`« ${part} » : clé inconnue (attendues : ${[...KEYS].join(", ")})`);
    values[key] = part.slice(at + 1);
  }
  const indicators = (values.indicateurs ?? values.indicateur ?? "").split(",").filter(Boolean);
  if (indicators.length === 0) throw fail("il manque indicateur=<identifiant>");
  // A table is one indicator by zone (the map's table); several indicators side by side are a comparison.
  if (kind === "tableau" && indicators.length > 1)
    throw fail(
      "un tableau montre un seul indicateur (indicateur=<identifiant>) ; pour plusieurs, utilisez ::comparaison",
    );
  for (const id of indicators)
    if (!indicatorById(id))
      throw fail(`l'indicateur « ${id} » n'existe pas (voir la colonne « Indicateur » des téléchargements)`);
  const level = values.niveau ?? "iris";
  if (level !== "iris" && level !== "commune") throw fail(`niveau « ${level} » : iris ou commune`);
  const [breakdown = "", category = ""] = (values.ventilation ?? "").split("=");
  if (breakdown && !category) throw fail("ventilation=<ventilation>=<catégorie>, par exemple ventilation=sex=F");
  return {
    kind: kind as AnalysisDirective["kind"],
    indicators,
    level,
    category: breakdown ? `${breakdown}|${category}` : "",
    line,
  };
}

/** Reads every data/analyses/<year>/<slug>.md; two pages of one slug are refused. */
export function readAnalyses(folder: string): AnalysisPage[] {
  const found: AnalysisPage[] = [];
  const root = join(folder, "..", "..");
  for (const { year, name, path } of yearFiles(folder, (n) => n.endsWith(".md"))) {
    const file = relative(root, path);
    const source = readFileSync(path, "utf8");
    const parsed = readFrontMatter(source, file);
    const data = parsed.data as Record<string, unknown>;
    const slug = name.replace(/\.md$/, "");
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug))
      throw new InputError(
        `${file} : le nom d'une analyse s'écrit en minuscules, chiffres et tirets (par exemple quartiers-nord.md) : il devient l'adresse de la page (règle analyse-nom).`,
        file,
        "analyse-nom",
      );
    const twin = found.find((a) => a.slug === slug);
    if (twin)
      throw new InputError(
        `${file} : une autre analyse porte déjà le nom « ${slug} » (${twin.file}) ; l'adresse de la page doit être unique (règle analyse-nom).`,
        file,
        "analyse-nom",
      );
    found.push({
      slug,
      year,
      title: String(data.titre ?? "").trim(),
      ...editorialFields(data),
      theme: String(data["thème"] ?? data.theme ?? ""),
      markdown: parsed.content.replace(/\s+$/, ""),
      file,
      bodyLine: source.slice(0, source.length - parsed.content.length).split("\n").length,
    });
  }
  return found;
}

/** Why an analysis page cannot be published; null when it can (the commentary rules). */
export function analysisRejection(page: AnalysisPage, synthetic: boolean): string | null {
  if (page.status !== "validé") return `statut « ${page.status} » (il faut « validé »)`;
  if (!page.title) return "titre manquant dans l'en-tête (titre: …)";
  if (page.fictitious && !synthetic) return "analyse de démonstration (fictive) sur des données réelles";
  if (!page.author.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(page.date))
    return "auteur ou date (AAAA-MM-JJ) manquant dans l'en-tête";
  return null;
}

/** The visual a directive draws: the same definition the registry gives a thematic visual. */
export function directiveVisual(page: AnalysisPage, directive: AnalysisDirective, index: number): VisualDefinition {
  const themes = [...new Set(directive.indicators.map((id) => indicatorById(id)?.theme ?? "autres"))];
  // Key figures show each count's change over a year: its "-evolution" twin is part of what is shown.
  const twins =
    directive.kind === "chiffres-cles"
      ? directive.indicators.map((id) => `${id}-evolution`).filter((id) => indicatorById(id))
      : [];
  return {
    id: `analyse-${page.slug}-${index + 1}`,
    page: `analyses/${page.slug}`,
    title: "",
    kind: directive.kind === "carte" && directive.level === "commune" ? "commune-map" : KINDS[directive.kind],
    indicators: [...directive.indicators, ...twins],
    tables: [...themes.map((t) => `${t}.parquet`), "denominateurs.parquet"],
  };
}

/** The published cells a page's visuals show (secret cells keep their flag, never a value). */
export function cellsOfVisuals(visuals: readonly VisualDefinition[], cells: readonly PublishedCell[]): PublishedCell[] {
  const shown = new Set(visuals.flatMap((v) => v.indicators));
  return cells.filter((c) => shown.has(c.indicator)).map((c) => ({ ...c, value: c.secret ? null : c.value }));
}
