import type { Level } from "../../contracts.ts";
import type { CellSelector, IndicatorDefinition, IndicatorTheme } from "../types.ts";
import { firstYear } from "./levels.ts";

/** Rates and shares are published with one decimal; the audit reads them as intervals. */
export const ratioDecimals = 1;

interface RatioSpec {
  id: string;
  label: string;
  definition: string;
  theme: IndicatorTheme;
  unit: "rate" | "share";
  numerator: CellSelector;
  numeratorLabel: string;
  denominator: CellSelector;
  denominatorLabel: { label: string; source: string; vintage: string };
  per: number;
  levels: Level[];
  approximations?: string[];
}

export const ratio = (spec: RatioSpec): IndicatorDefinition => ({
  id: spec.id,
  label: spec.label,
  definition: spec.definition,
  theme: spec.theme,
  unit: spec.unit,
  computation: { kind: "ratio", numerator: spec.numerator, denominator: spec.denominator, per: spec.per },
  numerator: spec.numeratorLabel,
  denominator: spec.denominatorLabel,
  levels: spec.levels,
  breakdowns: [],
  years: firstYear,
  approximations: spec.approximations ?? [],
  decimals: ratioDecimals,
});

/** A share of the same file: its denominator is the published total of that file. */
export const sameFile = (label: string, source: string) => ({ label, source, vintage: "année d'observation" });

export const censusVintage = "recensement de la population (millésime indiqué pour chaque valeur)";

type MeasureSpec = Omit<IndicatorDefinition, "denominator" | "breakdowns" | "years" | "approximations" | "decimals"> &
  Partial<Pick<IndicatorDefinition, "breakdowns" | "approximations">>;

/** A count or an amount: no denominator, whole numbers, from the first year of observation. */
export const measure = (spec: MeasureSpec): IndicatorDefinition => ({
  denominator: null,
  breakdowns: [],
  years: firstYear,
  approximations: [],
  decimals: 0,
  ...spec,
});
