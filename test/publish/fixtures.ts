// Small hand-made fixtures for the editorial rules: commentary files written to a temporary
// folder (read back by the real reader, gray-matter included) and a few protected cells.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Cell, PublishedCell } from "../../loaders/contracts.ts";
import { PublicationRefused } from "../../loaders/publish/commentary-publication.ts";
import type { VisualDefinition } from "../../loaders/publish/visuals.ts";
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

export const analysis = (year: number) =>
  `En ${year}, les bénéficiaires se concentrent dans les quartiers où vivent le plus de personnes âgées, au centre comme au nord de la commune.`;

const base = { breakdown: "", category: "", unit: "count" } as const;

/** Commune and département totals published, two IRIS: one published, one secret. */
export const rawCells: Cell[] = [
  {
    ...base,
    indicator: "apa-beneficiaries",
    year: 2016,
    level: "commune",
    code: "13001",
    value: 2345,
    contributors: 2345,
  },
  {
    ...base,
    indicator: "apa-beneficiaries",
    year: 2016,
    level: "departement",
    code: "13",
    value: 41234,
    contributors: 41234,
  },
  {
    ...base,
    indicator: "apa-beneficiaries",
    year: 2016,
    level: "iris",
    code: "130010101",
    value: 57,
    contributors: 57,
  },
  {
    ...base,
    indicator: "apa-beneficiaries",
    year: 2016,
    level: "iris",
    code: "130010102",
    value: 37,
    contributors: 37,
  },
  {
    ...base,
    indicator: "apa-beneficiaries",
    year: 2016,
    level: "commune",
    code: "13001",
    breakdown: "sex",
    category: "F",
    value: 1601,
    contributors: 1601,
  },
  {
    indicator: "apa-gir-1-2-share",
    year: 2016,
    level: "commune",
    code: "13001",
    breakdown: "",
    category: "",
    unit: "share",
    value: 18.43,
    contributors: null,
  },
  {
    indicator: "apa-gir-1-2-share",
    year: 2016,
    level: "iris",
    code: "130010102",
    breakdown: "",
    category: "",
    unit: "share",
    value: 12.57,
    contributors: null,
  },
];

const secretKeys = new Set(["130010102"]);
export const publishedCells: PublishedCell[] = rawCells.map(({ contributors: _c, inputs: _i, ...cell }) => {
  const secret = cell.level === "iris" && secretKeys.has(cell.code);
  return {
    ...cell,
    value: secret ? null : cell.unit === "share" ? Math.round(cell.value! * 10) / 10 : cell.value,
    secret,
  };
});

/** The APA map of the registry, reduced to one indicator: the visual the editorial tests use. */
export const apaMapVisual: VisualDefinition = {
  id: "apa-iris-map",
  page: "personnes-agees",
  title: "L'APA à domicile par IRIS",
  kind: "iris-map",
  indicators: ["apa-beneficiaries"],
  tables: ["personnes-agees.parquet", "iris.json"],
};

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
