/**
 * The Atelier's list (dev and review editions only, atelier.json): for each visual of the
 * registry and each year it shows, and for each analysis page, the status of its text
 * (manquant, brouillon, relu, validé), its file, and why a « validé » text is still refused
 * by the gate (too short, copied from last year…). Focused texts (`<visuel>.<nom>.md`) are
 * listed under their visual. Never published: the public build has no Atelier.
 */
import { isGeneral, type Commentary } from "./commentary.ts";
import { analysisRejection, type AnalysisPage } from "./analyses.ts";
import { yearsOfVisual, type GateResult, type GateInput } from "./gate.ts";
import type { VisualDefinition } from "./visuals.ts";

export type WorkshopStatus = "manquant" | "brouillon" | "relu" | "validé";

export interface WorkshopRow {
  kind: "visuel" | "analyse";
  /** Visual id or analysis slug. */
  id: string;
  /** Site path of the page that shows it, without slash ("personnes-agees", "analyses/vieillir-a-domicile"). */
  page: string;
  title: string;
  year: number;
  status: WorkshopStatus;
  /** The file to write or edit, as the analyst names it (data/commentary/2016/apa-iris-map.md). */
  file: string;
  /** What the text comments when it is a focused one (« ventilation sex=F »); "" for the general text. */
  focus: string;
  /** Why the page would still show « À commenter » (or the public build refuse it); null when published. */
  problem: string | null;
}

const knownStatus = (status: string): WorkshopStatus =>
  status === "validé" || status === "relu" ? status : "brouillon";

const focusText = (c: Commentary) =>
  Object.entries(c.focus)
    .map(
      ([key, value]) =>
        `${{ indicator: "indicateur", breakdown: "ventilation", category: "catégorie", level: "niveau" }[key] ?? key} ${value}`,
    )
    .join(", ");

export function workshopRows(input: {
  visuals: readonly VisualDefinition[];
  commentaries: readonly Commentary[];
  analyses: readonly AnalysisPage[];
  gate: GateResult;
  years: Pick<GateInput, "indicatorYears" | "editionYears">;
  synthetic: boolean;
}): WorkshopRow[] {
  const rows: WorkshopRow[] = [];
  const problemOf = (visual: string, year: number) =>
    input.gate.missing.find((m) => m.visual === visual && m.year === year)?.reason ?? null;
  for (const visual of input.visuals) {
    for (const year of yearsOfVisual(visual, input.years)) {
      const texts = input.commentaries.filter((c) => c.visual === visual.id && c.year === year);
      const general = texts.find(isGeneral);
      const base = { kind: "visuel" as const, id: visual.id, page: visual.page, title: visual.title, year };
      rows.push({
        ...base,
        status: general ? knownStatus(general.status) : "manquant",
        file: general?.file ?? `data/commentary/${year}/${visual.id}.md`,
        focus: "",
        problem: problemOf(visual.id, year),
      });
      for (const focused of texts.filter((c) => !isGeneral(c)))
        rows.push({
          ...base,
          status: knownStatus(focused.status),
          file: focused.file,
          focus: focusText(focused),
          problem: null,
        });
    }
  }
  for (const page of input.analyses)
    rows.push({
      kind: "analyse",
      id: page.slug,
      page: `analyses/${page.slug}`,
      title: page.title || page.slug,
      year: page.year,
      status: knownStatus(page.status),
      file: page.file,
      focus: "",
      problem: analysisRejection(page, input.synthetic),
    });
  return rows;
}
