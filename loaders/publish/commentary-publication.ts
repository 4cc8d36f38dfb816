/**
 * The editorial rules of one build, applied between disclosure control and the zip:
 * 1. lint every commentary file and every visual title (no count of 1-4, no secret value);
 * 2. the gate: which visuals are commented for every year they show (public build: all, or
 *    the build fails naming each visual);
 * 3. the Département's approval of every dataset and year the published tables hold (public
 *    build only);
 * 4. commentary.json: accepted commentary only, numbers rendered from the protected cells;
 * 5. which zip members may be published: tables and downloads of the visuals shown.
 * Every secrecy rule applies in every mode; only the gate and the approvals relax outside
 * the public build.
 */
import { frenchSpacing } from "../common/french-typography.ts";
import type { Cell, PublishedCell } from "../contracts.ts";
import { indicatorById } from "../indicators/catalogue.ts";
import type { IndicatorYearInfo } from "../indicators/types.ts";
import { datasetYearsOf, describeUnapproved, unapproved, type Approval } from "./approvals.ts";
import { renderCommentary, type Commentary } from "./commentary.ts";
import { lintText, secretValuesOf, type LintProblem } from "./commentary-lint.ts";
import { indexCells, renderReferences } from "./commentary-references.ts";
import {
  describeMissing,
  evaluateGate,
  acceptedFocused,
  publishableTables,
  reviewMarking,
  type BuildMode,
  type GateResult,
} from "./gate.ts";
import type { VisualDefinition } from "./visuals.ts";
import { workshopRows, type WorkshopRow } from "./workshop.ts";
import type { ProseText } from "./page-prose.ts";
import type { CommentaryFocus } from "./commentary.ts";
import {
  analysisBlocks,
  analysisRejection,
  cellsOfVisuals,
  directiveVisual,
  proseOfAnalysis,
  type AnalysisPage,
} from "./analyses.ts";

/** The build is refused for an editorial reason (gate, approval, lint): French message. */
export class PublicationRefused extends Error {
  constructor(
    message: string,
    readonly rule: "commentaire-manquant" | "accord-manquant" | "lint-commentaire",
  ) {
    super(message);
    this.name = "PublicationRefused";
  }
}

export interface EditorialInput {
  mode: BuildMode;
  visuals: readonly VisualDefinition[];
  commentaries: readonly Commentary[];
  approvals: readonly Approval[];
  /** Protected cells (what is published) and the cells before protection (for the lint only). */
  published: readonly PublishedCell[];
  raw: readonly Cell[];
  catalogue: readonly IndicatorYearInfo[];
  synthetic: boolean;
  /** Date of this edition (ISO), shown with the edition. */
  publishedAt: string;
  /** The prose of the site's own pages (titles and text of src/*.md): linted like commentary. */
  pages?: readonly ProseText[];
  /** The analysts' analysis pages (data/analyses/<year>/<slug>.md). */
  analyses?: readonly AnalysisPage[];
}

export interface PublishedCommentaryEntry {
  author: string;
  date: string;
  /** The general commentary; "" when only focused ones exist (preview and review edition). */
  html: string;
  fictitious: boolean;
  /** Commentary of one indicator, breakdown or level of the visual: the page shows the most specific one. */
  focused?: (Omit<PublishedCommentaryEntry, "focused"> & { focus: CommentaryFocus })[];
}

/** analyses.json: one entry per published analysis page. */
export interface PublishedAnalysis {
  slug: string;
  year: number;
  title: string;
  author: string;
  date: string;
  theme: string;
  fictitious: boolean;
  blocks: (
    | { type: "prose"; html: string }
    | { type: "visual"; kind: string; visual: VisualDefinition; level: string; category: string }
  )[];
  cells: PublishedCell[];
}

