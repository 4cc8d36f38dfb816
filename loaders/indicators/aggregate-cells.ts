import { InputError, type AggregateRecord, type Cell } from "../contracts.ts";
import type { IndicatorDefinition } from "./types.ts";
import { normalizeCommune } from "./territory.ts";

/** Two lines for one area and year would be counted twice: the file must be fixed. */
export function checkAggregateLines(aggregates: AggregateRecord[]): void {
  const seen = new Set<string>();
  for (const line of aggregates) {
    const key = [line.dataset, line.year, line.level, normalizeCommune(line.code)].join("|");
    if (seen.has(key)) {
      throw new InputError(
        `Indicateurs : le fichier « ${line.dataset} » de ${line.year} a deux lignes pour le territoire ${line.code} (${line.level}) (règle ligne-unique).`,
        line.dataset,
        "ligne-unique",
      );
    }
    seen.add(key);
  }
}

function count(line: AggregateRecord, field: string): number | null {
  const value = line.fields[field];
  if (value === null || value === undefined) return null;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InputError(
      `Indicateurs : fichier « ${line.dataset} » de ${line.year}, territoire ${line.code}, colonne « ${field} » : un effectif doit être un nombre positif ou nul (règle effectif-positif).`,
      line.dataset,
      "effectif-positif",
    );
  }
  return value;
}

/** Cells of an indicator read from the partner's aggregated lines: the count is the contributors. */
export function aggregateCells(definition: IndicatorDefinition, aggregates: AggregateRecord[]): Cell[] {
  const computation = definition.computation;
  if (computation.kind !== "aggregate") throw new Error(`${definition.id} n'est pas lu dans un fichier agrégé`);
  const cells: Cell[] = [];
  for (const line of aggregates) {
    if (line.dataset !== computation.dataset || !definition.levels.includes(line.level)) continue;
    const at = {
      indicator: definition.id,
      year: line.year,
      level: line.level,
      code: normalizeCommune(line.code) as string,
      unit: definition.unit,
    };
    const total = count(line, computation.field);
    cells.push({ ...at, breakdown: "", category: "", value: total, contributors: total });
    for (const breakdown of definition.breakdowns) {
      for (const category of breakdown.categories) {
        if (!("field" in category))
          throw new Error(`${definition.id} : une ventilation d'un fichier agrégé se lit dans une colonne`);
        const value = count(line, category.field);
        cells.push({ ...at, breakdown: breakdown.id, category: category.id, value, contributors: value });
      }
    }
  }
  return cells;
}
