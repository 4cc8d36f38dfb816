import type { Cell, Level } from "../contracts.ts";
import type { IndicatorDefinition } from "./types.ts";

/** Where a derived figure sits: one zone and one year. */
export interface CellPlace {
  year: number;
  level: Level;
  code: string;
}

/**
 * A cell an indicator computes from other cells or from reference data: the total row of
 * that indicator at one place, in its unit. Contributors are null unless the caller counts
 * them (a derived figure is protected through its inputs, not through a head count).
 */
export function derivedCell(
  definition: IndicatorDefinition,
  at: CellPlace,
  value: number | null,
  extra: { contributors?: number | null; inputs?: string[] } = {},
): Cell {
  return {
    indicator: definition.id,
    year: at.year,
    level: at.level,
    code: at.code,
    breakdown: "",
    category: "",
    value,
    unit: definition.unit,
    contributors: extra.contributors ?? null,
    ...(extra.inputs ? { inputs: extra.inputs } : {}),
  };
}

/** The sum of some cells' values; null as soon as one is unknown. */
export const sumOfValues = (cells: readonly Cell[]): number | null =>
  cells.some((c) => c.value === null) ? null : cells.reduce((sum, c) => sum + (c.value as number), 0);
