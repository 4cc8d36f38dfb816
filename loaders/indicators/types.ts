/**
 * Vocabulary of the indicator catalogue. A declaration says what an indicator means (French
 * label and definition for the pages) and how it is computed, so that the aggregation is
 * driven by the catalogue and cannot drift from what the pages say.
 */
import type { DatasetId, Level } from "../contracts.ts";

export type IndicatorTheme =
  "petite-enfance" | "personnes-agees" | "handicap" | "enfance" | "aides-financieres" | "denominateurs";

export type IndicatorUnit = "count" | "amount" | "rate" | "share" | "evolution";

/** Rows whose `field` falls in the class (bounds inclusive, ages in whole years). */
export interface RowClass {
  field: string;
  min?: number;
  max?: number;
  equals?: string | number | boolean;
}

/**
 * A category is either a class of rows (APA by sex) or a column of the partner's file
 * (places for children under 3, ASH men).
 */
export type CategoryDefinition =
  { id: string; label: string; where: RowClass } | { id: string; label: string; field: string };

/**
 * `additive`: true when the parts always sum to the total (the category "unknown" is added
 * for rows outside every class, so that it stays true); "checked" when the partner sends
 * the parts and the total separately: the relation is declared only for the cells where the
 * published values do add up; false: never declared.
 */
export interface BreakdownDefinition {
  id: string;
  label: string;
  additive: boolean | "checked";
  categories: CategoryDefinition[];
}

/** Reference to published cells: the total row when breakdown is absent. */
export interface CellSelector {
  indicator: string;
  breakdown?: string;
  /** Summed when several (APA aged 75-84 + 85 and over). */
  categories?: string[];
}

export type Computation =
  /** One individual per row; `sum` absent: count rows, present: add these fields (amounts). */
  | { kind: "records"; dataset: DatasetId; sum?: string[] }
  /** One number of an aggregated file (one line for the commune, one for the département). */
  | { kind: "aggregate"; dataset: DatasetId; field: string }
  /**
   * A sum of published categories of another indicator (APA aged 75+ = 75-84 + 85 and over),
   * published so that a rate has one numerator cell; the sum relation is declared with it.
   */
  | { kind: "sum"; of: CellSelector }
  /** numerator / denominator x per, rounded. */
  | { kind: "ratio"; numerator: CellSelector; denominator: CellSelector; per: number }
  /** A reference denominator (Denominators.get), published so that rates can be checked. */
  | { kind: "reference"; measure: string }
  /** Change from the previous year, in percent. */
  | { kind: "evolution"; of: string };

export interface IndicatorDefinition {
  id: string;
  label: string;
  definition: string;
  theme: IndicatorTheme;
  unit: IndicatorUnit;
  computation: Computation;
  /** French description of the numerator and its source file. */
  numerator: string;
  /** French description of the denominator, its source and vintage; null for counts. */
  denominator: { label: string; source: string; vintage: string } | null;
  levels: Level[];
  breakdowns: BreakdownDefinition[];
  /** First year of observation; the indicator exists every later year the file is sent. */
  years: { from: number; to?: number };
  /** Approximations known in advance; those of the denominators are added per year. */
  approximations: string[];
  /** Decimals of the published value (the audit reads rounded values as intervals). */
  decimals: number;
}

/** One line of the catalogue published with the tables, per indicator and year. */
export interface IndicatorYearInfo {
  indicator: string;
  year: number;
  label: string;
  definition: string;
  theme: IndicatorTheme;
  unit: IndicatorUnit;
  /** French wording of every source, the partner's first (Article 7 mention). */
  sources: string[];
  /** ISO date of observation (31/12 of the year, or the partner's date). */
  observationDate: string | null;
  /** Partner's date of last update (Article 6), ISO. */
  lastUpdate: string | null;
  /** Producer and vintage of each denominator used, e.g. "INSEE RP 2016 (millésime 2016)". */
  denominatorVintages: string[];
  approximations: string[];
  decimals: number;
  /** French statement of the rounding, null when values are exact counts. */
  rounding: string | null;
  synthetic: boolean;
}
