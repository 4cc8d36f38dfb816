/**
 * The partner-facing quality report of one export, in French and without any personal
 * value: rejections by rule and column, headers recognised, dropped columns, duplicates,
 * share not geocoded when known.
 */
import type { RowAccount } from "../contracts.ts";
import { formatAccount, totalRejected } from "./format-account.ts";
import type { ParsedExport } from "./read-export.ts";
import { getSchema } from "./registry.ts";

export interface QualityInput {
  parsed: ParsedExport;
  /** Account after de-duplication (and geocoding when done). */
  account: RowAccount;
  conflicts?: number;
  geocoded?: boolean;
}

const pct = (n: number, d: number) =>
  d ? `${((100 * n) / d).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} %` : "—";

export function qualityReport({ parsed, account, conflicts = 0, geocoded = false }: QualityInput): string {
  const schema = getSchema(parsed.dataset);
  const byRuleColumn = new Map<string, number>();
  const warnings = new Map<string, number>();
  for (const g of parsed.rejectionCounts.groups) {
    const key = `${g.rule} | ${g.column}`;
    const target = g.severity === "error" ? byRuleColumn : warnings;
    target.set(key, (target.get(key) ?? 0) + g.count);
  }
  const dataRows = account.read - account.ignored;
  const out = [
    `# Rapport de qualité — ${schema?.label ?? parsed.dataset}`,
    "",
    `Fichier : ${parsed.file}${parsed.sheet ? ` (feuille « ${parsed.sheet} »)` : ""}`,
    `Protocole d'échange : ${parsed.protocol === 1 ? "n° 1 (retour avec IRIS, sans identifiant)" : "n° 2 (identifiant et adresse)"}`,
    `Date d'observation : ${parsed.observationDate ?? "non précisée"}`,
    `Date de dernière mise à jour : ${parsed.lastUpdate ?? "non précisée"}`,
    ...(parsed.format === "csv" ? [`Encodage : ${parsed.encoding ?? "non précisé"}`] : []),
    "",
    ...(parsed.notes.length ? ["## À savoir", "", ...parsed.notes.map((n) => `- ${n}`), ""] : []),
    "## Bilan des lignes",
    "",
    ...formatAccount(account, { protocol: parsed.protocol, geocoded }).map((l) => `    ${l}`),
    "",
    `Part des lignes de données rejetées : ${pct(totalRejected(account), dataRows)}`,
    `Part des lignes en double : ${pct(account.duplicates, dataRows)}${conflicts ? ` (dont ${conflicts} avec des valeurs différentes de la première occurrence)` : ""}`,
    ...(geocoded ? [`Part des lignes non géocodées : ${pct(account.notGeocoded, dataRows)}`] : []),
    "",
    "## Rejets par règle et par colonne",
    "",
    ...(byRuleColumn.size
      ? [...byRuleColumn].sort((a, b) => b[1] - a[1]).map(([k, n]) => `- ${k} : ${n}`)
      : ["Aucun rejet."]),
    "",
    "## Avertissements (lignes conservées)",
    "",
    ...(warnings.size
      ? [...warnings].sort((a, b) => b[1] - a[1]).map(([k, n]) => `- ${k} : ${n}`)
      : ["Aucun avertissement."]),
    "",
    "## Colonnes reconnues",
    "",
    ...Object.entries(parsed.headerMap).map(([h, f]) => `- « ${h} » → ${f}`),
    "",
    "## Colonnes écartées dès la lecture (hors du champ de la convention)",
    "",
    ...(parsed.droppedColumns.length ? parsed.droppedColumns.map((c) => `- « ${c} »`) : ["Aucune."]),
    "",
  ];
  return out.join("\n");
}
