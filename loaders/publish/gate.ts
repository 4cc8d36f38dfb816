/**
 * The publication gate (Article 6: "only analysed and commented data is published").
 * For every visual of the registry and every year it shows, a commentary must exist, be
 * validated ("validé"), be real text (no placeholder, not last year's text copied unchanged)
 * and, on real data, not be the fictitious demonstration text.
 * - public build: any visual without it fails the build, naming each visual and year;
 * - review build and `npm run dev`: the visual is shown marked "à commenter" instead.
 * Tables are then published only when a commented visual (or, outside the public build, a
 * shown visual) reads them.
 */
import { focusKey, isGeneral, type Commentary } from "./commentary.ts";
import type { VisualDefinition } from "./visuals.ts";

export type BuildMode = "public" | "review" | "dev";

export const reviewMarking = "Document de travail – diffusion restreinte";

/** The build mode given by the build script; the public build is the default (fail closed). */
export function buildModeFromEnv(env: NodeJS.ProcessEnv = process.env): BuildMode {
  const value = env.ABS_BUILD_MODE;
  if (value === "review" || value === "dev") return value;
  if (value === undefined || value === "" || value === "public") return "public";
  throw new Error(`ABS_BUILD_MODE inconnu : « ${value} » (attendu : public, review ou dev).`);
}

export interface GateInput {
  visuals: readonly VisualDefinition[];
  commentaries: readonly Commentary[];
  /** Years each indicator has published cells for (the years a visual lets readers choose). */
  indicatorYears: ReadonlyMap<string, readonly number[]>;
  /** Years of the edition, for visuals whose indicators are not in the catalogue (context data). */
  editionYears: readonly number[];
  /** True when the data are the synthetic sample: fictitious commentary is then accepted. */
  synthetic: boolean;
}

export interface MissingCommentary {
  visual: string;
  page: string;
  title: string;
  year: number;
  reason: string;
}

export interface GateResult {
  /** Commentary that may be published, keyed by visual then year. */
  accepted: Map<string, Map<number, Commentary>>;
  missing: MissingCommentary[];
  /** Visuals with accepted commentary for every year they show. */
  commentedVisuals: string[];
}

// Words analysts use for "not written yet".
const placeholder =
  /\b(?:todo|tbd|fixme|xxx+)\b|lorem\s+ipsum|à\s+(?:compléter|commenter|rédiger|écrire|venir)|\[\s*(?:commentaire|texte)\s*\]|^\s*(?:\.{3}|…)\s*$/iu;
/** Fewer words than this is not an analysis. */
export const minimumWords = 12;

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

/** Why a commentary cannot be published; null when it can. */
export function rejectionReason(
  commentary: Commentary,
  previousYear: Commentary | undefined,
  synthetic: boolean,
): string | null {
  if (commentary.status !== "validé") return `statut « ${commentary.status} » (il faut « validé »)`;
  if (placeholder.test(commentary.markdown)) return "le texte est un texte d'attente (TODO, « à compléter »…)";
  const words = commentary.markdown
    .replace(/\{\{[^{}]*\}\}/g, " nombre ")
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w)).length;
  if (words < minimumWords) return `le texte est trop court (${words} mot(s), au moins ${minimumWords})`;
  if (previousYear && normalise(previousYear.markdown) === normalise(commentary.markdown))
    return `le texte est celui de ${previousYear.year}, recopié sans changement`;
  if (commentary.fictitious && !synthetic) return "commentaire de démonstration (fictif) sur des données réelles";
  if (!commentary.author.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(commentary.date))
    return "auteur ou date (AAAA-MM-JJ) manquant dans l'en-tête";
  return null;
}

/** The years a visual shows: those of its indicators, or the edition's for context visuals. */
export function yearsOfVisual(
  visual: VisualDefinition,
  input: Pick<GateInput, "indicatorYears" | "editionYears">,
): number[] {
  const known = visual.indicators.filter((id) => input.indicatorYears.has(id));
  const years = known.length > 0 ? known.flatMap((id) => input.indicatorYears.get(id)!) : [...input.editionYears];
  return [...new Set(years)].sort((a, b) => a - b);
}

export function evaluateGate(input: GateInput): GateResult {
  const byVisual = new Map<string, Map<number, Commentary>>();
  // The gate requires the general commentary of each visual and year; focused ones come on top.
  for (const c of input.commentaries.filter(isGeneral)) {
    const years = byVisual.get(c.visual) ?? new Map<number, Commentary>();
    years.set(c.year, c);
    byVisual.set(c.visual, years);
  }
  const accepted = new Map<string, Map<number, Commentary>>();
  const missing: MissingCommentary[] = [];
  const commentedVisuals: string[] = [];
  for (const visual of input.visuals) {
    const files = byVisual.get(visual.id) ?? new Map<number, Commentary>();
    let complete = true;
    for (const year of yearsOfVisual(visual, input)) {
      const commentary = files.get(year);
      const reason = commentary
        ? rejectionReason(commentary, files.get(year - 1), input.synthetic)
        : `aucun fichier data/commentary/${year}/${visual.id}.md`;
      if (reason === null) {
        const years = accepted.get(visual.id) ?? new Map<number, Commentary>();
        years.set(year, commentary!);
        accepted.set(visual.id, years);
      } else {
        complete = false;
        missing.push({ visual: visual.id, page: visual.page, title: visual.title, year, reason });
      }
    }
    if (complete) commentedVisuals.push(visual.id);
  }
  return { accepted, missing, commentedVisuals };
}

/**
 * The focused commentaries (one indicator, breakdown or level of a visual) that may be
 * published: the same rules as a general one, compared with the same focus of the year before.
 * None is required: the page falls back on the general commentary.
 */
export function acceptedFocused(commentaries: readonly Commentary[], synthetic: boolean): Commentary[] {
  const byKey = new Map(commentaries.map((c) => [`${c.visual}|${c.year}|${focusKey(c.focus)}`, c]));
  return commentaries.filter(
    (c) =>
      !isGeneral(c) &&
      rejectionReason(c, byKey.get(`${c.visual}|${c.year - 1}|${focusKey(c.focus)}`), synthetic) === null,
  );
}

/** French message of a public build refused by the gate: one line per visual and year. */
export function describeMissing(missing: readonly MissingCommentary[]): string {
  const lines = missing.map((m) => `- ${m.visual} (page ${m.page}, « ${m.title} »), ${m.year} : ${m.reason}`);
  return [
    `Publication refusée : ${missing.length} commentaire(s) validé(s) manquant(s). Seules les données analysées et commentées sont publiées (article 6 de la convention).`,
    ...lines,
    "Écrivez ou validez ces commentaires (statut « validé »), ou préparez la réunion des partenaires avec « npm run build:review ».",
  ].join("\n");
}

/**
 * Zip members a build may publish: those read by the visuals shown. In the public build only
 * commented visuals are shown (the gate failed otherwise); the review build and the preview
 * show every visual, marked "à commenter" when needed.
 */
export function publishableTables(
  visuals: readonly VisualDefinition[],
  gate: GateResult,
  mode: BuildMode,
): Set<string> {
  const shown = mode === "public" ? visuals.filter((v) => gate.commentedVisuals.includes(v.id)) : visuals;
  return new Set(shown.flatMap((v) => v.tables));
}
