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
  publishableTables,
  reviewMarking,
  type BuildMode,
  type GateResult,
} from "./gate.ts";
import type { VisualDefinition } from "./visuals.ts";
import type { ProseText } from "./page-prose.ts";

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
}

export interface PublishedCommentaryEntry {
  author: string;
  date: string;
  html: string;
  fictitious: boolean;
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
}

export function lintEditorial(
  input: Pick<EditorialInput, "commentaries" | "visuals" | "published" | "raw" | "pages">,
): LintProblem[] {
  const secrets = secretValuesOf(input.published, input.raw);
  // The site's own pages are written before the data exist: a number there that equals a
  // secret value is a coincidence (a postcode, an age), so only the 1-4 rule applies to them.
  const noSecrets = { integers: new Set<number>(), decimals: new Set<string>() };
  return [
    ...(input.pages ?? []).flatMap((p) => lintText(p.text, p.file, noSecrets)),
    ...input.commentaries.flatMap((c) => lintText(c.markdown, c.file, secrets, c.bodyLine)),
    ...input.visuals.flatMap((v) => lintText(v.title, `loaders/publish/visuals.ts (titre du visuel ${v.id})`, secrets)),
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

  const allowed = publishableTables(input.visuals, gate, input.mode);
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
  };
}