export interface Editorial {
  mode: BuildMode;
  gate: GateResult;
  /** commentary.json: visual -> year -> rendered commentary. */
  commentary: Record<string, Record<number, PublishedCommentaryEntry>>;
  /** edition.json: what this build is. */
  edition: {
    mode: BuildMode;
    marking: string | null;
    publishedAt: string;
    years: number[];
    uncommented: { visual: string; year: number }[];
  };
  /** Whether a zip member may be published. */
  publishes: (member: string) => boolean;
  /** analyses.json: the analysis pages shown. */
  analyses: PublishedAnalysis[];
  /** atelier.json (dev and review editions only): each text's status and file; empty in the public build. */
  workshop: WorkshopRow[];
}

export function lintEditorial(
  input: Pick<EditorialInput, "commentaries" | "visuals" | "published" | "raw" | "pages" | "analyses">,
): LintProblem[] {
  const secrets = secretValuesOf(input.published, input.raw);
  // The site's own pages are written before the data exist: a number there that equals a
  // secret value is a coincidence (a postcode, an age), so only the 1-4 rule applies to them.
  const noSecrets = { integers: new Set<number>(), decimals: new Set<string>() };
  return [
    ...(input.pages ?? []).flatMap((p) => lintText(p.text, p.file, noSecrets)),
    ...input.commentaries.flatMap((c) => lintText(c.markdown, c.file, secrets, c.bodyLine)),
    ...input.visuals.flatMap((v) => lintText(v.title, `loaders/publish/visuals.ts (titre du visuel ${v.id})`, secrets)),
    ...(input.analyses ?? []).flatMap((a) => [
      ...lintText(a.title, `${a.file} (titre)`, secrets),
      ...lintText(proseOfAnalysis(a.markdown), a.file, secrets, a.bodyLine),
    ]),
  ];
}

/** Members governed by the visuals: theme tables, what a visual reads, and downloads. */
function publishesMember(
  member: string,
  visuals: readonly VisualDefinition[],
  allowed: Set<string>,
  shown: Set<string>,
): boolean {
  const download = member.match(/^telechargements\/(.+)\.(?:csv|xlsx)$/);
  if (download) return shown.has(download[1]!);
  const governed = member.endsWith(".parquet") || visuals.some((v) => v.tables.includes(member));
  return !governed || allowed.has(member);
}

