import type { DatasetEdition, ReferenceValue } from "../contracts.ts";
import type { CellStore } from "./cell-store.ts";
import { partnerSource } from "./catalogue/sources.ts";
import type { ReferenceCells } from "./reference-cells.ts";
import { roundingStatement } from "./rounding.ts";
import type { IndicatorDefinition, IndicatorYearInfo } from "./types.ts";

export interface YearInfoContext {
  store: CellStore;
  references: ReferenceCells;
  editions: DatasetEdition[];
  /** Observation dates read in the data, when the partner's edition is not known. */
  dataDates: Map<string, string>;
  definitionOf: (id: string) => IndicatorDefinition;
}

/** The partner's file an indicator comes from (a rate: its numerator's). */
function datasetOf(definition: IndicatorDefinition, context: YearInfoContext): string | null {
  const computation = definition.computation;
  if (computation.kind === "records" || computation.kind === "aggregate") return computation.dataset;
  if (computation.kind === "ratio") return datasetOf(context.definitionOf(computation.numerator.indicator), context);
  if (computation.kind === "evolution") return datasetOf(context.definitionOf(computation.of), context);
  if (computation.kind === "sum") return datasetOf(context.definitionOf(computation.of.indicator), context);
  return null;
}

/** Static approximations of the reference denominator a rate divides by. */
function denominatorApproximations(definition: IndicatorDefinition, context: YearInfoContext): string[] {
  if (definition.computation.kind !== "ratio") return [];
  const denominator = context.definitionOf(definition.computation.denominator.indicator);
  return denominator.computation.kind === "reference" ? denominator.approximations : [];
}

function referenceApproximations(references: ReferenceValue[], year: number): string[] {
  return references.flatMap((r) => [
    ...(r.approximation === undefined ? [] : [r.approximation]),
    ...(r.vintage === year ? [] : [`${r.source} : valeurs du millésime ${r.vintage} utilisées pour l'année ${year}.`]),
  ]);
}

const distinct = (values: string[]): string[] => [...new Set(values)];

/** One catalogue line per indicator and year that has at least one cell. */
export function indicatorYearInfo(definitions: IndicatorDefinition[], context: YearInfoContext): IndicatorYearInfo[] {
  const lines: IndicatorYearInfo[] = [];
  for (const definition of definitions) {
    const years = [...new Set(context.store.of(definition.id).map((c) => c.year))].sort();
    const dataset = datasetOf(definition, context);
    for (const year of years) {
      const edition = context.editions.find((e) => e.dataset === dataset && e.year === year);
      const references = context.references.usedBy(definition.id, year);
      const isReference = definition.computation.kind === "reference";
      lines.push({
        indicator: definition.id,
        year,
        label: definition.label,
        definition: definition.definition,
        theme: definition.theme,
        unit: definition.unit,
        sources: distinct([...(dataset === null ? [] : [partnerSource(dataset)]), ...references.map((r) => r.source)]),
        observationDate:
          edition?.observationDate ?? (dataset === null ? null : (context.dataDates.get(`${dataset}|${year}`) ?? null)),
        lastUpdate: edition?.lastUpdate ?? null,
        denominatorVintages: distinct(references.map((r) => `${r.source} (millésime ${r.vintage})`)),
        approximations: distinct([
          // The producer's own wording of an estimate replaces the catalogue's generic one.
          ...(isReference && references.some((r) => r.approximation) ? [] : definition.approximations),
          ...(references.some((r) => r.approximation) ? [] : denominatorApproximations(definition, context)),
          ...referenceApproximations(references, year),
        ]),
        decimals: definition.decimals,
        rounding: isReference
          ? "Valeur arrondie à l'unité (les estimations ne sont pas entières)."
          : roundingStatement(definition.decimals),
        synthetic: edition?.synthetic ?? false,
      });
    }
  }
  return lines;
}
