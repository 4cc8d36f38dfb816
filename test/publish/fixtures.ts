// Small hand-made fixtures for the editorial rules: commentary files written to a temporary
// folder (read back by the real reader, gray-matter included) and a few protected cells.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Cell, PublishedCell } from "../../loaders/contracts.ts";
import type { IndicatorYearInfo } from "../../loaders/indicators/types.ts";
import type { Approval } from "../../loaders/publish/approvals.ts";
import { readCommentaries } from "../../loaders/publish/commentary.ts";
import { PublicationRefused, type EditorialInput } from "../../loaders/publish/commentary-publication.ts";
import type { VisualDefinition } from "../../loaders/publish/visuals.ts";
import { cell } from "../helpers/cells.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

export interface CommentaryFile {
  visual: string;
  year: number;
  status?: string;
  author?: string;
  date?: string;
  fictitious?: boolean;
  text: string;
}

const commentaryRoot = useTempDirs("abs-commentary-");

/** Writes data/commentary/<year>/<visual>.md files under a fresh temporary project folder. */
export function writeCommentaryFolder(files: CommentaryFile[]): string {
  const root = commentaryRoot();
  const folder = join(root, "data", "commentary");
  for (const f of files) {
    mkdirSync(join(folder, String(f.year)), { recursive: true });
    const front = [
      "---",
      `auteur: ${f.author ?? "Service observation sociale"}`,
      `date: ${f.date ?? `${f.year + 1}-06-01`}`,
      `statut: ${f.status ?? "validé"}`,
      ...(f.fictitious ? ["fictif: true"] : []),
      "---",
    ];
    writeFileSync(join(folder, String(f.year), `${f.visual}.md`), `${front.join("\n")}\n${f.text}\n`);
  }
  return folder;
}

/** A map of one indicator, as the editorial rules see a visual. */
export const apaMap: VisualDefinition = {
  id: "apa-iris-map",
  page: "personnes-agees",
  title: "L'APA à domicile par IRIS",
  kind: "iris-map",
  indicators: ["apa-beneficiaries"],
  tables: ["personnes-agees.parquet", "iris.json"],
};

export const analysis = (year: number) =>
  `En ${year}, les bénéficiaires se concentrent dans les quartiers où vivent le plus de personnes âgées, au centre comme au nord de la commune.`;

/** Commune and département totals published, two IRIS: one published, one secret. */
const apa = (level: Cell["level"], code: string, value: number, more: Partial<Cell> = {}) =>
  cell("apa-beneficiaries", code, more.category ?? "", value, { year: 2016, level, contributors: value, ...more });
const share = (level: Cell["level"], code: string, value: number) =>
  cell("apa-gir-1-2-share", code, "", value, { year: 2016, level, unit: "share" });

export const rawCells: Cell[] = [
  apa("commune", "13001", 2345),
  apa("departement", "13", 41234),
  apa("iris", "130010101", 57),
  apa("iris", "130010102", 37),
  apa("commune", "13001", 1601, { breakdown: "sex", category: "F" }),
  share("commune", "13001", 18.43),
  share("iris", "130010102", 12.57),
];

const secretKeys = new Set(["130010102"]);
export const publishedCells: PublishedCell[] = rawCells.map(({ contributors: _c, inputs: _i, ...shown }) => {
  const secret = shown.level === "iris" && secretKeys.has(shown.code);
  return {
    ...shown,
    value: secret ? null : shown.unit === "share" ? Math.round(shown.value! * 10) / 10 : shown.value,
    secret,
  };
});

/** The error a refused publication throws; fails the test if it does not throw one. */
export function refusal(run: () => unknown): PublicationRefused {
  try {
    run();
  } catch (error) {
    if (error instanceof PublicationRefused) return error;
    throw error;
  }
  throw new Error("la publication aurait dû être refusée");
}

/** The APA data of 2016, approved by the Département's direction (data/approvals.json). */
export const approved: Approval[] = [
  { dataset: "apa-domicile", year: 2016, date: "2017-05-18", by: "Direction PA/PH", fictitious: false },
];

/**
 * A public build's editorial input over these fixtures: the APA map, its data approved, the
 * commentary files given, the cells above; a test overrides what it is about.
 */
export function editorialInput(files: CommentaryFile[], overrides: Partial<EditorialInput> = {}): EditorialInput {
  return {
    mode: "public",
    visuals: [apaMap],
    commentaries: readCommentaries(writeCommentaryFolder(files)),
    approvals: approved,
    published: publishedCells,
    raw: rawCells,
    catalogue: [{ indicator: "apa-beneficiaries", year: 2016 }] as IndicatorYearInfo[],
    synthetic: false,
    publishedAt: "2017-06-30",
    ...overrides,
  };
}
