/**
 * The indicator catalogue: one declaration per indicator (INDICATORS.md, except the context
 * reference data published separately), plus the yearly evolution of every count and amount.
 */
import type { IndicatorDefinition } from "./types.ts";
import { aggregatedFileIndicators } from "./catalogue/aggregated-files.ts";
import { denominatorIndicators } from "./catalogue/denominators.ts";
import { earlyChildhoodIndicators } from "./catalogue/early-childhood.ts";
import { elderlyIndicators } from "./catalogue/elderly.ts";

const evolutionSuffix = "-evolution";

/**
 * The category added to a breakdown, in the years it occurs, for rows outside every declared
 * class (age or GIR not given): the classes then still add up to the total.
 */
export const unknownCategoryLabel = { id: "unknown", label: "Non renseigné ou hors classes" } as const;

const evolutionOf = (base: IndicatorDefinition): IndicatorDefinition => ({
  ...base,
  id: `${base.id}${evolutionSuffix}`,
  label: `Évolution sur un an : ${base.label.charAt(0).toLowerCase()}${base.label.slice(1)}`,
  definition: `Variation en pourcentage par rapport à l'année précédente. ${base.definition}`,
  unit: "evolution",
  computation: { kind: "evolution", of: base.id },
  numerator: `${base.numerator}, année N moins année N-1`,
  denominator: { label: "Même indicateur, année N-1", source: base.numerator, vintage: "année précédente" },
  years: { from: base.years.from + 1, ...(base.years.to === undefined ? {} : { to: base.years.to }) },
  decimals: 1,
});

const baseIndicators: IndicatorDefinition[] = [
  ...elderlyIndicators,
  ...earlyChildhoodIndicators,
  ...aggregatedFileIndicators,
];

export const indicatorCatalogue: IndicatorDefinition[] = [
  ...baseIndicators,
  ...baseIndicators.filter((d) => d.unit === "count" || d.unit === "amount").map(evolutionOf),
  ...denominatorIndicators,
];

export const indicatorById = (id: string): IndicatorDefinition | undefined =>
  indicatorCatalogue.find((d) => d.id === id);
