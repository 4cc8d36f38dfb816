import { cellKey, type Cell } from "../contracts.ts";
import type { CellStore } from "./cell-store.ts";
import { roundTo } from "./rounding.ts";
import type { IndicatorDefinition } from "./types.ts";

/** Change in percent from the previous year, for every cell that existed the year before. */
export function evolutionCells(definition: IndicatorDefinition, store: CellStore): Cell[] {
  const computation = definition.computation;
  if (computation.kind !== "evolution") throw new Error(`${definition.id} n'est pas une évolution`);
  const cells: Cell[] = [];
  for (const current of store.of(computation.of)) {
    const previous = store.get(
      current.indicator,
      current.year - 1,
      current.level,
      current.code,
      current.breakdown,
      current.category,
    );
    if (previous === undefined) continue;
    const computable = current.value !== null && previous.value !== null && previous.value !== 0;
    cells.push({
      indicator: definition.id,
      year: current.year,
      level: current.level,
      code: current.code,
      breakdown: current.breakdown,
      category: current.category,
      value: computable
        ? roundTo(
            (((current.value as number) - (previous.value as number)) / (previous.value as number)) * 100,
            definition.decimals,
          )
        : null,
      unit: definition.unit,
      contributors: null,
      // [previous year, year]: the order disclosure reads evolutions in.
      inputs: [cellKey(previous), cellKey(current)],
    });
  }
  return cells;
}
