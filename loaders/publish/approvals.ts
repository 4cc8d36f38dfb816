/**
 * The Département's approval, recorded per dataset and year in data/approvals.json (Article 6:
 * no data leaves without the provider's prior agreement). The public build refuses to publish
 * any table holding cells of a dataset and year without one; the review build needs none (it
 * is what the partners approve). A fictitious approval (shipped with the synthetic sample)
 * never covers real exports.
 *
 * File format (keys in French, the analysts edit it):
 * { "approbations": [ { "jeu": "apa-domicile", "annee": 2015, "date": "2016-05-10",
 *                       "par": "Direction des personnes âgées", "fictif": false } ] }
 */
import { existsSync, readFileSync } from "node:fs";
import type { PublishedCell } from "../contracts.ts";
import { InputError } from "../contracts.ts";
import { indicatorById } from "../indicators/catalogue.ts";

export interface Approval {
  dataset: string;
  year: number;
  /** ISO date of the Département's agreement. */
  date: string;
  by: string;
  fictitious: boolean;
}

export function readApprovals(path: string): Approval[] {
  if (!existsSync(path)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new InputError(`${path} : fichier JSON illisible (règle approbations-json).`, path, "approbations-json");
  }
  const list = (parsed as { approbations?: unknown }).approbations;
  if (!Array.isArray(list))
    throw new InputError(
      `${path} : la clé « approbations » (une liste) manque (règle approbations-liste).`,
      path,
      "approbations-liste",
    );
  return list.map((entry: Record<string, unknown>, i) => {
    const where = `${path}, approbation n° ${i + 1}`;
    if (typeof entry.jeu !== "string" || !entry.jeu)
      throw new InputError(
        `${where}, clé « jeu » : nom du jeu de données manquant (règle approbation-jeu).`,
        path,
        "approbation-jeu",
      );
    if (!Number.isInteger(entry.annee))
      throw new InputError(
        `${where}, clé « annee » : année d'observation manquante ou non entière (règle approbation-annee).`,
        path,
        "approbation-annee",
      );
    if (typeof entry.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(entry.date))
      throw new InputError(
        `${where}, clé « date » : date de l'accord attendue au format AAAA-MM-JJ (règle approbation-date).`,
        path,
        "approbation-date",
      );
    return {
      dataset: entry.jeu,
      year: entry.annee as number,
      date: entry.date,
      by: String(entry.par ?? ""),
      fictitious: entry.fictif === true,
    };
  });
}

/** The partner's dataset behind an indicator (a rate: its numerator's); null for public data. */
export function datasetOfIndicator(id: string): string | null {
  const computation = indicatorById(id)?.computation;
  if (!computation) return null;
  switch (computation.kind) {
    case "records":
    case "aggregate":
      return computation.dataset;
    case "ratio":
      return datasetOfIndicator(computation.numerator.indicator);
    case "sum":
      return datasetOfIndicator(computation.of.indicator);
    case "evolution":
      return datasetOfIndicator(computation.of);
    default:
      return null;
  }
}

export interface DatasetYear {
  dataset: string;
  year: number;
}

/** Every (dataset, year) whose cells a set of published cells holds; an evolution needs both years. */
export function datasetYearsOf(cells: Iterable<PublishedCell>): DatasetYear[] {
  const seen = new Map<string, DatasetYear>();
  for (const cell of cells) {
    const dataset = datasetOfIndicator(cell.indicator);
    if (dataset === null) continue;
    const years =
      indicatorById(cell.indicator)?.computation.kind === "evolution" ? [cell.year - 1, cell.year] : [cell.year];
    for (const year of years) seen.set(`${dataset}|${year}`, { dataset, year });
  }
  return [...seen.values()].sort((a, b) => a.dataset.localeCompare(b.dataset) || a.year - b.year);
}

/** The (dataset, year) pairs without a valid approval; a fictitious one counts only on synthetic data. */
export function unapproved(
  needed: readonly DatasetYear[],
  approvals: readonly Approval[],
  synthetic: boolean,
): DatasetYear[] {
  return needed.filter(
    (n) => !approvals.some((a) => a.dataset === n.dataset && a.year === n.year && (synthetic || !a.fictitious)),
  );
}

export function describeUnapproved(missing: readonly DatasetYear[]): string {
  return [
    `Publication refusée : ${missing.length} jeu(x) de données sans l'accord du Département (article 6 de la convention), à enregistrer dans data/approvals.json :`,
    ...missing.map((m) => `- ${m.dataset}, année ${m.year}`),
    "La construction pour la réunion des partenaires (« npm run build:review ») n'a pas besoin de cet accord.",
  ].join("\n");
}