export function prepareEditorial(input: EditorialInput): Editorial {
  const problems = lintEditorial(input);
  if (problems.length > 0) {
    throw new PublicationRefused(
      [
        `Le contrôle des textes a échoué (${problems.length} problème(s)) : aucun chiffre d'un effectif de 1 à 4 ni d'une case secrète ne doit paraître dans un texte publié (commentaire, page, titre).`,
        ...problems.map((p) => `- ${p.message}`),
      ].join("\n"),
      "lint-commentaire",
    );
  }
  const indicatorYears = new Map<string, number[]>();
  for (const info of input.catalogue)
    indicatorYears.set(info.indicator, [...(indicatorYears.get(info.indicator) ?? []), info.year]);
  const editionYears = [...new Set(input.catalogue.map((i) => i.year))].sort((a, b) => a - b);
  const gate = evaluateGate({
    visuals: input.visuals,
    commentaries: input.commentaries,
    indicatorYears,
    editionYears,
    synthetic: input.synthetic,
  });
  if (input.mode === "public" && gate.missing.length > 0)
    throw new PublicationRefused(describeMissing(gate.missing), "commentaire-manquant");
  const analyses = input.analyses ?? [];
  const refusedAnalyses = analyses.flatMap((a) => {
    const reason = analysisRejection(a, input.synthetic);
    return reason ? [{ page: a, reason }] : [];
  });
  if (input.mode === "public" && refusedAnalyses.length > 0)
    throw new PublicationRefused(
      [
        `Publication refusée : ${refusedAnalyses.length} analyse(s) non validée(s). Seules les données analysées et commentées sont publiées (article 6 de la convention).`,
        ...refusedAnalyses.map((r) => `- ${r.page.file} (« ${r.page.title || r.page.slug} ») : ${r.reason}`),
        "Passez l'analyse au statut « validé » une fois relue, ou retirez le fichier ; « npm run build:review » montre les analyses en cours.",
      ].join("\n"),
      "commentaire-manquant",
    );
  // An analysis's visuals are visuals of the site like the registry's: their tables are published with them.
  const analysisParts = analyses.map((a) => {
    const blocks = analysisBlocks(a);
    return { blocks, visuals: blocks.map((b, i) => (b.type === "visual" ? directiveVisual(a, b.directive, i) : null)) };
  });

  const allowed = publishableTables(input.visuals, gate, input.mode);
  for (const { visuals } of analysisParts)
    for (const visual of visuals) for (const t of visual?.tables ?? []) allowed.add(t);
  const shown = new Set(input.mode === "public" ? gate.commentedVisuals : input.visuals.map((v) => v.id));
  const publishes = (member: string) => publishesMember(member, input.visuals, allowed, shown);

  if (input.mode === "public") {
    const shownIndicators = new Set(input.visuals.filter((v) => shown.has(v.id)).flatMap((v) => v.indicators));
    const publishedCells = input.published.filter(
      (c) => publishes(`${indicatorById(c.indicator)?.theme ?? "autres"}.parquet`) || shownIndicators.has(c.indicator),
    );
    const missing = unapproved(datasetYearsOf(publishedCells), input.approvals, input.synthetic);
    if (missing.length > 0) throw new PublicationRefused(describeUnapproved(missing), "accord-manquant");
  }

  // Numbers are rendered from the protected cells; a secret or unknown reference throws here.
  const cells = indexCells(input.published);
  const commentary: Editorial["commentary"] = {};
  for (const [visual, years] of gate.accepted) {
    if (!shown.has(visual)) continue;
    for (const [year, c] of years) {
      (commentary[visual] ??= {})[year] = {
        author: c.author,
        date: c.date,
        html: renderCommentary(renderReferences(c.markdown, c.year, c.file, cells, c.bodyLine)),
        fictitious: c.fictitious,
      };
    }
  }
  for (const c of acceptedFocused(input.commentaries, input.synthetic)) {
    if (!shown.has(c.visual)) continue;
    const entry = ((commentary[c.visual] ??= {})[c.year] ??= { author: "", date: "", html: "", fictitious: false });
    (entry.focused ??= []).push({
      focus: c.focus,
      author: c.author,
      date: c.date,
      html: renderCommentary(renderReferences(c.markdown, c.year, c.file, cells, c.bodyLine)),
      fictitious: c.fictitious,
    });
  }
  const publishedAnalyses: PublishedAnalysis[] = analyses.flatMap((a, index) => {
    if (input.mode === "public" && analysisRejection(a, input.synthetic)) return [];
    const { blocks, visuals } = analysisParts[index]!;
    return [
      {
        slug: a.slug,
        year: a.year,
        title: frenchSpacing(a.title),
        author: a.author,
        date: a.date,
        theme: a.theme,
        fictitious: a.fictitious,
        blocks: blocks.map((b, i) =>
          b.type === "prose"
            ? {
                type: "prose" as const,
                html: renderCommentary(renderReferences(b.markdown, a.year, a.file, cells, b.line)),
              }
            : {
                type: "visual" as const,
                kind: b.directive.kind,
                visual: visuals[i]!,
                level: b.directive.level,
                category: b.directive.category,
              },
        ),
        cells: cellsOfVisuals(
          visuals.filter((v) => v !== null),
          input.published,
        ),
      },
    ];
  });
  return {
    mode: input.mode,
    gate,
    commentary,
    edition: {
      mode: input.mode,
      marking: input.mode === "review" ? reviewMarking : null,
      publishedAt: input.publishedAt,
      years: editionYears,
      uncommented: gate.missing.map((m) => ({ visual: m.visual, year: m.year })),
    },
    publishes,
    analyses: publishedAnalyses,
    workshop:
      input.mode === "public"
        ? []
        : workshopRows({
            visuals: input.visuals,
            commentaries: input.commentaries,
            analyses,
            gate,
            years: { indicatorYears, editionYears },
            synthetic: input.synthetic,
          }),
  };
}
